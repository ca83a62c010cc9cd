package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.DeliveryTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
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
    List<?> rows =
        em.createNativeQuery(
                "SELECT kind, SUM(sessions), MAX(at) FROM live_delivery WHERE contact_id = ?1"
                    + " GROUP BY kind ORDER BY MIN(at), kind")
            .setParameter(1, contactId)
            .getResultList();
    return rows.stream()
        .map(Object[].class::cast)
        .map(
            row ->
                new Notice(
                    "live",
                    null,
                    (String) row[0],
                    "sent",
                    ((Number) row[1]).intValue(),
                    instant(row[2]),
                    null))
        .toList();
  }

  private static Instant instant(Object at) {
    return at instanceof OffsetDateTime offset
        ? offset.toInstant()
        : at instanceof Instant instant ? instant : ((java.sql.Timestamp) at).toInstant();
  }
}
