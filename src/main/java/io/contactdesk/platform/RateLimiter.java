package io.contactdesk.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts attempts per key (client address and queue, say) in one-minute windows, in the database,
 * so that every node on it counts against the same limit (SPEC, Several nodes).
 *
 * <ol>
 *   <li>A key's window starts with its first attempt after the last window ended and lasts a
 *       minute; an attempt beyond the limit within it is refused until it ends ({@code
 *       Retry-After}).
 *   <li>Counting is one statement, an upsert of the key's row in {@code rate_window} that returns
 *       the count: no transaction is held, and two nodes counting at once are serialised on that
 *       row by the database.
 *   <li>On PostgreSQL the count is committed without waiting for its WAL flush ({@code
 *       synchronous_commit} off for that one statement): a crash may forget the last few counts,
 *       which only lets a few more attempts in, and a submission does not wait for two flushes.
 * </ol>
 *
 * The statement is the one thing the two databases say differently: PostgreSQL's {@code INSERT … ON
 * CONFLICT}, H2's {@code MERGE} read back through {@code FINAL TABLE}. Windows that ended are
 * purged every {@value #PURGE_MINUTES} minutes on each node.
 */
@ApplicationScoped
public class RateLimiter {

  private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final long PURGE_MINUTES = 10;
  private static final int MAX_KEY = 200;
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
  private static final String COUNT_H2 =
      "SELECT hits, ends_at FROM FINAL TABLE (MERGE INTO rate_window w USING (VALUES ("
          + "CAST(? AS VARCHAR(200)), CAST(? AS TIMESTAMP(6) WITH TIME ZONE),"
          + " CAST(? AS TIMESTAMP(6) WITH TIME ZONE))) s (counter_key, now_at, new_end)"
          + " ON w.counter_key = s.counter_key"
          + " WHEN MATCHED AND w.ends_at <= s.now_at THEN UPDATE SET hits = 1, ends_at = s.new_end"
          + " WHEN MATCHED THEN UPDATE SET hits = w.hits + 1"
          + " WHEN NOT MATCHED THEN INSERT (counter_key, ends_at, hits)"
          + " VALUES (s.counter_key, s.new_end, 1))";
  private static final String PURGE = "DELETE FROM rate_window WHERE ends_at <= ?";

  @Inject Clock clock;
  @Inject DataSource dataSource;
  @Resource ManagedScheduledExecutorService scheduler;

  private volatile String count;
  private ScheduledFuture<?> purging;

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
    Window window = count(key.length() <= MAX_KEY ? key : digest(key), now);
    if (window.hits() <= perMinute) {
      return OptionalLong.empty();
    }
    long left = Duration.between(now, window.endsAt()).toMillis();
    return OptionalLong.of(Math.max(1, (left + 999) / 1000));
  }

  /** Deletes the windows that have ended. */
  public int purge() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement purge = c.prepareStatement(PURGE)) {
      purge.setObject(1, utc(clock.instant()));
      return purge.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot purge the rate limiter's windows", e);
    }
  }

  void schedulePurge(@Observes AppStarted started) {
    purging =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                purge();
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Could not purge ended rate windows; trying again later", e);
              }
            },
            1,
            PURGE_MINUTES,
            TimeUnit.MINUTES);
  }

  @PreDestroy
  void stop() {
    if (purging != null) {
      purging.cancel(false);
    }
  }

  private record Window(int hits, Instant endsAt) {}

  private Window count(String key, Instant now) {
    for (int attempt = 1; ; attempt++) {
      try (Connection c = dataSource.getConnection()) {
        try (PreparedStatement upsert = c.prepareStatement(statementFor(c))) {
          upsert.setString(1, key);
          upsert.setObject(2, utc(now));
          upsert.setObject(3, utc(now.plus(WINDOW)));
          try (ResultSet row = upsert.executeQuery()) {
            row.next();
            return new Window(row.getInt(1), row.getObject(2, OffsetDateTime.class).toInstant());
          }
        }
      } catch (SQLException e) {
        // H2's MERGE of a new key can lose the insert to another one at the same moment; the
        // next try finds the row
        if (!"23505".equals(e.getSQLState()) || attempt == 3) {
          throw new IllegalStateException("Cannot count against the rate limit", e);
        }
      }
    }
  }

  private String statementFor(Connection c) throws SQLException {
    String known = count;
    if (known == null) {
      known = c.getMetaData().getURL().startsWith("jdbc:postgresql:") ? COUNT_POSTGRES : COUNT_H2;
      count = known;
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
}
