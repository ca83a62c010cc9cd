package io.contactdesk.activity.control;

import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.UnreadContact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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

  @Inject EntityManager em;

  /** Where a page of unread contacts ends: the last one's time and id. */
  public record Position(Instant at, String contactId) {
    public Position {
      Objects.requireNonNull(at);
      Objects.requireNonNull(contactId);
    }
  }

  /**
   * Counting stops here: a member with thousands of unread contacts needs no exact figure, and so
   * the answer costs at most this many index entries however many there are (a million unread rows
   * of one agent took 0.7 s to count on PostgreSQL and over 20 s on H2).
   */
  public static final int COUNTED = 1000;

  /**
   * One queue's unread contacts for one member: how many (at most {@link #COUNTED}, {@code capped}
   * when there are more), and a page, newest first.
   */
  public record Unread(int count, boolean capped, List<UnreadContact> page) {}

  /**
   * The member's unread contacts of the queue: the count, and up to {@code limit} of them below
   * {@code below} (from the newest when null). From the newest it is one read of the index that
   * stops after {@link #COUNTED} + 1 rows; below a cursor, a second read for the page.
   */
  public Unread of(String username, String queueId, Position below, int limit) {
    List<UnreadContact> newest =
        em.createNamedQuery(UnreadContact.NEWEST, UnreadContact.class)
            .setParameter("queueId", queueId)
            .setParameter("username", username)
            .setMaxResults(COUNTED + 1)
            .getResultList();
    int count = Math.min(newest.size(), COUNTED);
    boolean capped = newest.size() > COUNTED;
    if (below == null || count == 0) {
      return new Unread(count, capped, newest.subList(0, Math.min(limit, newest.size())));
    }
    return new Unread(
        count,
        capped,
        em.createNamedQuery(UnreadContact.BELOW, UnreadContact.class)
            .setParameter("queueId", queueId)
            .setParameter("username", username)
            .setParameter("at", below.at())
            .setParameter("contactId", below.contactId())
            .setMaxResults(limit)
            .getResultList());
  }

  /** Called by {@link ActivityLog#record} only, inside the transaction of the change. */
  void recorded(ActivityEntry entry) {
    switch (entry.type()) {
      case CONTACT_REGISTERED ->
          em.createNamedQuery(UnreadContact.REGISTERED)
              .setParameter("contactId", entry.contactId())
              .setParameter("at", entry.at())
              .setParameter("queueId", entry.queueId())
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
