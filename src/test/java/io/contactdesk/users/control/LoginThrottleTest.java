package io.contactdesk.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link LoginThrottle}, as its class Javadoc numbers them; and two nodes, two
 * throttles over one database, count as one, on H2 and, where it answers, PostgreSQL.
 */
class LoginThrottleTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private TestDatabase db;
  private LoginThrottle throttle;

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    throttle = node();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  static Stream<String> databases() {
    return TestDatabase.postgresReachable() ? Stream.of("h2", "postgresql") : Stream.of("h2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void failures_on_two_nodes_add_up_and_the_lock_holds_on_both(String database)
      throws SQLException {
    if (database.equals("postgresql")) {
      db.close();
      db = TestDatabase.postgres();
    }
    LoginThrottle a = node();
    LoginThrottle b = node();

    a.failed("mia", "10.9.0.1");
    b.failed("mia", "10.9.0.2");
    a.failed("mia", "10.9.0.3");
    b.failed("Mia", "10.9.0.4");
    assertThat(a.refusal("mia", "10.9.0.5")).isEmpty();
    a.failed("mia", "10.9.0.5");

    assertThat(b.refusal("mia", "10.9.0.6")).contains(Duration.ofMinutes(1));
    assertThat(a.refusal("mia", "10.9.0.6")).contains(Duration.ofMinutes(1));
    b.succeeded("mia");
    assertThat(a.refusal("mia", "10.9.0.6")).as("a success on one forgets on all").isEmpty();

    for (int i = 0; i < 30; i++) {
      (i % 2 == 0 ? a : b).failed("user" + i, "192.0.2.7");
    }
    assertThat(a.refusal("anyone", "192.0.2.7")).contains(Duration.ofMinutes(1));
    assertThat(b.refusal("anyone", "192.0.2.7")).contains(Duration.ofMinutes(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void what_was_typed_as_a_username_is_kept_only_as_its_digest_so_a_nul_or_a_password_is_not(
      String database) throws SQLException {
    if (database.equals("postgresql")) {
      db.close();
      db = TestDatabase.postgres();
    }
    LoginThrottle a = node();

    fail("ad\0min", "10.9.0.1", 5, a);
    a.failed("my secret passphrase", "10.9.0.1");

    assertThat(a.refusal("ad\0min", "10.9.0.2")).isPresent();
    try (Connection c = db.connect();
        ResultSet rows = c.createStatement().executeQuery("SELECT subject FROM login_failure")) {
      while (rows.next()) {
        assertThat(rows.getString(1)).doesNotContain("admin", "secret", "min");
      }
    }
  }

  @Test
  void the_purge_deletes_only_what_no_rule_looks_at_any_more() {
    fail("mia", "a", 5);
    clock.advance(Duration.ofMinutes(10));
    throttle.failed("olli", "b");
    clock.advance(Duration.ofMinutes(5));

    assertThat(throttle.purge()).as("two rows a failure: username and address").isEqualTo(10);
    assertThat(throttle.purge()).isZero();
    fail("olli", "b", 4);
    assertThat(throttle.refusal("olli", "c")).as("olli's first failure is kept").isPresent();
  }

  private LoginThrottle node() {
    LoginThrottle node = new LoginThrottle();
    node.clock = clock;
    node.dataSource = db.dataSource();
    return node;
  }

  @Test
  void four_failures_leave_a_username_free_and_the_fifth_throttles_it_for_a_minute() {
    fail("mia", "10.9.0.1", 4);
    assertThat(throttle.refusal("mia", "10.9.0.1")).isEmpty();

    fail("mia", "10.9.0.1", 1);

    assertThat(throttle.refusal("mia", "10.9.0.2")).contains(Duration.ofMinutes(1));
    assertThat(throttle.refusal("MIA", "10.9.0.3"))
        .as("usernames are not case-sensitive")
        .isPresent();
    assertThat(throttle.refusal("olli", "10.9.0.1")).as("other users go on").isEmpty();
  }

  @Test
  void the_lock_doubles_with_every_further_failure_up_to_fifteen_minutes() {
    fail("mia", "a", 5);
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.refusal("mia", "a")).isEmpty();

    fail("mia", "a", 1);
    assertThat(throttle.refusal("mia", "a")).contains(Duration.ofMinutes(2));
    clock.advance(Duration.ofMinutes(2));
    fail("mia", "a", 1);
    assertThat(throttle.refusal("mia", "a")).contains(Duration.ofMinutes(4));

    fail("mia", "a", 10);
    assertThat(throttle.refusal("mia", "a")).contains(Duration.ofMinutes(15));
  }

  @Test
  void failures_older_than_fifteen_minutes_are_forgotten() {
    fail("mia", "a", 4);
    clock.advance(Duration.ofMinutes(16));
    fail("mia", "a", 1);

    assertThat(throttle.refusal("mia", "a")).isEmpty();
  }

  @Test
  void a_successful_login_forgets_the_failures_of_its_username() {
    fail("mia", "a", 4);
    throttle.succeeded("mia");
    fail("mia", "a", 1);

    assertThat(throttle.refusal("mia", "a")).isEmpty();
  }

  @Test
  void thirty_failures_a_minute_from_one_address_throttle_it_until_the_oldest_is_a_minute_old() {
    for (int i = 0; i < 29; i++) {
      throttle.failed("user" + i, "192.0.2.7");
    }
    assertThat(throttle.refusal("anyone", "192.0.2.7")).isEmpty();
    clock.advance(Duration.ofSeconds(20));

    throttle.failed("user29", "192.0.2.7");

    assertThat(throttle.refusal("anyone", "192.0.2.7")).contains(Duration.ofSeconds(40));
    assertThat(throttle.refusal("anyone", "192.0.2.8")).as("other addresses go on").isEmpty();
    clock.advance(Duration.ofSeconds(40));
    assertThat(throttle.refusal("anyone", "192.0.2.7")).isEmpty();
  }

  @Test
  void failed_tokens_count_against_their_address_alone_and_add_up_with_failed_passwords() {
    for (int i = 0; i < 15; i++) {
      throttle.failedFrom("192.0.2.9");
      throttle.failed("user" + i, "192.0.2.9");
    }

    assertThat(throttle.refusal("192.0.2.9")).contains(Duration.ofMinutes(1));
    assertThat(throttle.refusal("anyone", "192.0.2.9"))
        .as("a Basic login from that address too")
        .contains(Duration.ofMinutes(1));
    assertThat(throttle.refusal("192.0.2.10")).as("other addresses go on").isEmpty();
    assertThat(throttle.refusal("", "192.0.2.10"))
        .as("a failed token locks no username, not even the empty one")
        .isEmpty();
  }

  @Test
  void a_locked_username_does_not_throttle_a_token_login_from_another_address() {
    fail("mia", "10.9.0.1", 5);

    assertThat(throttle.refusal("10.9.0.2")).isEmpty();
    assertThat(throttle.refusal("mia", "10.9.0.2")).isPresent();
  }

  @Test
  void successful_logins_are_never_counted_so_one_office_address_is_never_throttled() {
    for (int i = 0; i < 1000; i++) {
      assertThat(throttle.refusal("user" + (i % 50), "198.51.100.1")).isEmpty();
      throttle.succeeded("user" + (i % 50));
    }
  }

  private void fail(String username, String address, int times) {
    fail(username, address, times, throttle);
  }

  private static void fail(String username, String address, int times, LoginThrottle node) {
    for (int i = 0; i < times; i++) {
      node.failed(username, address);
    }
  }
}
