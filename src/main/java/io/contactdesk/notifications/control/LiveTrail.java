package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.DeliveryTrail;
import io.contactdesk.notifications.entity.OutboxMail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * A contact's live deliveries: per kind of event, how many open consoles it was pushed to, over
 * every node ({@link LiveDeliveries}). A notice's {@code recipient} is null (a push goes to
 * streams, not to one person) and {@code attempts} is that number; {@code status} is {@code sent}.
 */
@ApplicationScoped
public class LiveTrail implements DeliveryTrail {

  @Inject EntityManager em;

  @Override
  public List<Notice> of(String contactId, boolean admin) {
    return em.createQuery(
            "SELECT d.kind, SUM(d.sessions), MAX(d.at) FROM LiveDelivery d"
                + " WHERE d.contactId = :contact GROUP BY d.kind ORDER BY MIN(d.at), d.kind",
            Object[].class)
        .setParameter("contact", contactId)
        .getResultStream()
        .map(
            row ->
                new Notice(
                    "live",
                    null,
                    ((OutboxMail.Kind) row[0]).name(),
                    "sent",
                    ((Long) row[1]).intValue(),
                    (Instant) row[2],
                    null))
        .toList();
  }
}
