package io.contactdesk.activity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A contact one member of its queue has not opened yet. The rule, in one place ({@code
 * UnreadContacts} keeps the rows, migration V7 explains the table):
 *
 * <ol>
 *   <li>A registered contact is unread for every member of its queue at the moment it arrives. An
 *       agent who joins later does not inherit the queue's past; an admin who is not a member has
 *       nothing unread there (as they get no notification either).
 *   <li>It stays unread for a member until that member views its content; another member's view
 *       changes nothing for them.
 *   <li>It is unread for nobody once it is erased (an admin's deletion, the retention period, a
 *       deleted queue), and for nobody who left the queue or was deleted.
 * </ol>
 *
 * Rows are only inserted and deleted, never changed; there is no limit in time or in log entries.
 */
@Entity
@Table(name = "unread_contact")
// Ordered by the index's columns from the first, so H2 reads the page off (queue_id, username,
// registered_at DESC, contact_id DESC) and stops, as the activity page does (migration V3). Below a
// cursor, "registeredAt <= :at" is the range H2 and PostgreSQL seek to; the rest breaks ties.
@NamedQuery(
    name = UnreadContact.NEWEST,
    query =
        "select u from UnreadContact u where u.queueId = :queueId and u.key.username = :username"
            + " order by u.queueId, u.key.username, u.registeredAt desc, u.key.contactId desc")
@NamedQuery(
    name = UnreadContact.BELOW,
    query =
        "select u from UnreadContact u where u.queueId = :queueId and u.key.username = :username"
            + " and u.registeredAt <= :at and (u.registeredAt < :at or u.key.contactId < :contactId)"
            + " order by u.queueId, u.key.username, u.registeredAt desc, u.key.contactId desc")
@NamedQuery(
    name = UnreadContact.OPENED,
    query =
        "delete from UnreadContact u where u.key.contactId = :contactId"
            + " and u.key.username = :username")
// A new contact is unread for the queue's members of this moment: one statement, in which Hibernate
// knows both tables (a native query would make it flush and clean up as if any table had changed).
@NamedQuery(
    name = UnreadContact.REGISTERED,
    query =
        "insert into UnreadContact (key.contactId, key.username, queueId, registeredAt)"
            + " select :contactId, m.key.username, m.key.queueId, :at from Membership m"
            + " where m.key.queueId = :queueId")
@NamedQuery(
    name = UnreadContact.ERASED,
    query = "delete from UnreadContact u where u.key.contactId = :contactId")
public class UnreadContact {

  public static final String NEWEST = "UnreadContact.newest";
  public static final String BELOW = "UnreadContact.below";
  public static final String REGISTERED = "UnreadContact.registered";
  public static final String OPENED = "UnreadContact.opened";
  public static final String ERASED = "UnreadContact.erased";

  @EmbeddedId private Key key;

  @Column(name = "queue_id", nullable = false)
  private String queueId;

  @Column(name = "registered_at", nullable = false)
  private Instant registeredAt;

  protected UnreadContact() {}

  public String contactId() {
    return key.contactId;
  }

  public String username() {
    return key.username;
  }

  public String queueId() {
    return queueId;
  }

  public Instant registeredAt() {
    return registeredAt;
  }

  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "contact_id")
    private String contactId;

    @Column(name = "username")
    private String username;

    protected Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && contactId.equals(k.contactId) && username.equals(k.username);
    }

    @Override
    public int hashCode() {
      return Objects.hash(contactId, username);
    }
  }
}
