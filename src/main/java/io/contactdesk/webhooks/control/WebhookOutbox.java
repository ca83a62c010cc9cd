package io.contactdesk.webhooks.control;

import io.contactdesk.contacts.control.ContactCommented;
import io.contactdesk.contacts.control.ContactErased;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.contacts.control.ContactStatusChanged;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.ConsoleLinks;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.RetryPolicy;
import io.contactdesk.queues.control.QueueDeleted;
import io.contactdesk.webhooks.entity.Webhook;
import io.contactdesk.webhooks.entity.WebhookDelivery;
import io.contactdesk.webhooks.entity.WebhookEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.LockOptions;
import org.hibernate.jpa.SpecHints;

/**
 * The deliveries owed to webhooks. The rows are written in the transaction of the contact's change
 * (observed {@code IN_PROGRESS}), so a stored change always has its deliveries owed and a
 * rolled-back one owes none; they are sent later, elsewhere ({@link WebhookWorker}), after the
 * commit, and can neither slow nor fail the request that made the change. The rules of a delivery's
 * way out are {@link WebhookDelivery}'s.
 */
@ApplicationScoped
public class WebhookOutbox {

  private static final Logger LOG = Logger.getLogger(WebhookOutbox.class.getName());

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject WebhookSubscriptions subscriptions;
  @Inject WebhookWorker worker;

  @Inject
  @ConfigProperty(name = "contactdesk.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  void registered(@Observes(during = TransactionPhase.IN_PROGRESS) ContactRegistered registered) {
    owe(WebhookEvent.REGISTERED, registered.contactId(), registered.at());
  }

  void commented(@Observes(during = TransactionPhase.IN_PROGRESS) ContactCommented commented) {
    owe(WebhookEvent.COMMENTED, commented.contactId(), commented.at());
  }

  void statusChanged(
      @Observes(during = TransactionPhase.IN_PROGRESS) ContactStatusChanged changed) {
    owe(WebhookEvent.STATUS_CHANGED, changed.contactId(), changed.at());
  }

  /**
   * An erased contact: what was owed or sent about it goes (a body may hold its answers), and each
   * webhook that wants {@code contact.deleted} is owed one, without answers. Fired before the
   * contact's row goes, so it is still there to describe.
   */
  void erased(@Observes(during = TransactionPhase.IN_PROGRESS) ContactErased erased) {
    em.createNamedQuery(WebhookDelivery.OF_CONTACT)
        .setParameter("contactId", erased.contactId())
        .executeUpdate();
    owe(WebhookEvent.DELETED, erased.contactId(), clock.instant());
  }

  /**
   * A deleted queue's contacts are erased in bulk, and with them what is owed about them. No {@code
   * contact.deleted} is sent for each (docs/webhooks.md).
   */
  void queueDeleted(@Observes QueueDeleted deleted) {
    em.createNamedQuery(WebhookDelivery.OF_QUEUE)
        .setParameter("queueId", deleted.queueId())
        .executeUpdate();
  }

