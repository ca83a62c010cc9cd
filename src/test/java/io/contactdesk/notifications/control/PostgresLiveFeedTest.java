package io.contactdesk.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.platform.TestDatabase;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Two nodes' live feeds on one PostgreSQL schema: a contact committed on one is heard on both, once
 * each, only after its commit; a node that lost its listening connection replays from the log what
 * it missed.
 */
@EnabledIf(
    value = "io.contactdesk.platform.TestDatabase#postgresReachable",
    disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class PostgresLiveFeedTest {

  private static final Duration SOON = Duration.ofSeconds(10);

  private TestDatabase db;
  private EntityManager em;
  private String schema;
  private Node a;
  private Node b;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.postgres();
    em = db.entityManagerFactory().createEntityManager();
    try (Connection c = db.connect();
        ResultSet r = c.createStatement().executeQuery("select current_schema()")) {
      r.next();
      schema = r.getString(1);
    }
    a = new Node("a");
    b = new Node("b");
  }

  @AfterEach
  void tearDown() {
    a.feed.stop();
    b.feed.stop();
    em.close();
    db.close();
  }

  @Test
  void a_contact_committed_on_one_node_reaches_both_once_each() {
    long id = register(a.feed, true);

    eventually(() -> a.heard.contains(id) && b.heard.contains(id));
    settle();
    assertThat(a.heard).containsExactly(id);
    assertThat(b.heard).containsExactly(id);
  }

  @Test
  void a_rolled_back_contact_is_heard_nowhere() {
    register(a.feed, false);
    long committed = register(b.feed, true);

    eventually(() -> a.heard.contains(committed) && b.heard.contains(committed));
    settle();
    assertThat(a.heard).containsExactly(committed);
    assertThat(b.heard).containsExactly(committed);
  }

  @Test
  void a_node_that_lost_its_connection_replays_what_it_missed_and_nothing_twice()
      throws SQLException {
    long before = register(a.feed, true);
    eventually(() -> b.heard.contains(before));

    b.reconnects.drainPermits(); // b stays away until let back
    terminate(b);
    long missed1 = register(a.feed, true);
    long missed2 = register(a.feed, true);
    eventually(() -> a.heard.contains(missed2));
    assertThat(b.heard).doesNotContain(missed1, missed2);

    b.reconnects.release();
    eventually(() -> b.heard.contains(missed2));
    long after = register(a.feed, true);
    eventually(() -> b.heard.contains(after));
    settle();
    assertThat(b.heard).containsExactly(before, missed1, missed2, after);
    assertThat(a.heard).containsExactly(before, missed1, missed2, after);
  }

  /** Stores a new-contact entry and publishes it in the same transaction. */
  private long register(LiveFeed feed, boolean commit) {
    em.getTransaction().begin();
    ActivityEntry entry =
        new ActivityEntry(
            "q-1",
            ActivityType.CONTACT_REGISTERED,
            Instant.now(),
            null,
            "c-" + UUID.randomUUID().toString().substring(0, 8),
            "REF-0000",
            null);
    em.persist(entry);
    em.flush();
    feed.published(
        new ContactRegistered(entry.id(), entry.contactId(), "q-1", "Queue", entry.at()));
    if (commit) {
      em.getTransaction().commit();
    } else {
      em.getTransaction().rollback();
    }
    return entry.id();
  }

  private void terminate(Node node) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement kill =
            c.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
      kill.setString(1, node.applicationName);
      kill.executeQuery();
    }
    eventually(() -> !node.feed.listening());
  }

  private static void eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + SOON.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + SOON);
      }
      settle(50);
    }
  }

  private static void settle() {
    settle(700);
  }

  /** Gives a second delivery, if there were one, the time to arrive. */
  private static void settle(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One node: its feed, what it delivered to its streams, and a gate on its reconnects. */
  private final class Node {
    final String applicationName = "cd-live-test-" + UUID.randomUUID();
    final List<Long> heard = new CopyOnWriteArrayList<>();
    final Semaphore reconnects = new Semaphore(Integer.MAX_VALUE);
    final PostgresLiveFeed feed;

    Node(String name) {
      String url;
      try (Connection c = db.connect()) {
        url = c.getMetaData().getURL();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      String listenUrl =
          url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName;
      feed =
          new PostgresLiveFeed(
              () -> {
                reconnects.acquireUninterruptibly();
                return DriverManager.getConnection(listenUrl, "postgres", "");
              },
              em,
              Thread::new,
              schema);
      feed.start(
          new LiveFeed.Receiver() {
            @Override
            public void deliver(ContactRegistered contact) {
              throw new AssertionError("PostgreSQL nodes hear their own contacts from the channel");
            }

            @Override
            public void deliver(LiveFeed.Escalation escalation) {
              throw new AssertionError(
                  "PostgreSQL nodes hear their own escalations from the channel");
            }

            @Override
            public void deliver(List<Long> activityIds) {
              heard.addAll(activityIds);
            }

            @Override
            public long lastEntry() {
              return ids("select coalesce(max(id), 0) from activity_entry", 0).get(0);
            }

            @Override
            public List<Long> registeredAfter(long activityId, int limit) {
              return ids(
                  "select id from activity_entry where id > ? and type = 'CONTACT_REGISTERED'"
                      + " order by id",
                  activityId);
            }
          });
      eventually(feed::listening);
    }
  }

  private List<Long> ids(String sql, long parameter) {
    try (Connection c = db.connect();
        PreparedStatement statement = c.prepareStatement(sql)) {
      if (sql.contains("?")) {
        statement.setLong(1, parameter);
      }
      List<Long> ids = new ArrayList<>();
      try (ResultSet r = statement.executeQuery()) {
        while (r.next()) {
          ids.add(r.getLong(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
