package io.contactdesk.activity.control;

import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.UnreadContact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Which contacts a member has not opened yet (the rule is numbered on {@link UnreadContact}). The
 * rows follow the activity log: {@link ActivityLog#record} hands every entry here, in the
 * transaction of the change, so the unread state can never disagree with the log.
 */
@ApplicationScoped
public class UnreadContacts {

  /**
   * The queue's members at this moment, read and written by the database in one statement. The
   * table is the queues feature's; the foreign key of unread_contact to it (migration V7) states
   * the dependency in the schema and removes the rows when a membership ends.
   */
  static final String REGISTERED =
      "INSERT INTO unread_contact (contact_id, username, queue_id, registered_at)"
          + " SELECT ?1, m.username, m.queue_id, ?2 FROM queue_member m WHERE m.queue_id = ?3";

  @Inject EntityManager em;

  /** Where a page of unread contacts ends: the last one's time and id. */
  public record Position(Instant at, String contactId) {
    public Position {
      Objects.requireNonNull(at);
      Objects.requireNonNull(contactId);
    }
  }

  /** One queue's unread contacts for one member: how many in all, and a page, newest first. */
  public record Unread(long count, List<UnreadContact> page) {}

  /**
   * How many contacts of the queue the member has not opened, and up to {@code limit} of them
   * below {@code below} (from the newest when null). Two reads of one index, each as long as its
   * answer: the count walks only this member's unread rows, the page stops at its limit.
   */
  public Unread of(String username, String queueId, Position below, int limit) {
    long count =
        em.createNamedQuery(UnreadContact.COUNT, Long.class)
            .setParameter("username", username)
            .setParameter("queueId", queueId)
            .getSingleResult();
    if (count == 0) {
      return new Unread(0, List.of());
    }
    TypedQuery<UnreadContact> page =
        below == null
            ? em.createNamedQuery(UnreadContact.NEWEST, UnreadContact.class)
            : em.createNamedQuery(UnreadContact.BELOW, UnreadContact.class)
                .setParameter("at", below.at())
                .setParameter("contactId", below.contactId());
    return new Unread(
        count,
        page.setParameter("username", username)
            .setParameter("queueId", queueId)
            .setMaxResults(limit)
            .getResultList());
  }

  /** Called by {@link ActivityLog#record} only, inside the transaction of the change. */
  void recorded(ActivityEntry entry) {
    switch (entry.type()) {
      case CONTACT_REGISTERED ->
          em.createNativeQuery(REGISTERED)
              .setParameter(1, entry.contactId())
              .setParameter(2, entry.at())
              .setParameter(3, entry.queueId())
              .executeUpdate();
      case CONTENT_VIEWED -> {
        if (entry.actor() != null) {
          em.createNamedQuery(UnreadContact.OPENED)
              .setParameter("contactId", entry.contactId())
              .setParameter("username", entry.actor())
              .executeUpdate();
        }
      }
      case CONTACT_DELETED ->
          em.createNamedQuery(UnreadContact.ERASED)
              .setParameter("contactId", entry.contactId())
              .executeUpdate();
      default -> {
        // comments, status and handler changes leave a contact as unread as it was
      }
    }
  }
}
