package io.contactdesk.webhooks.control;

import io.contactdesk.webhooks.entity.Subscription;
import io.contactdesk.webhooks.entity.Webhook;
import io.contactdesk.webhooks.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhooks as the contacts' transactions ask for them, from memory: every submission, comment
 * and erasure asks which webhooks want it, and webhooks change only when an admin saves one. A
 * change on this node counts at once; one made on another node within {@value #MAX_AGE_SECONDS}
 * seconds (until then this node owes deliveries by the list it has: to a webhook just deleted,
 * which the sender then drops, or not yet to one just created). With no webhook, a submission pays
 * nothing for them but this read of memory.
 */
@ApplicationScoped
public class WebhookSubscriptions {

  static final long MAX_AGE_SECONDS = 5;

  @Inject EntityManager em;

  /** One webhook as the outbox needs it. */
  public record Subscriber(String webhookId, Subscription subscription) {}

  private record Snapshot(List<Subscriber> subscribers, long loadedAt) {}

  private volatile Snapshot snapshot;
  private final AtomicLong changes = new AtomicLong();

  /** The webhooks that want this event of this queue; read inside the caller's transaction. */
  public List<Subscriber> of(WebhookEvent event, String queueId) {
    return all().stream().filter(s -> s.subscription().covers(event, queueId)).toList();
  }

  List<Subscriber> all() {
    Snapshot current = snapshot;
    long now = System.nanoTime();
    if (current != null && now - current.loadedAt() < TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      return current.subscribers();
    }
    // a change committed while this read runs must not be overwritten by what it read
    long seen = changes.get();
    List<Subscriber> read =
        em.createNamedQuery(Webhook.ALL, Webhook.class).getResultList().stream()
            .map(w -> new Subscriber(w.id(), w.subscription()))
            .toList();
    if (changes.get() == seen) {
      snapshot = new Snapshot(read, now);
    }
    return read;
  }

  /**
   * Whether this node knows of no webhook at all (then there is nothing to send); false while it
   * does not know, so a caller outside a transaction need not read.
   */
  public boolean isEmpty() {
    Snapshot current = snapshot;
    return current != null && current.subscribers().isEmpty();
  }

  void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) WebhooksChanged change) {
    changes.incrementAndGet();
    snapshot = null;
  }
}
