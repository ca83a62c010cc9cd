package io.contactdesk.webhooks.control;

import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.control.QueueNotFound;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.webhooks.entity.Subscription;
import io.contactdesk.webhooks.entity.Webhook;
import io.contactdesk.webhooks.entity.WebhookDelivery;
import io.contactdesk.webhooks.entity.WebhookTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** Admins' webhooks: create, change, delete, and their deliveries (SPEC, Integrations). */
@ApplicationScoped
public class Webhooks {

  /** How many deliveries the log shows, newest first. */
  public static final int LOG_SIZE = 100;

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Queues queues;
  @Inject TargetGuard guard;
  @Inject WebhookWorker worker;
  @Inject Event<WebhooksChanged> changed;

  /** A new webhook and its secret, which is shown this once. */
  public record Created(Webhook webhook, String secret) {}

  @Transactional
  public Created create(WebhookDraft draft, Map<String, String> refused) {
    Subscription subscription = subscription(draft, refused);
    String secret = WebhookSigner.newSecret();
    Webhook webhook = new Webhook(Ids.random(), subscription, secret, clock.instant());
    em.persist(webhook);
    changed.fire(new WebhooksChanged());
    return new Created(webhook, secret);
  }

  public List<Webhook> all() {
    return em.createNamedQuery(Webhook.ALL, Webhook.class).getResultList();
  }

  public Webhook find(String id) {
    Webhook webhook = Ids.isWellFormed(id) ? em.find(Webhook.class, id) : null;
    if (webhook == null) {
      throw new WebhookNotFound("webhook");
    }
    return webhook;
  }

  /** An unknown webhook is 404 before anything about the body. */
  @Transactional
  public Webhook reconfigure(String id, WebhookDraft draft, Map<String, String> refused) {
    Webhook webhook = find(id);
    webhook.reconfigure(subscription(draft, refused), clock.instant());
    changed.fire(new WebhooksChanged());
    return webhook;
  }

  /**
   * The webhook and every delivery it is owed or was sent. The webhook's row is locked first, in
   * the order the worker takes them (it counts a result on the webhook, then writes the delivery):
   * deleting the deliveries first deadlocked with a delivery that was being recorded.
   */
  @Transactional
  public void delete(String id) {
    Webhook webhook = find(id);
    em.lock(webhook, LockModeType.PESSIMISTIC_WRITE);
    em.createNamedQuery(WebhookDelivery.OF_WEBHOOK)
        .setParameter("webhookId", webhook.id())
        .executeUpdate();
    em.remove(webhook);
    changed.fire(new WebhooksChanged());
  }

  /** The newest {@value #LOG_SIZE} deliveries of the webhook. */
  public List<WebhookDelivery> deliveries(String webhookId) {
    return em.createNamedQuery(WebhookDelivery.LOG, WebhookDelivery.class)
        .setParameter("webhookId", find(webhookId).id())
        .setMaxResults(LOG_SIZE)
        .getResultList();
  }

  /** Sends a delivery again, soon: the same id and body, every attempt of the policy ahead. */
  @Transactional
  public void redeliver(String webhookId, String deliveryId) {
    Webhook webhook = find(webhookId);
    WebhookDelivery delivery =
        Ids.isWellFormed(deliveryId) ? em.find(WebhookDelivery.class, deliveryId) : null;
    if (delivery == null || !delivery.webhookId().equals(webhook.id())) {
      throw new WebhookNotFound("delivery");
    }
    delivery.redeliver(clock.instant());
    worker.nudge();
  }

  /**
   * The subscription the draft describes, or one {@link InvalidInput} with every failing field:
   * what the boundary refused, the target's rules and the guard ({@code url}), the events, and each
   * queue that does not exist ({@code queues[i]}).
   */
  private Subscription subscription(WebhookDraft draft, Map<String, String> refused) {
    var errors = new InvalidInput.Collector();
    refused.forEach(errors::add);
    WebhookTarget target = errors.attempt(() -> guard.allowed(draft.url()));
    if (draft.queues() != null) {
      for (int i = 0; i < draft.queues().size(); i++) {
        String queueId = draft.queues().get(i);
        try {
          queues.find(queueId);
        } catch (QueueNotFound e) {
          errors.add("queues[" + i + "]", "is not a queue");
        }
      }
    }
    errors.attempt(() -> Subscription.check(draft.events(), draft.queues()));
    errors.throwIfAny();
    return new Subscription(target, draft.events(), draft.queues(), draft.includeAnswers());
  }
}
