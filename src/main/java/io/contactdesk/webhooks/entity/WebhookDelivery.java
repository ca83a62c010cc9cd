package io.contactdesk.webhooks.entity;

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
 * One event owed to one webhook: the webhooks' outbox. Written in the transaction of the contact's
 * change, with the body fixed then, so every attempt sends the same bytes under the same id (the
 * {@code webhook-id} header, which a receiver de-duplicates on). Its way out, on any number of
 * nodes sharing the database:
 *
 * <ol>
 *   <li>A due delivery is claimed by one node for a lease ({@link #claim}), under a row lock that
 *       other nodes skip ({@code FOR UPDATE SKIP LOCKED}), as the mail outbox does.
 *   <li>Before it connects, the claiming node counts the attempt and renews the lease ({@link
 *       #startAttempt}), committed, and only while the claim is still its own.
 *   <li>A 2xx answer makes it {@code DELIVERED}. Anything else (another status, a timeout, a
 *       refused or reset connection, a target the guard refuses) waits for the next attempt of the
 *       {@link RetryPolicy}, or is given up ({@code FAILED}) after the last.
 *   <li>A node that stops in the middle of an attempt leaves the delivery {@code PENDING} with its
 *       lease running: when the lease runs out, any node claims it and sends it again. Delivery is
 *       at least once: an attempt the receiver took but whose {@code DELIVERED} was not committed
 *       is repeated, with the same id. (Mail takes the other side, at most once, since a person
 *       reads it; a receiver is a program that can drop a repeated id.)
 *   <li>An admin's "redeliver" makes any delivery due now, with a fresh count of attempts and the
 *       same id and body.
 * </ol>
 */
@Entity
@Table(name = "webhook_delivery")
@NamedQuery(
    name = WebhookDelivery.CLAIMABLE,
    query =
        "select d from WebhookDelivery d where d.state = :pending and d.nextAttemptAt <= :now"
            + " and (d.claimedUntil is null or d.claimedUntil < :now) order by d.nextAttemptAt")
@NamedQuery(
    name = WebhookDelivery.LOG,
    query = "select d from WebhookDelivery d where d.webhookId = :webhookId order by d.id desc")
@NamedQuery(
    name = WebhookDelivery.OF_CONTACT,
    query = "delete from WebhookDelivery d where d.contactId = :contactId")
@NamedQuery(
    name = WebhookDelivery.TRAIL,
    query =
        "select d from WebhookDelivery d where d.contactId = :contactId order by d.createdAt, d.id")
@NamedQuery(
    name = WebhookDelivery.OF_QUEUE,
    query = "delete from WebhookDelivery d where d.queueId = :queueId")
@NamedQuery(
    name = WebhookDelivery.OF_WEBHOOK,
    query = "delete from WebhookDelivery d where d.webhookId = :webhookId")
@NamedQuery(
    name = WebhookDelivery.FINISHED_BEFORE,
    query = "delete from WebhookDelivery d where d.state <> :pending and d.createdAt < :before")
public class WebhookDelivery {

  public static final String CLAIMABLE = "WebhookDelivery.claimable";
  public static final String LOG = "WebhookDelivery.log";
  public static final String OF_CONTACT = "WebhookDelivery.ofContact";
  public static final String OF_QUEUE = "WebhookDelivery.ofQueue";
  public static final String TRAIL = "WebhookDelivery.trail";
  public static final String OF_WEBHOOK = "WebhookDelivery.ofWebhook";
  public static final String FINISHED_BEFORE = "WebhookDelivery.finishedBefore";

  public enum State {
    /** Waiting for its next attempt, or in one (then claimed). */
    PENDING,
    DELIVERED,
    /** Given up after the last attempt the retry policy allows; an admin may redeliver it. */
    FAILED
  }

  @Id private String id;

  @Column(name = "webhook_id", nullable = false)
  private String webhookId;

  @Column(nullable = false)
  private String event;

  @Column(name = "contact_id", nullable = false)
  private String contactId;

  @Column(name = "queue_id", nullable = false)
  private String queueId;

  @Column(nullable = false, length = 1_000_000)
  private String payload;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private State state;

  @Column(nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "last_status_code")
  private Integer lastStatusCode;

  @Column(name = "last_error", length = 2000)
  private String lastError;

  @Column(name = "delivered_at")
  private Instant deliveredAt;

  @Column(name = "claimed_by")
  private String claimedBy;

  @Column(name = "claimed_until")
  private Instant claimedUntil;

  @Version private long version;

  protected WebhookDelivery() {}

  public WebhookDelivery(
      String id,
      String webhookId,
      WebhookEvent event,
      String contactId,
      String queueId,
      String payload,
      Instant now) {
    this.id = Objects.requireNonNull(id);
    this.webhookId = Objects.requireNonNull(webhookId);
    this.event = event.wire();
    this.contactId = Objects.requireNonNull(contactId);
    this.queueId = Objects.requireNonNull(queueId);
    this.payload = Objects.requireNonNull(payload);
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

  /** Rule 1: this node holds the delivery until {@code now + lease}. */
  public void claim(String node, Instant now, Duration lease) {
    if (!claimable(now)) {
      throw new IllegalStateException("delivery " + id + " is not claimable");
    }
    claimedBy = Objects.requireNonNull(node);
    claimedUntil = now.plus(lease);
  }

  /** Whether this node's claim still stands: only then may it attempt the delivery. */
  public boolean claimedBy(String node) {
    return state == State.PENDING && node.equals(claimedBy);
  }

  /** Rule 2: one more attempt, under a renewed lease that bounds it. */
  public void startAttempt(String node, Instant now, Duration lease) {
    if (!claimedBy(node)) {
      throw new IllegalStateException(
          "delivery " + id + " is " + state + ", not claimed by " + node);
    }
    attempts++;
    claimedUntil = now.plus(lease);
  }

  /** A claim given back unused: any node may take it at once. */
  public void release(String node) {
    if (claimedBy(node)) {
      unclaim();
    }
  }

  /**
   * Rule 3: the receiver answered 2xx. Also after the claim ran out and another node took over:
   * what happened wins.
   */
  public void delivered(int statusCode, Instant now) {
    state = State.DELIVERED;
    lastStatusCode = statusCode;
    lastError = null;
    deliveredAt = now;
    unclaim();
  }

  /**
   * Rule 3: the attempt failed ({@code statusCode} null when no answer came): try again when the
   * policy says, or give up. A delivery that another attempt delivered meanwhile stays delivered.
   */
  public void failed(Integer statusCode, String error, Instant now, RetryPolicy retry) {
    if (state != State.PENDING) {
      return;
    }
    lastStatusCode = statusCode;
    lastError =
        error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
    unclaim();
    if (retry.givesUpAfter(attempts)) {
      state = State.FAILED;
      return;
    }
    nextAttemptAt = now.plus(retry.nextAttemptAfter(attempts));
  }

  /** Rule 5: due now again, the same id and body, with every attempt of the policy ahead. */
  public void redeliver(Instant now) {
    state = State.PENDING;
    attempts = 0;
    nextAttemptAt = now;
    unclaim();
  }

  private void unclaim() {
    claimedBy = null;
    claimedUntil = null;
  }

  public String id() {
    return id;
  }

  public String webhookId() {
    return webhookId;
  }

  public String event() {
    return event;
  }

  public String contactId() {
    return contactId;
  }

  public String queueId() {
    return queueId;
  }

  public String payload() {
    return payload;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public State state() {
    return state;
  }

  public int attempts() {
    return attempts;
  }

  /** When the next attempt is due; null once delivered or given up. */
  public Instant nextAttemptAt() {
    return state == State.PENDING ? nextAttemptAt : null;
  }

  public Integer lastStatusCode() {
    return lastStatusCode;
  }

  public String lastError() {
    return lastError;
  }

  public Instant deliveredAt() {
    return deliveredAt;
  }

  public String claimedBy() {
    return claimedBy;
  }
}
