package io.contactdesk.notifications.control;

import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * How many open consoles each live event reached, for the contact's delivery trail ({@link
 * LiveTrail}): one row per contact, kind and node in {@code live_delivery}, added to when the node
 * pushes the same kind again (a contact told of twice is not, but a row is never lost to it).
 */
@ApplicationScoped
public class LiveDeliveries {

  /**
   * An event of {@code kind} about the contact, pushed to {@code streams} of this node's streams.
   */
  record Pushed(String contactId, OutboxMail.Kind kind, int streams) {}

  // this node's name in the rows, new at each start (as the outbox's claims)
  private final String node = Ids.random().substring(0, 12);

  @Inject EntityManager em;

  /** In a transaction: what this node pushed. */
  void record(List<Pushed> pushed, Instant at) {
    for (Pushed p : pushed) {
      int added =
          em.createNativeQuery(
                  "UPDATE live_delivery SET sessions = sessions + ?1, at = ?2"
                      + " WHERE contact_id = ?3 AND kind = ?4 AND node = ?5")
              .setParameter(1, p.streams())
              .setParameter(2, at)
              .setParameter(3, p.contactId())
              .setParameter(4, p.kind().name())
              .setParameter(5, node)
              .executeUpdate();
      if (added == 0) {
        // the contact of a row that is not there yet may have been deleted meanwhile: then nothing
        em.createNativeQuery(
                "INSERT INTO live_delivery (contact_id, kind, node, sessions, at)"
                    + " SELECT id, ?1, ?2, ?3, ?4 FROM contact WHERE id = ?5")
            .setParameter(1, p.kind().name())
            .setParameter(2, node)
            .setParameter(3, p.streams())
            .setParameter(4, at)
            .setParameter(5, p.contactId())
            .executeUpdate();
      }
    }
  }
}