  /**
   * Owes {@code event} about the contact to every webhook that wants it, in the caller's
   * transaction: the one home of that, for every event. Escalation (issue #17) calls it from its
   * observer of its own fact ({@code ContactEscalated}), {@code IN_PROGRESS}, with {@link
   * WebhookEvent#ESCALATED}. A failure to describe the contact is logged, never thrown: a webhook
   * must not fail the change it reports.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void owe(WebhookEvent event, String contactId, Instant at) {
    try {
      Contact contact = null;
      Instant now = clock.instant();
      for (WebhookSubscriptions.Subscriber subscriber : subscriptions.all()) {
        if (contact == null) {
          contact = em.find(Contact.class, contactId);
          if (contact == null) {
            return;
          }
        }
        if (!subscriber.subscription().covers(event, contact.queueId())) {
          continue;
        }
        String body =
            DeliveryBody.of(
                event,
                contact,
                at,
                ConsoleLinks.contact(baseUrl, contact.id()),
                subscriber.subscription().includeAnswers());
        em.persist(
            new WebhookDelivery(
                Ids.timeOrdered(now),
                subscriber.webhookId(),
                event,
                contact.id(),
                contact.queueId(),
                body,
                now));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "Could not owe " + event.wire() + " of contact " + contactId, e);
    }
  }

  /** Once a change is committed, the sender need not wait for its next round. */
  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactRegistered e) {
    nudge();
  }

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactCommented e) {
    nudge();
  }

  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactErased e) {
    nudge();
  }

  private void nudge() {
    if (!subscriptions.isEmpty()) {
      worker.nudge();
    }
  }

  /**
   * Claims up to {@code limit} due deliveries for this node, the longest due first, for {@code
   * lease}; rows another node is claiming right now are skipped, not waited for.
   */
  @Transactional
  public List<String> claim(String node, int limit, Duration lease) {
    Instant now = clock.instant();
    List<WebhookDelivery> claimable =
        em.createNamedQuery(WebhookDelivery.CLAIMABLE, WebhookDelivery.class)
            .setParameter("pending", WebhookDelivery.State.PENDING)
            .setParameter("now", now)
            .setMaxResults(limit)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, LockOptions.SKIP_LOCKED)
            .getResultList();
    claimable.forEach(d -> d.claim(node, now, lease));
    return claimable.stream().map(WebhookDelivery::id).toList();
  }

  /** One attempt to send. */
  public record Attempt(WebhookDelivery delivery, String url, String secret) {}

  /**
   * Takes a claimed delivery for one attempt (counted, the lease renewed), with where it goes and
   * the key to sign it with; null when the claim is no longer this node's, the delivery is gone, or
   * its webhook is (then the delivery goes too).
   */
  @Transactional
  public Attempt startAttempt(String id, String node, Duration lease) {
    WebhookDelivery delivery = em.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (delivery == null || !delivery.claimedBy(node)) {
      return null;
    }
    Webhook webhook = em.find(Webhook.class, delivery.webhookId());
    if (webhook == null) {
      em.remove(delivery);
      return null;
    }
    delivery.startAttempt(node, clock.instant(), lease);
    return new Attempt(delivery, webhook.url(), webhook.secret());
  }

  /** The receiver answered 2xx: delivered, and its webhook no longer failing. */
  @Transactional
  public void delivered(String id, int statusCode) {
    Instant now = clock.instant();
    WebhookDelivery delivery = em.find(WebhookDelivery.class, id);
    if (delivery != null) {
      delivery.delivered(statusCode, now);
      em.createNamedQuery(Webhook.DELIVERED)
          .setParameter("id", delivery.webhookId())
          .setParameter("now", now)
          .executeUpdate();
    }
  }

  /** The attempt failed ({@code statusCode} null without an answer); counted on its webhook. */
  @Transactional
  public void failed(String id, Integer statusCode, String error, RetryPolicy retry) {
    Instant now = clock.instant();
    WebhookDelivery delivery = em.find(WebhookDelivery.class, id);
    if (delivery != null && delivery.state() == WebhookDelivery.State.PENDING) {
      delivery.failed(statusCode, error, now, retry);
      em.createNamedQuery(Webhook.FAILED_ATTEMPT)
          .setParameter("id", delivery.webhookId())
          .setParameter("now", now)
          .executeUpdate();
    }
  }

  /** Gives back claims this node did not get to, so any round may take them at once. */
  @Transactional
  public void release(String node, List<String> ids) {
    for (String id : ids) {
      WebhookDelivery delivery = em.find(WebhookDelivery.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (delivery != null) {
        delivery.release(node);
      }
    }
  }

  /** Deliveries delivered or given up before {@code before} are forgotten; returns how many. */
  @Transactional
  public int forgetFinishedBefore(Instant before) {
    return em.createNamedQuery(WebhookDelivery.FINISHED_BEFORE)
        .setParameter("pending", WebhookDelivery.State.PENDING)
        .setParameter("before", before)
        .executeUpdate();
  }
}
