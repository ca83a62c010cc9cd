package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link RateLimiter}, as its class Javadoc numbers them: the window on H2 and, where
 * it answers, PostgreSQL; two nodes (two limiters over one database) counting as one on PostgreSQL;
 * and H2, the single-node engine, counting in memory.
 */
class RateLimiterTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00.250Z"));
  private TestDatabase db;

  static Stream<String> databases() {
    return TestDatabase.postgresReachable() ? Stream.of("h2", "postgresql") : Stream.of("h2");
  }

  @AfterEach
  void tearDown() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void forty_attempts_alternating_between_two_nodes_at_thirty_a_minute_let_thirty_through()
      throws SQLException {
    RateLimiter a = start("postgresql");
    RateLimiter b = node();

    int accepted = 0;
    for (int i = 0; i < 40; i++) {
      if (tryAcquire(i % 2 == 0 ? a : b, "submit 192.0.2.7 support", 30)) {
        accepted++;
      }
    }

    assertThat(accepted).isEqualTo(30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void the_window_lasts_a_minute_from_its_first_attempt_and_retry_after_counts_what_is_left(
      String database) throws SQLException {
    RateLimiter a = start(database);
    RateLimiter b = database.equals("h2") ? a : node();
    a.acquire("k", 2);
    clock.advance(Duration.ofSeconds(20));
    b.acquire("k", 2);

    clock.advance(Duration.ofMillis(100));
    assertThat(a.count("k", 2)).as("Retry-After, rounded up").hasValue(40);
    assertThat(b.count("k", 2)).hasValue(40);
    assertThat(a.count("other key", 2)).isEmpty();

    clock.advance(Duration.ofMillis(39_900));
    assertThat(a.count("k", 2)).isEmpty();
    assertThat(b.count("k", 2)).isEmpty();
    assertThat(a.count("k", 2)).hasValue(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void attempts_racing_are_each_counted_once(String database) throws Exception {
    RateLimiter a = start(database);
    RateLimiter b = database.equals("h2") ? a : node();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        RateLimiter node = i % 2 == 0 ? a : b;
        attempts.add(() -> tryAcquire(node, "submit 198.51.100.1 support", 150));
      }
      int accepted = 0;
      for (Future<Boolean> attempt : threads.invokeAll(attempts)) {
        accepted += attempt.get() ? 1 : 0;
      }
      assertThat(accepted).isEqualTo(150);
    } finally {
      threads.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_key_longer_than_the_column_is_counted_under_its_digest_and_ended_windows_are_purged(
      String database) throws SQLException {
    RateLimiter a = start(database);
    String longKey = "submit " + "2001:db8::1".repeat(30) + " support";
    assertThat(a.count(longKey, 1)).isEmpty();
    assertThat(a.count(longKey, 1)).isPresent();
    assertThat(a.count(longKey + "x", 1)).isEmpty();

    assertThat(a.purge()).isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(a.purge()).isEqualTo(2);
    assertThat(a.count(longKey, 1)).isEmpty();
  }

  @Test
  void on_h2_the_windows_are_kept_in_the_nodes_memory_not_in_the_table() throws SQLException {
    RateLimiter a = start("h2");
    a.acquire("submit 192.0.2.7 support", 30);
    a.acquire("submit 192.0.2.8 support", 30);

    try (Connection c = db.dataSource().getConnection();
        ResultSet rows = c.createStatement().executeQuery("SELECT COUNT(*) FROM rate_window")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    }
    assertThat(node().count("submit 192.0.2.7 support", 1))
        .as("another limiter on the same H2 file is another node's memory")
        .isEmpty();
  }

  private RateLimiter start(String database) throws SQLException {
    db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres();
    return node();
  }

  private RateLimiter node() {
    RateLimiter node = new RateLimiter();
    node.clock = clock;
    node.dataSource = db.dataSource();
    return node;
  }

  private static boolean tryAcquire(RateLimiter limiter, String key, int perMinute) {
    return limiter.count(key, perMinute).isEmpty();
  }
}
