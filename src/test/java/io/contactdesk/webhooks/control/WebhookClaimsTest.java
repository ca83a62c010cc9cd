package io.contactdesk.webhooks.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.webhooks.entity.WebhookDelivery;
import io.contactdesk.webhooks.entity.WebhookEvent;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two nodes claiming webhook deliveries at the same moment on PostgreSQL: the second skips the rows
 * the first holds instead of waiting, and no delivery is claimed twice (SPEC, Several nodes).
 */
@EnabledIf(
    value = "io.contactdesk.platform.TestDatabase#postgresReachable",
    disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class WebhookClaimsTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);

  private TestDatabase db;
  private final List<EntityManager> ems = new ArrayList<>();

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.postgres();
    EntityManager em = em();
    em.getTransaction().begin();
    for (int i = 0; i < 10; i++) {
      em.persist(
          new WebhookDelivery("d-" + i, "w-1", WebhookEvent.REGISTERED, "c-" + i, "q-1", "{}", T0));
    }
    em.getTransaction().commit();
  }

  @AfterEach
  void tearDown() {
    ems.forEach(EntityManager::close);
    db.close();
  }

  @Test
  void a_node_claiming_while_another_holds_rows_gets_the_others_without_waiting() throws Exception {
    WebhookOutbox first = outbox();
    WebhookOutbox second = outbox();

    first.em.getTransaction().begin();
    List<String> firstClaims = first.claim("node-1", 3, LEASE); // not committed: rows locked

    List<String> secondClaims =
        CompletableFuture.supplyAsync(
                () -> {
                  second.em.getTransaction().begin();
                  List<String> claimed = second.claim("node-2", 50, LEASE);
                  second.em.getTransaction().commit();
                  return claimed;
                })
            .get(10, TimeUnit.SECONDS);
    first.em.getTransaction().commit();

    assertThat(firstClaims).hasSize(3);
    assertThat(secondClaims).hasSize(7).doesNotContainAnyElementsOf(firstClaims);

    WebhookOutbox third = outbox();
    third.em.getTransaction().begin();
    assertThat(third.claim("node-3", 50, LEASE)).as("claims stand for their lease").isEmpty();
    third.em.getTransaction().commit();

    // a node that stopped holding them: once the lease ran out, another claims them all again
    WebhookOutbox later = outbox();
    ((MutableClock) later.clock).advance(LEASE.plusSeconds(1));
    later.em.getTransaction().begin();
    assertThat(later.claim("node-4", 50, LEASE)).hasSize(10);
    later.em.getTransaction().commit();
  }

  private WebhookOutbox outbox() {
    WebhookOutbox outbox = new WebhookOutbox();
    outbox.em = em();
    outbox.clock = new MutableClock(T0.plusSeconds(1));
    return outbox;
  }

  private EntityManager em() {
    EntityManager em = db.entityManagerFactory().createEntityManager();
    ems.add(em);
    return em;
  }
}
