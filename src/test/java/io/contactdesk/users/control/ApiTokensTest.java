package io.contactdesk.users.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.Conflict;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.LocalTransactions;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.NotFound;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.users.control.ApiTokens.Lookup;
import io.contactdesk.users.control.ApiTokens.State;
import io.contactdesk.users.entity.ApiToken;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Personal API tokens, by the rules numbered on {@link ApiTokens} and {@link ApiToken}, with two
 * nodes: two instances of the whole stack (tokens, sign-ins, users) over one database, on H2 and,
 * where it answers, PostgreSQL.
 */
class ApiTokensTest {

  private static final String PASSWORD = "Zq8#mW2!vL9@xR4t-tokens";

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

  // ---------------------------------------------------------------- made, shown once, hashed

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_token_is_cdt_and_256_random_bits_and_the_database_keeps_only_its_sha_256(String database)
      throws SQLException {
    Node a = start(database);
    a.createUser("mia");

    var issued = a.issue("mia", "CRM export", null);

    assertThat(issued.secret()).startsWith("cdt_").hasSize(4 + 43);
    assertThat(issued.secret().substring(4)).matches("[A-Za-z0-9_-]{43}");
    assertThat(a.issue("mia", "another", null).secret()).isNotEqualTo(issued.secret());
    String stored = String.join(" ", rows("SELECT * FROM api_token"));
    assertThat(stored).contains(ApiTokens.hashOf(issued.secret())).doesNotContain(issued.secret());
    assertThat(stored).doesNotContain(issued.secret().substring(4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_token_signs_in_as_its_user_on_any_node_with_the_roles_they_have_now(String database)
      throws SQLException {
    Node a = start(database);
    Node b = node();
    a.createUser("mia");
    var issued = a.issue("mia", "script", null);

    Lookup onB = b.lookup(issued.secret());

    assertThat(onB.state()).isEqualTo(State.HOLDS);
    assertThat(onB.bearer().username()).isEqualTo("mia");
    assertThat(onB.bearer().roles()).containsExactly("agent");
    assertThat(onB.bearer().tokenId()).isEqualTo(issued.token().id());

    a.transaction(
        () -> a.users.edit("mia", new Users.Description(null, null, Set.of(Role.ADMIN)), false));
    a.accountChanged("mia");
    assertThat(a.lookup(issued.secret()).bearer().roles()).containsExactly("admin");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void the_list_shows_a_users_own_tokens_newest_first_with_their_times(String database)
      throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    a.createUser("olli");
    var first = a.issue("mia", "first", null);
    clock.advance(Duration.ofMinutes(1));
    Instant expiry = clock.instant().plus(Duration.ofDays(30));
    var second = a.issue("mia", "  second  ", expiry);
    a.issue("olli", "not mia's", null);

    List<ApiToken> listed = a.tokens.of("mia");

    assertThat(listed)
        .extracting(ApiToken::id)
        .containsExactly(second.token().id(), first.token().id());
    assertThat(listed.get(0).name()).isEqualTo("second");
    assertThat(listed.get(0).expiresAt()).isEqualTo(expiry);
    assertThat(listed.get(0).createdAt()).isEqualTo(clock.instant());
    assertThat(listed.get(1).expiresAt()).isNull();
    assertThat(listed.get(1).lastUsedAt()).isNull();
  }

  // ---------------------------------------------------------------- revoked, expired, ended

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_revoked_token_ends_at_once_here_and_within_two_seconds_on_another_node(String database)
      throws SQLException {
    Node a = start(database);
    Node b = node();
    a.createUser("mia");
    var issued = a.issue("mia", "script", null);
    assertThat(a.lookup(issued.secret()).state()).isEqualTo(State.HOLDS);
    assertThat(b.lookup(issued.secret()).state()).isEqualTo(State.HOLDS);

    a.transaction(
        () -> {
          a.tokens.revoke("mia", issued.token().id());
          return null;
        });

    assertThat(a.lookup(issued.secret()).state()).isEqualTo(State.UNKNOWN);
    assertThat(secondsUntil(() -> b.lookup(issued.secret()).state() == State.UNKNOWN))
        .isLessThanOrEqualTo(ApiTokens.MAX_AGE_SECONDS + 1);
    assertThat(a.tokens.of("mia")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void another_users_token_is_not_found_and_stays(String database) throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    a.createUser("olli");
    var mias = a.issue("mia", "script", null);

    assertThatThrownBy(() -> a.transaction(() -> revoke(a, "olli", mias.token().id())))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> a.transaction(() -> revoke(a, "mia", "no-such-token")))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> a.transaction(() -> revoke(a, "mia", "x\u0000y")))
        .isInstanceOf(NotFound.class);

    assertThat(a.lookup(mias.secret()).state()).isEqualTo(State.HOLDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_token_signs_nobody_in_from_its_expiry_on_but_stays_listed(String database)
      throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    var issued = a.issue("mia", "a week", clock.instant().plus(Duration.ofDays(7)));

    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(a.lookup(issued.secret()).state()).isEqualTo(State.HOLDS);
    clock.advance(Duration.ofSeconds(1));
    assertThat(a.lookup(issued.secret()).state()).isEqualTo(State.EXPIRED);
    assertThat(node().lookup(issued.secret()).state()).isEqualTo(State.EXPIRED);
    assertThat(a.tokens.of("mia")).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void disabling_a_user_ends_their_tokens_on_every_node_and_re_enabling_brings_none_back(
      String database) throws SQLException {
    Node a = start(database);
    Node b = node();
    a.createUser("mia");
    var issued = a.issue("mia", "script", null);
    assertThat(b.lookup(issued.secret()).state()).isEqualTo(State.HOLDS);

    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), true));
    a.accountChanged("mia");

    assertThat(a.lookup(issued.secret()).state()).isNotEqualTo(State.HOLDS);
    assertThat(secondsUntil(() -> b.lookup(issued.secret()).state() != State.HOLDS))
        .isLessThanOrEqualTo(5);
    assertThat(count("api_token")).isZero();
    a.transaction(() -> a.users.edit("mia", new Users.Description(null, null, null), false));
    a.accountChanged("mia");
    assertThat(a.lookup(issued.secret()).state()).isEqualTo(State.UNKNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_new_password_ends_the_users_tokens_an_admins_reset_and_their_own_change_alike(
      String database) throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    a.createUser("olli");
    var reset = a.issue("mia", "before the reset", null);
    var olli = a.issue("olli", "olli's", null);

    a.transaction(
        () -> {
          a.users.resetPassword("mia", PASSWORD + "-reset");
          return null;
        });
    a.accountChanged("mia");
    assertThat(a.lookup(reset.secret()).state()).isEqualTo(State.UNKNOWN);

    var own = a.issue("mia", "before my change", null);
    a.transaction(
        () -> a.users.changeOwnPassword("mia", PASSWORD + "-reset", PASSWORD + "-own", null));
    a.accountChanged("mia");
    assertThat(a.lookup(own.secret()).state()).isEqualTo(State.UNKNOWN);
    assertThat(a.tokens.of("mia")).isEmpty();
    assertThat(a.lookup(olli.secret()).state())
        .as("other users keep theirs")
        .isEqualTo(State.HOLDS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_deleted_users_tokens_go_with_them_and_never_sign_in_a_new_user_of_the_same_name(
      String database) throws SQLException {
    Node a = start(database);
    Node b = node();
    a.createUser("mia");
    var issued = a.issue("mia", "script", null);
    assertThat(b.lookup(issued.secret()).state()).isEqualTo(State.HOLDS);

    a.transaction(
        () -> {
          a.users.delete("mia");
          return null;
        });
    a.createUser("mia");
    b.accountChanged("mia");

    assertThat(count("api_token")).isZero();
    assertThat(b.lookup(issued.secret()).state()).isNotEqualTo(State.HOLDS);
    assertThat(a.lookup(issued.secret()).state()).isEqualTo(State.UNKNOWN);
  }

  // ---------------------------------------------------------------- the rules of a new token

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_name_of_1_to_100_characters_and_an_expiry_in_the_future_within_ten_years(String database)
      throws SQLException {
    Node a = start(database);
    a.createUser("mia");

    assertThat(refused(a, "   ", null)).containsOnlyKeys("name");
    assertThat(refused(a, null, null)).containsOnlyKeys("name");
    assertThat(refused(a, "x".repeat(101), null)).containsOnlyKeys("name");
    assertThat(refused(a, "two\nlines", null)).containsOnlyKeys("name");
    assertThat(refused(a, "", clock.instant())).containsOnlyKeys("name", "expiresAt");
    assertThat(refused(a, "ok", clock.instant().minusSeconds(1)).get("expiresAt"))
        .isEqualTo("must be in the future");
    assertThat(refused(a, "ok", clock.instant().plus(Duration.ofDays(3651))))
        .containsOnlyKeys("expiresAt");
    assertThat(a.issue("mia", "x".repeat(100), clock.instant().plus(Duration.ofDays(3650))))
        .isNotNull();
    assertThat(count("api_token")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_user_holds_at_most_fifty_tokens(String database) throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    a.createUser("olli");
    for (int i = 0; i < ApiToken.MAX_PER_USER; i++) {
      a.issue("mia", "token " + i, null);
    }

    assertThatThrownBy(() -> a.issue("mia", "one too many", null))
        .isInstanceOf(Conflict.class)
        .hasMessageContaining("revoke one first");
    assertThat(a.issue("olli", "olli's first", null)).isNotNull();
    String oldest = a.tokens.of("mia").get(ApiToken.MAX_PER_USER - 1).id();
    a.transaction(() -> revoke(a, "mia", oldest));
    assertThat(a.issue("mia", "room again", null)).isNotNull();
  }

  // ---------------------------------------------------------------- uses

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void a_use_is_written_at_most_once_a_minute_and_counts_as_the_users_last_login(String database)
      throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    var issued = a.issue("mia", "script", null);
    assertThat(lastUsedAt()).isNull();

    a.lookup(issued.secret());
    Instant first = clock.instant();
    assertThat(lastUsedAt()).isEqualTo(first);
    assertThat(a.users.get("mia").lastLoginAt()).isEqualTo(first);

    clock.advance(Duration.ofSeconds(59));
    a.lookup(issued.secret());
    assertThat(lastUsedAt()).as("no write within the minute").isEqualTo(first);
    clock.advance(Duration.ofSeconds(1));
    a.lookup(issued.secret());
    assertThat(lastUsedAt()).isEqualTo(clock.instant());
    assertThat(a.tokens.of("mia").get(0).lastUsedAt()).isEqualTo(clock.instant());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void what_is_not_a_token_of_ours_signs_nobody_in(String database) throws SQLException {
    Node a = start(database);
    a.createUser("mia");
    var issued = a.issue("mia", "script", null);

    assertThat(a.lookup(null).state()).isEqualTo(State.UNKNOWN);
    assertThat(a.lookup("").state()).isEqualTo(State.UNKNOWN);
    assertThat(a.lookup("cdt_" + "A".repeat(43)).state()).isEqualTo(State.UNKNOWN);
    assertThat(a.lookup(issued.secret().substring(4)).state()).isEqualTo(State.UNKNOWN);
    assertThat(a.lookup(issued.secret() + "x").state()).isEqualTo(State.UNKNOWN);
    assertThat(a.lookup("cdt_\u0000" + "A".repeat(42)).state()).isEqualTo(State.UNKNOWN);
    assertThat(a.lookup(ApiTokens.hashOf(issued.secret())).state())
        .as("the stored hash is no token")
        .isEqualTo(State.UNKNOWN);
  }

  // ---------------------------------------------------------------- two nodes over one database

  private Node start(String database) throws SQLException {
    db = database.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres();
    return node();
  }

  private Node node() {
    Node node = new Node(db.entityManagerFactory().createEntityManager(), clock);
    nodes.add(node);
    return node;
  }

  private static Object revoke(Node node, String username, String id) {
    node.tokens.revoke(username, id);
    return null;
  }

  private java.util.Map<String, String> refused(Node node, String name, Instant expiresAt) {
    try {
      node.issue("mia", name, expiresAt);
    } catch (InvalidInput e) {
      return e.fields();
    }
    throw new AssertionError("expected a refusal of " + name + " until " + expiresAt);
  }

  private static final class Node {
    final EntityManager em;
    final Users users = new Users();
    final SignIns signIns = new SignIns();
    final ConsoleSessions sessions = new ConsoleSessions();
    final ApiTokens tokens = new ApiTokens();

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
      sessions.ended = new RecordingEvent<>();
      tokens.em = em;
      tokens.tx = sessions.tx;
      tokens.clock = clock;
      tokens.signIns = signIns;
      tokens.users = users;
    }

    User createUser(String username) {
      return transaction(
          () ->
              users.create(
                  username, "Mia Agent", username + "@example.com", PASSWORD, Set.of(Role.AGENT)));
    }

    ApiTokens.Issued issue(String username, String name, Instant expiresAt) {
      return transaction(
          () -> tokens.issue(username, name, expiresAt, new InvalidInput.Collector()));
    }

    /** What the container does after a commit that fired AccountChanged. */
    void accountChanged(String username) {
      signIns.changed(new AccountChanged(username));
      tokens.changed(new AccountChanged(username));
    }

    /** A request: the container gives each its own persistence context. */
    Lookup lookup(String token) {
      em.clear();
      return tokens.lookup(token);
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

  private List<String> rows(String sql) {
    List<String> values = new ArrayList<>();
    try (Connection c = db.connect();
        ResultSet r = c.createStatement().executeQuery(sql)) {
      while (r.next()) {
        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
          values.add(String.valueOf(r.getObject(i)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return values;
  }

  private long count(String table) {
    return Long.parseLong(rows("SELECT COUNT(*) FROM " + table).get(0));
  }

  private Instant lastUsedAt() {
    try (Connection c = db.connect();
        ResultSet r = c.createStatement().executeQuery("SELECT last_used_at FROM api_token")) {
      r.next();
      OffsetDateTime at = r.getObject(1, OffsetDateTime.class);
      return at == null ? null : at.toInstant();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
