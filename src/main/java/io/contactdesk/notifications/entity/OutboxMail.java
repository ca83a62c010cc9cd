package io.contactdesk.notifications.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * One e-mail owed to one agent about one new contact. Written in the contact's own transaction, so
 * a stored contact always has its mail owed, and sent later by a worker that retries with back-off.
 * It holds the recipient and the contact's id, never what the visitor wrote.
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
@NamedQuery(
    name = OutboxMail.DUE,
    query =
        "select m.id from OutboxMail m where m.state = :pending and m.nextAttemptAt <= :now order by m.nextAttemptAt")
@NamedQuery(
    name = OutboxMail.ERASE_QUEUE,
    query = "delete from OutboxMail m where m.queueId = :queueId")
@NamedQuery(
    name = OutboxMail.FORGET_RECIPIENT,
    query = "delete from OutboxMail m where m.recipient = :recipient and m.state <> :sent")
@NamedQuery(name = OutboxMail.IN_STATE, query = "select m from OutboxMail m where m.state = :state")
@NamedQuery(
    name = OutboxMail.UNSENT,
    query = "select m from OutboxMail m where m.state <> :sent order by m.createdAt desc")
public class OutboxMail {

  public static final String RECIPIENTS = "OutboxMail.recipients";
  public static final String ERASE = "OutboxMail.erase";
  public static final String ERASE_QUEUE = "OutboxMail.eraseQueue";
  public static final String FORGET_RECIPIENT = "OutboxMail.forgetRecipient";
  public static final String DUE = "OutboxMail.due";
  public static final String IN_STATE = "OutboxMail.inState";
  public static final String UNSENT = "OutboxMail.unsent";

  /** Where a mail is on its way out. */
  public enum State {
    /** Waiting for its next attempt. */
    PENDING,
    /** Handed to SMTP right now; left in this state only by a crash mid-send. */
    SENDING,
    SENT,
    /**
     * Given up: too many failed attempts, or a crash mid-send (resending might deliver it twice).
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

  /** Taken by the sender for one attempt; committed before SMTP is spoken to. */
  public void startSending(Instant now) {
    if (state != State.PENDING) {
      throw new IllegalStateException("mail " + id + " is " + state + ", not pending");
    }
    state = State.SENDING;
    attempts++;
    nextAttemptAt = now;
  }

  /** An attempt that never reached SMTP: the mail server could not be reached. */
  public void serverUnreachable(String error, Instant now, RetryPolicy retry) {
    if (state != State.PENDING) {
      throw new IllegalStateException("mail " + id + " is " + state + ", not pending");
    }
    attempts++;
    failed(error, now, retry);
  }

  public void sent(Instant now) {
    state = State.SENT;
    sentAt = now;
    lastError = null;
  }

  /** An attempt failed: try again when the policy says, or give up when it says so. */
  public void failed(String error, Instant now, RetryPolicy retry) {
    lastError =
        error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
    if (retry.givesUpAfter(attempts)) {
      state = State.FAILED;
      return;
    }
    state = State.PENDING;
    nextAttemptAt = now.plus(retry.nextAttemptAfter(attempts));
  }

  /**
   * Found in SENDING after a restart: SMTP may or may not have taken it. Not resent, so nobody gets
   * it twice; shown to admins as failed with the reason.
   */
  public void interrupted() {
    state = State.FAILED;
    lastError = "the app stopped while sending; not resent so it cannot arrive twice";
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
}
