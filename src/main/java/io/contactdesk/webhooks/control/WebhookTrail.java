package io.contactdesk.webhooks.control;

import io.contactdesk.contacts.control.DeliveryTrail;
import io.contactdesk.webhooks.entity.Webhook;
import io.contactdesk.webhooks.entity.WebhookDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A contact's webhook deliveries as notices of its delivery trail (channel {@code webhook}): one
 * per delivery, the recipient the target's host only (a URL's path or query may carry the
 * receiver's own secret, and agents read the trail), the event as the kind.
 */
@ApplicationScoped
public class WebhookTrail implements DeliveryTrail {

  @Inject EntityManager em;

  @Override
  public List<Notice> of(String contactId, boolean admin) {
    Map<String, String> hosts = new HashMap<>();
    return em
        .createNamedQuery(WebhookDelivery.TRAIL, WebhookDelivery.class)
        .setParameter("contactId", contactId)
        .getResultList()
        .stream()
        .map(d -> notice(d, hosts.computeIfAbsent(d.webhookId(), this::hostOf), admin))
        .toList();
  }

  static Notice notice(WebhookDelivery delivery, String host, boolean admin) {
    String status =
        switch (delivery.state()) {
          case PENDING -> delivery.attempts() == 0 ? "queued" : "retrying";
          case DELIVERED -> "sent";
          case FAILED -> "failed";
        };
    return new Notice(
        "webhook",
        host,
        delivery.event(),
        status,
        delivery.attempts(),
        delivery.state() == WebhookDelivery.State.DELIVERED
            ? delivery.deliveredAt()
            : delivery.nextAttemptAt(),
        admin ? delivery.lastError() : null);
  }

  private String hostOf(String webhookId) {
    Webhook webhook = em.find(Webhook.class, webhookId);
    return webhook == null ? "(deleted webhook)" : URI.create(webhook.url()).getHost();
  }
}
