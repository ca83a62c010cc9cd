package io.contactdesk.contacts.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.activity.control.ActivityLogs;
import io.contactdesk.contacts.entity.Comment;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.ClusterNodes;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.setup.control.FirstStart;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Contacts past their queue's retention are erased like a DELETE, leaving only the log entry. */
class RetentionTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private TestDatabase db;
  private EntityManager em;
  private Casework casework;
  private RecordingEvent<ContactErased> erasures;

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    em = db.entityManagerFactory().createEntityManager();
    casework = new Casework();
    casework.em = em;
    casework.log = ActivityLogs.using(em);
    casework.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    erasures = new RecordingEvent<>();
    casework.erased = erasures;
    inTransaction(
        () -> em.persist(new Queue("support", FirstStart.demoQueue(), NOW))); // keeps 365 days
  }

  @AfterEach
  void tearDown() {
    em.close();
    db.close();
  }

  @Test
  void
      contacts_older_than_the_retention_are_erased_with_their_comments_announced_and_a_log_entry_stays() {
    Contact old = contact("old", NOW.minus(Duration.ofDays(366)));
    Contact young = contact("young", NOW.minus(Duration.ofDays(364)));
    inTransaction(
        () -> {
          em.persist(old);
          em.persist(young);
          em.persist(new Comment("c1", "old", "mia", "Mia", NOW, "called", null, false, null));
        });

    int erased =
        inTransaction(
            () -> casework.eraseOlderThan("support", NOW.minus(Duration.ofDays(365)), 100));

    assertThat(erased).isEqualTo(1);
    em.clear();
    assertThat(em.find(Contact.class, "old")).isNull();
    assertThat(em.find(Contact.class, "young")).isNotNull();
    assertThat(em.find(Comment.class, "c1")).isNull();
    assertThat(
            em.createQuery(
                    "select a.contactId from ActivityEntry a where a.type = io.contactdesk.activity.entity.ActivityType.CONTACT_DELETED",
                    String.class)
                .getResultList())
        .containsExactly("old");
    // the owed mail goes in the same transaction, by the observer of this fact (MailDeliveryTest)
    assertThat(erasures.fired()).containsExactly(new ContactErased("old"));
  }

  @Test
  void a_batch_erases_at_most_its_size() {
    inTransaction(
        () -> {
          for (int i = 0; i < 5; i++) {
            em.persist(contact("c" + i, NOW.minus(Duration.ofDays(400))));
          }
        });

    assertThat(inTransaction(() -> casework.eraseOlderThan("support", NOW, 3))).isEqualTo(3);
    assertThat(inTransaction(() -> casework.eraseOlderThan("support", NOW, 3))).isEqualTo(2);
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresServerReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void two_nodes_on_one_postgresql_sweep_once_a_day_between_them() throws Exception {
    try (TestDatabase shared = TestDatabase.postgresDatabase()) {
      MutableClock clock = new MutableClock(NOW);
      AtomicInteger sweeps = new AtomicInteger();
      List<Retention> nodes =
          List.of(node("a", shared, clock, sweeps), node("b", shared, clock, sweeps));
      ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
      try {
        for (int day = 1; day <= 10; day++) {
          assertThat(askTogether(nodes, threads)).as("sweeps on day " + day).isEqualTo(1);
          clock.advance(Duration.ofHours(1)); // the next hourly ask of both nodes
          assertThat(askTogether(nodes, threads)).isZero();
          clock.advance(Duration.ofHours(23));
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(sweeps).hasValue(10);
    }
  }

  /** Both nodes' scheduled ask at the same moment; how many of them swept. */
  private static int askTogether(List<Retention> nodes, ExecutorService threads) throws Exception {
    CyclicBarrier together = new CyclicBarrier(nodes.size());
    List<Future<Boolean>> asked = new ArrayList<>();
    for (Retention node : nodes) {
      asked.add(
          threads.submit(
              () -> {
                together.await(10, TimeUnit.SECONDS);
                return node.sweepIfDue();
              }));
    }
    int swept = 0;
    for (Future<Boolean> answer : asked) {
      swept += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    return swept;
  }

  /** A node's retention, its sweep counted instead of run (the sweep itself is tested above). */
  private static Retention node(
      String name, TestDatabase shared, MutableClock clock, AtomicInteger sweeps) {
    Retention retention =
        new Retention() {
          @Override
          public long sweep() {
            sweeps.incrementAndGet();
            return 0;
          }
        };
    retention.jobs = ClusterNodes.jobs(name, shared, clock);
    return retention;
  }

  private static Contact contact(String id, Instant at) {
    return new Contact(
        id,
        "AAA-AAAA",
        "support",
        at,
        Source.FORM,
        "en",
        null,
        List.of(new Answer("name", "Name", "Mia")),
        null,
        null);
  }

  private void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    em.getTransaction().begin();
    T result = work.get();
    em.getTransaction().commit();
    return result;
  }
}
