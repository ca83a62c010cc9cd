package io.contactdesk.contacts.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.entity.Comment;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PlainText;
import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.control.QueueAccess;
import io.contactdesk.queues.control.QueueDeleted;
import io.contactdesk.users.control.Caller;
import io.contactdesk.users.control.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * What agents do with a contact: read it (which is logged, so there is a trail of who read what),
 * comment on it, move its status, hand it over; and what admins and the retention job do: erase it.
 */
@ApplicationScoped
public class Casework {

  @Inject EntityManager em;
  @Inject QueueAccess access;
  @Inject Memberships memberships;
  @Inject ActivityLog log;
  @Inject Users users;
  @Inject Clock clock;
  @Inject Event<ContactErased> erased;

  /** "View content": the answers and comments, and a CONTENT_VIEWED entry naming the reader. */
  @Transactional
  public CaseFile view(String contactId, Caller caller) {
    Contact contact = visible(contactId, caller);
    log.record(
        contact.queueId(), ActivityType.CONTENT_VIEWED, now(), caller.username(), contact.id());
    return new CaseFile(
        contact,
        em.createNamedQuery(Comment.OF_CONTACT, Comment.class)
            .setParameter("contactId", contact.id())
            .getResultList());
  }

  /**
   * Adds a comment, optionally changing the status and the handler (a member of the contact's
   * queue; an empty handler means nobody). Each change gets its own log entry.
   */
  @Transactional
  public Comment comment(
      String contactId, Caller caller, String text, String status, String handler) {
    Contact contact = visible(contactId, caller, LockModeType.PESSIMISTIC_WRITE);
    var errors = new InvalidInput.Collector();
    String body = text == null ? "" : PlainText.normalise(text);
    if (body.length() > Comment.MAX_LENGTH) {
      errors.add("text", "must be at most " + Comment.MAX_LENGTH + " characters");
    } else if (PlainText.problem(body, true) != null) {
      errors.add("text", PlainText.problem(body, true));
    }
    Status newStatus = status(status, errors);
    String newHandler = handler == null || handler.isEmpty() ? null : handler;
    if (newHandler != null && !memberships.isMember(contact.queueId(), newHandler)) {
      errors.add("handler", "must be a member of this contact's queue");
    }
    boolean changesStatus = newStatus != null && newStatus != contact.status();
    boolean changesHandler = handler != null && !Objects.equals(newHandler, contact.handler());
    if (errors.isEmpty() && body.isEmpty() && !changesStatus && !changesHandler) {
      errors.add("text", "write a comment, or change the status or the handler");
    }
    errors.throwIfAny();
    Instant at = now();
    boolean statusChanged = contact.changeStatus(newStatus);
    boolean handlerChanged = handler != null && contact.handOver(newHandler);
    Comment comment =
        new Comment(
            Ids.random(),
            contact.id(),
            caller.username(),
            users.displayNameOf(caller.username()),
            at,
            body,
            statusChanged ? newStatus : null,
            handlerChanged ? newHandler : null);
    em.persist(comment);
    contact.commented(at);
    if (!body.isEmpty()) {
      log.record(
          contact.queueId(), ActivityType.COMMENT_ADDED, at, caller.username(), contact.id());
    }
    if (statusChanged) {
      log.record(
          contact.queueId(), ActivityType.STATUS_CHANGED, at, caller.username(), contact.id());
    }
    if (handlerChanged) {
      log.record(
          contact.queueId(), ActivityType.HANDLER_CHANGED, at, caller.username(), contact.id());
    }
    return comment;
  }

  /**
   * GDPR erasure: the answers and comments go, and with {@link ContactErased} what other features
   * keep about the contact (its owed mail); a CONTACT_DELETED entry stays.
   */
  @Transactional
  public void erase(String contactId, Caller caller) {
    erase(visible(contactId, caller), caller.username());
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void erase(Contact contact, String actor) {
    em.createNamedQuery(Comment.ERASE).setParameter("contactId", contact.id()).executeUpdate();
    erased.fire(new ContactErased(contact.id()));
    em.remove(contact);
    log.record(contact.queueId(), ActivityType.CONTACT_DELETED, now(), actor, contact.id());
  }

  /**
   * A queue being deleted takes its contacts along, erased as an admin's DELETE erases one: each
   * leaves a CONTACT_DELETED entry naming the admin. Runs in the deleting transaction.
   */
  void eraseQueue(@Observes QueueDeleted deleted) {
    Instant at = now();
    for (String id :
        em.createNamedQuery(Contact.IDS_IN_QUEUE, String.class)
            .setParameter("queueId", deleted.queueId())
            .getResultList()) {
      log.record(deleted.queueId(), ActivityType.CONTACT_DELETED, at, deleted.actor(), id);
    }
    em.createNamedQuery(Contact.ERASE_QUEUE_COMMENTS)
        .setParameter("queueId", deleted.queueId())
        .executeUpdate();
    em.createNamedQuery(Contact.ERASE_QUEUE)
        .setParameter("queueId", deleted.queueId())
        .executeUpdate();
  }

  /**
   * Erases up to {@code batch} contacts of the queue registered before {@code before}, the way an
   * admin's DELETE does, with the system as the actor. Returns how many it erased.
   */
  @Transactional
  public int eraseOlderThan(String queueId, Instant before, int batch) {
    var expired =
        em.createNamedQuery(Contact.OLDER_THAN, Contact.class)
            .setParameter("queueId", queueId)
            .setParameter("before", before)
            .setMaxResults(batch)
            .getResultList();
    expired.forEach(contact -> erase(contact, null));
    return expired.size();
  }

  private Contact visible(String contactId, Caller caller) {
    return visible(contactId, caller, LockModeType.NONE);
  }

  private Contact visible(String contactId, Caller caller, LockModeType lock) {
    Contact contact = Ids.isWellFormed(contactId) ? em.find(Contact.class, contactId, lock) : null;
    if (contact == null || !access.canSee(contact.queueId(), caller)) {
      throw new ContactNotFound();
    }
    return contact;
  }

  private static Status status(String status, InvalidInput.Collector errors) {
    if (status == null) {
      return null;
    }
    try {
      return Status.valueOf(status.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.add("status", "must be one of NEW, IN_PROGRESS, DONE, SPAM");
      return null;
    }
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
