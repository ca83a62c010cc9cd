package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Counts attempts per key (client address and queue, say) in one-minute windows, so that every node
 * counts against the same limit (SPEC, Several nodes).
 *
 * <ol>
 *   <li>A key's window starts with its first attempt after the last window ended and lasts a
 *       minute; an attempt beyond the limit within it is refused until it ends ({@code
 *       Retry-After}).
 *   <li>On PostgreSQL, counting is one statement, an upsert of the key's row in {@code rate_window}
 *       that returns the count: no transaction is held, and two nodes counting at once are
 *       serialised on that row by the database.
 *   <li>On PostgreSQL the count is committed without waiting for its WAL flush ({@code
 *       synchronous_commit} off for that one statement): a crash may forget the last few counts,
 *       which only lets a few more attempts in, and a submission does not wait for two flushes.
 *   <li>On H2, the single-node engine ({@link Engine}), the windows are counted in the node's
 *       memory by the same rule 1: there is no other node to share them with, and the row every
 *       attempt of one client and queue would update is where concurrent submissions queued (a
 *       third of the rate at 128 clients, docs/benchmarks.md). A restart forgets the counts, which
 *       only lets a few more attempts in, as rule 3 does.
 * </ol>
 *
 * Windows that ended are purged every {@value Housekeeping#EVERY_MINUTES} minutes on each node, and
 * in memory also whenever more than {@value #KEPT_IN_MEMORY} keys are held.
 */
@ApplicationScoped
public class RateLimiter implements Expiring {

  static final Duration WINDOW = Duration.ofMinutes(1);
  private static final int MAX_KEY = 200;
  static final int KEPT_IN_MEMORY = 100_000;
  // parameters: key, now, end of a new window
  private static final String COUNT_POSTGRES =
      "WITH s (counter_key, now_at, new_end) AS (VALUES (CAST(? AS VARCHAR(200)),"
          + " CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ)))"
          + " INSERT INTO rate_window AS w (counter_key, ends_at, hits)"
          + " SELECT counter_key, new_end, 1 FROM s"
          + " WHERE set_config('synchronous_commit', 'off', true) = 'off'"
          + " ON CONFLICT (counter_key) DO UPDATE SET"
          + " hits = CASE WHEN w.ends_at <= (SELECT now_at FROM s) THEN 1 ELSE w.hits + 1 END,"
          + " ends_at = CASE WHEN w.ends_at <= (SELECT now_at FROM s)"
          + " THEN EXCLUDED.ends_at ELSE w.ends_at END"
          + " RETURNING hits, ends_at";
  private static final String PURGE = "DELETE FROM rate_window WHERE ends_at <= ?";

  @Inject Clock clock;
  @Inject DataSource dataSource;

  private volatile Engine engine;
  private final ConcurrentHashMap<String, Window> inMemory = new ConcurrentHashMap<>();

  /**
   * Counts one attempt; throws {@link TooManyRequests} when the key is over its limit this minute.
   */
  public void acquire(String key, int perMinute) {
    var wait = count(key, perMinute);
    if (wait.isPresent()) {
      throw new TooManyRequests(wait.getAsLong());
    }
  }

  /** Counts one attempt; the seconds to wait when the key is over its limit this minute. */
  OptionalLong count(String key, int perMinute) {
    Instant now = clock.instant();
    String counted = key.length() <= MAX_KEY ? key : digest(key);
    Window window =
        engine() == Engine.H2 ? countInMemory(counted, now) : countInDatabase(counted, now);
    if (window.hits() <= perMinute) {
      return OptionalLong.empty();
    }
    long left = Duration.between(now, window.endsAt()).toMillis();
    return OptionalLong.of(Math.max(1, (left + 999) / 1000));
  }

  /** Deletes the windows that have ended. */
  @Override
  public int purge() {
    if (engine() == Engine.H2) {
      return purgeInMemory(clock.instant());
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement purge = c.prepareStatement(PURGE)) {
      purge.setObject(1, utc(clock.instant()));
      return purge.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot purge the rate limiter's windows", e);
    }
  }

  private record Window(int hits, Instant endsAt) {}

  private Window countInMemory(String key, Instant now) {
    if (inMemory.size() > KEPT_IN_MEMORY) {
      purgeInMemory(now);
    }
    return inMemory.compute(
        key,
        (k, window) ->
            window == null || !window.endsAt().isAfter(now)
                ? new Window(1, now.plus(WINDOW))
                : new Window(window.hits() + 1, window.endsAt()));
  }

  private int purgeInMemory(Instant now) {
    int before = inMemory.size();
    inMemory.values().removeIf(window -> !window.endsAt().isAfter(now));
    return before - inMemory.size();
  }

  private Window countInDatabase(String key, Instant now) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement upsert = c.prepareStatement(COUNT_POSTGRES)) {
      upsert.setString(1, key);
      upsert.setObject(2, utc(now));
      upsert.setObject(3, utc(now.plus(WINDOW)));
      try (ResultSet row = upsert.executeQuery()) {
        row.next();
        return new Window(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot count against the rate limit", e);
    }
  }

  private Engine engine() {
    Engine known = engine;
    if (known == null) {
      known = Engine.of(dataSource);
      engine = known;
    }
    return known;
  }

  private static String digest(String key) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  @Override
  public String expiring() {
    return "ended rate windows";
  }
}
