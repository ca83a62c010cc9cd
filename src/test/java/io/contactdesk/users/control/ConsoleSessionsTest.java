package io.contactdesk.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.LocalTransactions;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.users.control.ConsoleSessions.Lookup;
import io.contactdesk.users.control.ConsoleSessions.State;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link ConsoleSessions}, as its class Javadoc numbers them, with two nodes: two
 * instances of the whole stack (sessions, sign-ins, users) over one database, on H2 and, where it
 * answers, PostgreSQL.
 */
class ConsoleSessionsTest {

  private static final String PASSWORD = "Zq8#mW2!vL9@xR4t-sessions";

  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private TestDatabase db;
  private final List<Node> nodes = new ArrayList<>();

  static Stream<String> databases() {
    return TestDatabase.postgresReachable() ? Stream.of("h2", "postgresql") : Stream.of("h2");
  }

  @AfterEach
  void tearDown() {
    nodes.forEach(n -> n.em.close());
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_session_made_on_one_node_signs_in_on_another_with_the_same_csrf_token(String database)
      throws SQLException {
    Node a = start(database);
    Node b = node();
    User mia = a.createUser("mia");

    var opened = a.login(mia);
    Lookup onB = b.lookup(opened.token());

    assertThat(onB.state()).isEqualTo(State.HOLDS);
    assertThat(onB.session().username()).isEqualTo("mia");
    assertThat(onB.session().roles()).containsExactly("agent");
    assertThat(onB.session().csrfToken()).isEqualTo(opened.csrfToken());
    assertThat(onB.session().id()).isEqualTo(a.lookup(opened.token()).session().id());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void the_database_keeps_the_sha_256_of_the_token_and_neither_the_token_nor_the_csrf_token(
      String database) throws SQLException {
    Node a = start(database);
    var opened = a.login(a.createUser("mia"));

    List<String> stored = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet rows = c.createStatement().executeQuery("SELECT * FROM console_session")) {
      while (rows.next()) {
        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
          stored.add(String.valueOf(rows.getObject(i)));
        }
      }
    }

    assertThat(stored).contains(ConsoleSessions.idOf(opened.token()));
    assertThat(String.join(" ", stored))
        .doesNotContain(opened.token())
        .doesNotContain(opened.csrfToken());
    assertThat(opened.token()).hasSize(43); // 256 bits
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_node_that_restarts_or_dies_logs_nobody_out(String database) throws SQLException {
    Node a = start(database);
    var opened = a.login(a.createUser("mia"));

    Node restarted = node();

    assertThat(restarted.lookup(opened.token()).state()).isEqualTo(State.HOLDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_logout_on_one_node_ends_the_session_on_the_other_within_the_cache_time(String database)
      throws SQLException {
    Node a = start(database);
    Node b = node();
    var opened = a.login(a.createUser("mia"));
    assertThat(b.lookup(opened.token()).state()).isEqualTo(State.HOLDS);

    a.sessions.endByToken(opened.token());

    assertThat(a.lookup(opened.token()).state())
        .as("at once where it happened")
        .isEqualTo(State.NONE);
    assertThat(a.ended.fired())
        .containsExactly(new SessionEnded(ConsoleSessions.idOf(opened.token())));
    assertThat(secondsUntil(() -> b.lookup(opened.token()).state() == State.NONE))
        .isLessThanOrEqualTo(ConsoleSessions.MAX_AGE_SECONDS + 1);
    assertThat(b.sessions.isOpen(ConsoleSessions.idOf(opened.token()))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void disabling_a_user_on_one_node_ends_their_session_on_the_other_within_five_seconds(
      String database) throws SQLException {
    Node a = start(database);
    Node b = node();
    User mia = a.createUser("mia");
    var opened = a.login(mia);
    assertThat(b.lookup(opened.token()).state()).isEqualTo(State.HOLDS);

    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), true));

    assertThat(secondsUntil(() -> b.lookup(opened.token()).state() != State.HOLDS))
        .isLessThanOrEqualTo(5);
    assertThat(count("console_session")).as("the ended session is deleted").isZero();
    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), false));
    assertThat(b.lookup(opened.token()).state())
        .as("re-enabling brings no session back")
        .isEqualTo(State.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void the_first_use_after_a_disabling_is_answered_ended(String database) throws SQLException {
    Node a = start(database);
    var opened = a.login(a.createUser("mia"));

    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), true));
    a.signIns.changed(new AccountChanged("mia"));

    assertThat(a.lookup(opened.token()).state()).isEqualTo(State.ENDED);
    assertThat(a.lookup(opened.token()).state()).isEqualTo(State.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void an_own_password_change_carries_this_session_over_and_ends_every_other_on_every_node(
      String database) throws SQLException {
    Node a = start(database);
    Node b = node();
    User mia = a.createUser("mia");
    var mine = a.login(mia);
    var other = a.login(mia);
    // b has read the user and both sessions just before the change: its answers are stale
    assertThat(b.lookup(mine.token()).state()).isEqualTo(State.HOLDS);
    assertThat(b.lookup(other.token()).state()).isEqualTo(State.HOLDS);

    a.transaction(
        () ->
            a.users.changeOwnPassword(
                "mia", PASSWORD, PASSWORD + "-new", ConsoleSessions.idOf(mine.token())));
    a.signIns.changed(new AccountChanged("mia"));

    assertThat(a.lookup(mine.token()).state()).isEqualTo(State.HOLDS);
    assertThat(a.lookup(other.token()).state()).isEqualTo(State.ENDED);
    // b reads the new epoch now, but still knows both sessions as they were before the change
    b.signIns.changed(new AccountChanged("mia"));
    assertThat(b.lookup(mine.token()).state())
        .as("a stale session is read again before it is ended")
        .isEqualTo(State.HOLDS);
    assertThat(b.lookup(other.token()).state()).isEqualTo(State.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_deleted_users_session_ends_and_is_never_taken_for_a_new_user_of_the_same_name(
      String database) throws SQLException {
    Node a = start(database);
    Node b = node();
    var opened = a.login(a.createUser("mia"));

    a.transaction(
        () -> {
          a.users.delete("mia");
          return null;
        });
    a.createUser("mia");
    a.signIns.changed(new AccountChanged("mia"));
    b.signIns.changed(new AccountChanged("mia"));

    assertThat(b.lookup(opened.token()).state()).isEqualTo(State.ENDED);
    assertThat(a.lookup(opened.token()).state()).isEqualTo(State.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_use_is_written_at_most_once_a_minute_and_moves_the_expiry_on(String database)
      throws SQLException {
    Node a = start(database);
    var opened = a.login(a.createUser("mia"));
    Instant loggedIn = clock.instant();

    clock.advance(Duration.ofSeconds(59));
    a.lookup(opened.token());
    assertThat(lastUsedAt()).as("no write within the minute").isEqualTo(loggedIn);

    clock.advance(Duration.ofSeconds(1));
    a.lookup(opened.token());
    assertThat(lastUsedAt()).isEqualTo(clock.instant());
    clock.advance(Duration.ofSeconds(30));
    a.lookup(opened.token());
    assertThat(lastUsedAt()).isEqualTo(loggedIn.plusSeconds(60));

    clock.advance(ConsoleSessions.IDLE.minusSeconds(31));
    assertThat(node().lookup(opened.token()).state())
        .as("eight hours after the last use written, less a second")
        .isEqualTo(State.HOLDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_session_unused_for_eight_hours_is_over_and_purged_with_the_lapsed_ones(String database)
      throws SQLException {
    Node a = start(database);
    User mia = a.createUser("mia");
    var idle = a.login(mia);
    clock.advance(ConsoleSessions.IDLE.minusMinutes(1));
    var lapsed = a.login(mia);
    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), true));
    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), false));
    var live = a.login(mia);
    clock.advance(Duration.ofMinutes(1));

    assertThat(node().lookup(idle.token()).state()).isEqualTo(State.NONE);
    assertThat(a.sessions.purge()).isEqualTo(2);
    assertThat(count("console_session")).isEqualTo(1);
    assertThat(node().lookup(live.token()).state()).isEqualTo(State.HOLDS);
    assertThat(node().lookup(lapsed.token()).state()).isEqualTo(State.NONE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void what_is_not_a_token_of_ours_is_no_session(String database) throws SQLException {
    Node a = start(database);

    assertThat(a.lookup(null).state()).isEqualTo(State.NONE);
    assertThat(a.lookup("").state()).isEqualTo(State.NONE);
    assertThat(a.lookup("x\u0000y").state()).isEqualTo(State.NONE);
    assertThat(a.lookup("A".repeat(43)).state()).isEqualTo(State.NONE);
  }

  // --- two nodes over one database

  private Node start(String database) throws SQLException {
    db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres();
    return node();
  }

  private Node node() {
    Node node = new Node(db.entityManagerFactory().createEntityManager(), clock);
    nodes.add(node);
    return node;
  }

  private static final class Node {
    final EntityManager em;
    final Users users = new Users();
    final SignIns signIns = new SignIns();
    final ConsoleSessions sessions = new ConsoleSessions();
    final RecordingEvent<SessionEnded> ended = new RecordingEvent<>();

    Node(EntityManager em, MutableClock clock) {
      this.em = em;
      users.em = em;
      users.clock = clock;
      users.passwords = new ReversedPasswords();
      users.accountChanged = new RecordingEvent<>();
      users.settingsChanged = new RecordingEvent<>();
      users.userDeleted = new RecordingEvent<>();
      users.sessions = sessions;
      signIns.users = users;
      sessions.em = em;
      sessions.tx = new LocalTransactions(em);
      sessions.clock = clock;
      sessions.signIns = signIns;
      sessions.ended = ended;
    }

    User createUser(String username, Role... roles) {
      return transaction(
          () ->
              users.create(
                  username,
                  "Mia Agent",
                  username + "@example.com",
                  PASSWORD,
                  roles.length == 0 ? Set.of(Role.AGENT) : Set.of(roles)));
    }

    ConsoleSessions.Opened login(User user) {
      em.clear();
      return sessions.open(user, users.get(user.username()).sessionEpoch());
    }

    /** A request: the container gives each its own persistence context. */
    Lookup lookup(String token) {
      em.clear();
      return sessions.lookup(token);
    }

    <T> T transaction(Supplier<T> work) {
      return sessions.tx.get(work);
    }
  }

  private static final class ReversedPasswords extends Passwords {
    @Override
    public String hash(String password) {
      return new StringBuilder(password).reverse().toString();
    }

    @Override
    public boolean matches(String password, String hash) {
      return hash(password).equals(hash);
    }
  }

  private static double secondsUntil(Supplier<Boolean> condition) {
    long start = System.nanoTime();
    while (!condition.get()) {
      if (System.nanoTime() - start > Duration.ofSeconds(10).toNanos()) {
        return Double.MAX_VALUE;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Double.MAX_VALUE;
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private long count(String table) {
    try (Connection c = db.connect();
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Instant lastUsedAt() {
    try (Connection c = db.connect();
        ResultSet r =
            c.createStatement().executeQuery("SELECT last_used_at FROM console_session")) {
      r.next();
      return r.getObject(1, java.time.OffsetDateTime.class).toInstant();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
