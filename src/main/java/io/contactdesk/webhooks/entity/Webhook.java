package io.contactdesk.webhooks.entity;

import io.contactdesk.platform.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook of the installation: a URL told of contacts' events, each delivery signed with its
 * secret (Standard Webhooks). Whether it keeps failing is counted by its deliveries' outcomes
 * ({@link #FAILING_AFTER}), with single UPDATE statements ({@link #FAILED_ATTEMPT}, {@link
 * #DELIVERED}), never by a save of the webhook, so an admin's edit and a delivery's outcome cannot
 * overwrite each other.
 */
@Entity
@Table(name = "webhook")
@NamedQuery(name = Webhook.ALL, query = "select w from Webhook w order by w.createdAt, w.id")
@NamedQuery(
    name = Webhook.FAILED_ATTEMPT,
    query =
        "update Webhook w set w.consecutiveFailures = w.consecutiveFailures + 1,"
            + " w.failingSince = coalesce(w.failingSince, :now) where w.id = :id")
@NamedQuery(
    name = Webhook.DELIVERED,
    query =
        "update Webhook w set w.consecutiveFailures = 0, w.failingSince = null,"
            + " w.lastDeliveredAt = :now where w.id = :id")
public class Webhook {

  public static final String ALL = "Webhook.all";
  public static final String FAILED_ATTEMPT = "Webhook.failedAttempt";
  public static final String DELIVERED = "Webhook.delivered";

  /** Failed attempts in a row, across its deliveries, after which a webhook shows as failing. */
  public static final int FAILING_AFTER = 3;

  @Id private String id;

  @Column(nullable = false, length = 2000)
  private String url;

  @Convert(converter = Names.class)
  @Column(nullable = false, length = 1000)
  private List<String> events;

  @Convert(converter = Names.class)
  @Column(length = 20000)
  private List<String> queues;

  @Column(name = "include_answers", nullable = false)
  private boolean includeAnswers;

  @Column(nullable = false, length = 100)
  private String secret;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "consecutive_failures", nullable = false, updatable = false)
  private int consecutiveFailures;

  @Column(name = "failing_since", updatable = false)
  private Instant failingSince;

  @Column(name = "last_delivered_at", updatable = false)
  private Instant lastDeliveredAt;

  @Version private long version;

  protected Webhook() {}

  public Webhook(String id, Subscription subscription, String secret, Instant now) {
    this.id = Objects.requireNonNull(id);
    this.secret = Objects.requireNonNull(secret);
    this.createdAt = Objects.requireNonNull(now);
    subscribe(subscription, now);
  }

  /** An admin's PUT: the whole subscription replaced; the secret and the failure count stay. */
  public void reconfigure(Subscription subscription, Instant now) {
    subscribe(subscription, now);
  }

  private void subscribe(Subscription subscription, Instant now) {
    this.url = subscription.target().uri().toString();
    this.events =
        subscription.events().stream()
            .sorted(Comparator.naturalOrder())
            .map(WebhookEvent::wire)
            .toList();
    this.queues = subscription.queues();
    this.includeAnswers = subscription.includeAnswers();
    this.updatedAt = now;
  }

  public Subscription subscription() {
    Set<WebhookEvent> kinds = EnumSet.noneOf(WebhookEvent.class);
    events.forEach(name -> WebhookEvent.fromWire(name).ifPresent(kinds::add));
    return new Subscription(new WebhookTarget(URI.create(url)), kinds, queues, includeAnswers);
  }

  /** Failing: its last {@value #FAILING_AFTER} attempts or more failed, none delivered since. */
  public boolean failing() {
    return consecutiveFailures >= FAILING_AFTER;
  }

  public String id() {
    return id;
  }

  public String url() {
    return url;
  }

  public String secret() {
    return secret;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public Instant failingSince() {
    return failingSince;
  }

  public Instant lastDeliveredAt() {
    return lastDeliveredAt;
  }

  /** A list of names as a JSON array. */
  public static class Names extends JsonColumn<List<String>> {}
}
