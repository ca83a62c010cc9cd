package io.contactdesk.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.TestDatabase;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two nodes claiming owed mail at the same moment on PostgreSQL: the second skips the rows the
 * first holds instead of waiting for them, and no mail is claimed twice.
 */
@EnabledIf(
    value = "io.contactdesk.platform.TestDatabase#postgresReachable",
    disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class OutboxClaimsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);

  private TestDatabase db;
  private final List<EntityManager> ems = new ArrayList<>();

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.postgres();
    EntityManager em = em();
    em.getTransaction().begin();
    for (int i = 0; i < 10; i++) {
      em.persist(new OutboxMail("m-" + i, "c-" + i, "q-1", "mia", "mia@example.com", T0));
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
    MailOutbox first = outbox();
    MailOutbox second = outbox();

    first.em.getTransaction().begin();
    List<String> firstClaims = first.claim("node-1", 3, LEASE); // not committed yet: rows locked

    List<String> secondClaims =
        CompletableFuture.supplyAsync(
                () -> {
                  second.em.getTransaction().begin();
                  List<String> claimed = second.claim("node-2", 50, LEASE);
                  second.em.getTransaction().commit();
                  return claimed;
                })
            .get(10, TimeUnit.SECONDS); // SKIP LOCKED: no wait for the first node's commit
    first.em.getTransaction().commit();

    assertThat(firstClaims).hasSize(3);
    assertThat(secondClaims).hasSize(7).doesNotContainAnyElementsOf(firstClaims);
    Set<String> all = new HashSet<>(firstClaims);
    all.addAll(secondClaims);
    assertThat(all).hasSize(10);

    MailOutbox third = outbox();
    third.em.getTransaction().begin();
    assertThat(third.claim("node-3", 50, LEASE)).as("claims stand for their lease").isEmpty();
    third.em.getTransaction().commit();
  }

  private MailOutbox outbox() {
    MailOutbox outbox = new MailOutbox();
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
