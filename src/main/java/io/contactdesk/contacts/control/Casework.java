package io.contactdesk.contacts.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.entity.Comment;
import io.contactdesk.contacts.entity.CommentDraft;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
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
import java.util.Map;

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
  @Inject Event<ContactCommented> commentedEvent;
  @Inject Event<ContactStatusChanged> statusChanged;

  /** "View content": the answers and comments, and a CONTENT_VIEWED entry naming the reader. */
  @Transactional
  public CaseFile view(String contactId, Caller caller) {
    Contact contact = visible(contactId, caller);
    log.record(
        contact.queueId(),
        ActivityType.CONTENT_VIEWED,
        now(),
        caller.username(),
        contact.id(),
        contact.reference());
    return new CaseFile(
        contact,
        em.createNamedQuery(Comment.OF_CONTACT, Comment.class)
            .setParameter("contactId", contact.id())
            .getResultList());
  }

  /**
   * Adds a comment, optionally changing the status and the handler (the rules are {@link
   * Contact#comment}'s). {@code refused} holds what the request's own rules refused (field to
   * message), answered in one 422 with the contact's; a contact the caller cannot see is 404 first.
   * Each change gets its own log entry; {@link ContactCommented} is fired for every comment, and
   * {@link ContactStatusChanged} as well when the status moved.
   */
  @Transactional
  public Comment comment(
      String contactId, Caller caller, CommentDraft draft, Map<String, String> refused) {
    Contact contact = visible(contactId, caller, LockModeType.PESSIMISTIC_WRITE);
    var errors = new InvalidInput.Collector();
    refused.forEach(errors::add);
    boolean handlerIsMember =
        !draft.handsOver()
            || draft.handler() == null
            || memberships.isMember(contact.queueId(), draft.handler());
    Instant at = now();
    Contact.Commented commented =
        contact.comment(
            Ids.random(),
            caller.username(),
            users.displayNameOf(caller.username()),
            at,
            draft,
            handlerIsMember,
            errors);
    Comment comment = commented.comment();
    em.persist(comment);
    String by = caller.username();
    if (!comment.body().isEmpty()) {
      log.record(
          contact.queueId(), ActivityType.COMMENT_ADDED, at, by, contact.id(), contact.reference());
    }
    if (commented.statusChanged()) {
      log.record(
          contact.queueId(),
          ActivityType.STATUS_CHANGED,
          at,
          by,
          contact.id(),
          contact.reference(),
          new ActivityEntry.Change(commented.statusBefore().name(), contact.status().name()));
    }
    if (commented.handlerChanged()) {
      log.record(
          contact.queueId(),
          ActivityType.HANDLER_CHANGED,
          at,
          by,
          contact.id(),
          contact.reference(),
          new ActivityEntry.Change(commented.handlerBefore(), contact.handler()));
    }
    commentedEvent.fire(new ContactCommented(contact.id(), contact.queueId(), comment.id(), at));
    if (commented.statusChanged()) {
      statusChanged.fire(
          new ContactStatusChanged(
              contact.id(), contact.queueId(), commented.statusBefore(), contact.status(), at));
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
    log.record(
        contact.queueId(),
        ActivityType.CONTACT_DELETED,
        now(),
        actor,
        contact.id(),
        contact.reference());
  }

  /**
   * A queue being deleted takes its contacts along, erased as an admin's DELETE erases one: each
   * leaves a CONTACT_DELETED entry naming the admin. Runs in the deleting transaction.
   */
  void eraseQueue(@Observes QueueDeleted deleted) {
    Instant at = now();
    for (Object[] idAndReference :
        em.createNamedQuery(Contact.IDS_IN_QUEUE, Object[].class)
            .setParameter("queueId", deleted.queueId())
            .getResultList()) {
      log.record(
          deleted.queueId(),
          ActivityType.CONTACT_DELETED,
          at,
          deleted.actor(),
          (String) idAndReference[0],
          (String) idAndReference[1]);
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

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
