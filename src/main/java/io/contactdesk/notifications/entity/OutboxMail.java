package io.contactdesk.notifications.entity;

import io.contactdesk.platform.RetryPolicy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One e-mail owed to one agent about one new contact. Written in the contact's own transaction, so
 * a stored contact always has its mail owed, and sent later by a worker that retries with back-off.
 * It holds the recipient and the contact's id, never what the visitor wrote.
 *
 * <p>Its way out, on any number of nodes sharing the database:
 *
 * <ol>
 *   <li>A due mail is claimed by one node for a lease ({@link #claim}); the claim is taken under a
 *       row lock that other nodes skip ({@code FOR UPDATE SKIP LOCKED}), so two nodes never hold
 *       the same mail. A claim that runs out unused (its node died or fell behind) lets another
 *       node claim the mail.
 *   <li>Before SMTP is spoken to, the claiming node marks it {@code SENDING} and commits ({@link
 *       #startSending}), under its row lock and only while the claim is still its own.
 *   <li>Sent, it is {@code SENT}; failed, it waits for its next attempt or is given up.
 *   <li>A mail still {@code SENDING} when its lease has run out was caught mid-send by a crash or a
 *       stall: SMTP may have taken it. It is given up ({@link #abandon}), never sent again, so
 *       nobody gets a notification twice; admins see it as failed.
 * </ol>
 */
@Entity
@Table(name = "mail_outbox")
// Who is owed a mail about a new contact: the enabled members of its queue who want e-mail. It
// reads the tables of users and queues, the two features notifications is built on (and imports),
// in one query, so a submission's transaction pays one read for it; a named query, so a renamed
// entity or field fails the start instead of the first submission.
@NamedQuery(
    name = OutboxMail.RECIPIENTS,
    query =
        "select u from User u where u.notifyEmail = true and u.disabled = false and u.username in"
            + " (select m.key.username from Membership m where m.key.queueId = :queueId)")
@NamedQuery(
    name = OutboxMail.ERASE,
    query = "delete from OutboxMail m where m.contactId = :contactId")
// the rows of #claimable(now), in the order they fell due
@NamedQuery(
    name = OutboxMail.CLAIMABLE,
    query =
        "select m from OutboxMail m where m.state = :pending and m.nextAttemptAt <= :now"
            + " and (m.claimedUntil is null or m.claimedUntil < :now) order by m.nextAttemptAt")
// the rows of #abandoned(now)
@NamedQuery(
    name = OutboxMail.ABANDONED,
    query =
        "select m from OutboxMail m where m.state = :sending"
            + " and (m.claimedUntil is null or m.claimedUntil < :now)")
@NamedQuery(
    name = OutboxMail.ERASE_QUEUE,
    query = "delete from OutboxMail m where m.queueId = :queueId")
@NamedQuery(
    name = OutboxMail.FORGET_RECIPIENT,
    query = "delete from OutboxMail m where m.recipient = :recipient and m.state <> :sent")
@NamedQuery(
    name = OutboxMail.UNSENT,
    query = "select m from OutboxMail m where m.state <> :sent order by m.createdAt desc")
public class OutboxMail {

  public static final String RECIPIENTS = "OutboxMail.recipients";
  public static final String ERASE = "OutboxMail.erase";
  public static final String ERASE_QUEUE = "OutboxMail.eraseQueue";
  public static final String FORGET_RECIPIENT = "OutboxMail.forgetRecipient";
  public static final String CLAIMABLE = "OutboxMail.claimable";
  public static final String ABANDONED = "OutboxMail.abandoned";
  public static final String UNSENT = "OutboxMail.unsent";

  /** Where a mail is on its way out. */
  public enum State {
    /** Waiting for its next attempt. */
    PENDING,
    /** Handed to SMTP right now by the node that claimed it; past its lease only by a crash. */
    SENDING,
    SENT,
    /**
     * Given up: too many failed attempts, or caught mid-send by a crash (resending might deliver it
     * twice).
     */
    FAILED
  }

  @Id private String id;

  @Column(name = "contact_id", nullable = false)
  private String contactId;

  @Column(name = "queue_id", nullable = false)
  private String queueId;

  @Column(nullable = false)
  private String recipient;

  @Column(nullable = false)
  private String email;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "last_error", length = 2000)
  private String lastError;

  @Column(name = "sent_at")
  private Instant sentAt;

  /** The node that holds the mail, while it is claimed or being sent. */
  @Column(name = "claimed_by")
  private String claimedBy;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Version private long version;

  protected OutboxMail() {}

  public OutboxMail(
      String id, String contactId, String queueId, String recipient, String email, Instant now) {
    this.id = Objects.requireNonNull(id);
    this.contactId = Objects.requireNonNull(contactId);
    this.queueId = Objects.requireNonNull(queueId);
    this.recipient = Objects.requireNonNull(recipient);
    this.email = Objects.requireNonNull(email);
    this.createdAt = Objects.requireNonNull(now);
    this.state = State.PENDING;
    this.nextAttemptAt = now;
  }

  /** Rule 1: waiting, due, and nobody's claim stands. */
  public boolean claimable(Instant now) {
    return state == State.PENDING
        && !nextAttemptAt.isAfter(now)
        && (claimedUntil == null || claimedUntil.isBefore(now));
  }

  /** Rule 1: this node holds the mail until {@code now + lease}. */
  public void claim(String node, Instant now, Duration lease) {
    if (!claimable(now)) {
      throw new IllegalStateException("mail " + id + " is not claimable");
    }
    claimedBy = Objects.requireNonNull(node);
    claimedUntil = now.plus(lease);
  }

  /** Whether this node's claim still stands: only then may it start sending. */
  public boolean claimedBy(String node) {
    return state == State.PENDING && node.equals(claimedBy);
  }

  /**
   * Rule 2: taken by its claiming node for one attempt; committed before SMTP is spoken to. The
   * lease now bounds the attempt: a mail still sending after it is given up (rule 4).
   */
  public void startSending(String node, Instant now, Duration lease) {
    if (!claimedBy(node)) {
      throw new IllegalStateException("mail " + id + " is " + state + ", not claimed by " + node);
    }
    state = State.SENDING;
    attempts++;
    nextAttemptAt = now;
    claimedUntil = now.plus(lease);
  }

  /** A claim given back unused (the round ended early): another round may take it at once. */
  public void release(String node) {
    if (claimedBy(node)) {
      claimedBy = null;
      claimedUntil = null;
    }
  }

  /** An attempt that never reached SMTP: the mail server could not be reached. */
  public void serverUnreachable(String node, String error, Instant now, RetryPolicy retry) {
    if (!claimedBy(node)) {
      throw new IllegalStateException("mail " + id + " is " + state + ", not claimed by " + node);
    }
    attempts++;
    failed(error, now, retry);
  }

  /**
   * Rule 3. Also from {@code FAILED}: a node that stalled past its lease may learn that SMTP took
   * the mail after another node gave it up; what happened wins.
   */
  public void sent(Instant now) {
    if (state == State.PENDING) {
      throw new IllegalStateException("mail " + id + " was not being sent");
    }
    state = State.SENT;
    sentAt = now;
    lastError = null;
    unclaim();
  }

  /** Rule 3: an attempt failed: try again when the policy says, or give up when it says so. */
  public void failed(String error, Instant now, RetryPolicy retry) {
    lastError =
        error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
    unclaim();
    if (retry.givesUpAfter(attempts)) {
      state = State.FAILED;
      return;
    }
    state = State.PENDING;
    nextAttemptAt = now.plus(retry.nextAttemptAfter(attempts));
  }

  /** Rule 4: still sending when its lease ran out, so SMTP may or may not have taken it. */
  public boolean abandoned(Instant now) {
    return state == State.SENDING && (claimedUntil == null || claimedUntil.isBefore(now));
  }

  /**
   * Rule 4: given up, not resent, so nobody gets it twice; shown to admins as failed with the
   * reason.
   */
  public void abandon(Instant now) {
    if (!abandoned(now)) {
      throw new IllegalStateException("mail " + id + " is " + state + " under a running lease");
    }
    state = State.FAILED;
    lastError =
        "the node sending it stopped (or stalled past its lease) mid-send; not resent so it cannot"
            + " arrive twice";
    unclaim();
  }

  private void unclaim() {
    claimedBy = null;
    claimedUntil = null;
  }

  public String id() {
    return id;
  }

  public State state() {
    return state;
  }

  public String contactId() {
    return contactId;
  }

  public String queueId() {
    return queueId;
  }

  public String recipient() {
    return recipient;
  }

  public String email() {
    return email;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public int attempts() {
    return attempts;
  }

  public Instant nextAttemptAt() {
    return nextAttemptAt;
  }

  public String lastError() {
    return lastError;
  }

  public Instant sentAt() {
    return sentAt;
  }

  public String claimedBy() {
    return claimedBy;
  }

  public Instant claimedUntil() {
    return claimedUntil;
  }
}
