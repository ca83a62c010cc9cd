package io.contactdesk.queues.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** An agent works in a queue: sees its log and contacts, and is notified of its new contacts. */
@Entity
@Table(name = "queue_member")
@NamedQuery(
    name = Membership.QUEUES_OF,
    query =
        "select q from Queue q where q.id in (select m.key.queueId from Membership m where m.key.username = :username) order by lower(q.name), q.id")
@NamedQuery(
    name = Membership.MEMBERS_OF,
    query = "select m.key.username from Membership m where m.key.queueId = :queueId")
@NamedQuery(
    name = Membership.COUNT,
    query =
        "select count(m) from Membership m where m.key.queueId = :queueId and m.key.username = :username")
public class Membership {

  public static final String QUEUES_OF = "Membership.queuesOf";
  public static final String MEMBERS_OF = "Membership.membersOf";
  public static final String COUNT = "Membership.count";

  @EmbeddedId private Key key;

  @Column(name = "joined_at", nullable = false)
  private Instant joinedAt;

  protected Membership() {}

  public Membership(String queueId, String username, Instant joinedAt) {
    this.key = new Key(queueId, username);
    this.joinedAt = Objects.requireNonNull(joinedAt);
  }

  public static Key key(String queueId, String username) {
    return new Key(queueId, username);
  }

  @Embeddable
  public static class Key implements Serializable {
    @Column(name = "queue_id")
    private String queueId;

    @Column(name = "username")
    private String username;

    protected Key() {}

    Key(String queueId, String username) {
      this.queueId = Objects.requireNonNull(queueId);
      this.username = Objects.requireNonNull(username);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && queueId.equals(k.queueId) && username.equals(k.username);
    }

    @Override
    public int hashCode() {
      return Objects.hash(queueId, username);
    }
  }
}
