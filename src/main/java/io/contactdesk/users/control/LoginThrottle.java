package io.contactdesk.users.control;

import io.contactdesk.platform.Expiring;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Slows password guessing (SPEC rule 9). Asked before a password is checked, so a throttled login
 * costs no hashing and the right password is refused too; told of failures only, so a team behind
 * one NAT address that logs in all day is never counted.
 *
 * <ol>
 *   <li>Per username: after {@value #USER_FAILURES} failures within {@link #USER_WINDOW}, logins
 *       with it are refused for a minute after the last failure, doubling with every further
 *       failure, at most {@link #MAX_LOCK}. A successful login forgets the failures.
 *   <li>Per client address: {@value #ADDRESS_FAILURES} failures within a minute, whatever the
 *       usernames, and that address is refused until the oldest of them is a minute old.
 * </ol>
 *
 * An API token ({@code Authorization: Bearer}) names no username until it is found, and a token
 * that is not found names none at all: its failures count against the client address alone ({@link
 * #refusal(String)}, {@link #failedFrom(String)}), under the same rule 2 and in the same rows as
 * every other login's, so Basic and token guesses from one address add up.
 *
 * <p>The failures are rows of {@code login_failure} (the username as its SHA-256, the client
 * address as it is), shared by every node on the database, so guessing on several nodes in turn
 * gains nothing (SPEC, Several nodes). Asking costs one indexed read, a failure one insert; the
 * purge, every {@value io.contactdesk.platform.Housekeeping#EVERY_MINUTES} minutes on each node,
 * deletes what no rule looks at any more.
 */
@ApplicationScoped
public class LoginThrottle implements Expiring {

  static final int USER_FAILURES = 5;
  static final Duration USER_WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  static final int ADDRESS_FAILURES = 30;
  static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);
  private static final String READ =
      "SELECT 'u', failed_at FROM login_failure WHERE subject = ? AND failed_at > ?"
          + " UNION ALL SELECT 'a', failed_at FROM login_failure WHERE subject = ? AND failed_at > ?";
  private static final String READ_ADDRESS =
      "SELECT failed_at FROM login_failure WHERE subject = ? AND failed_at > ?";
  private static final String RECORD =
      "INSERT INTO login_failure (subject, failed_at) VALUES (?, ?), (?, ?)";
  private static final String RECORD_ADDRESS =
      "INSERT INTO login_failure (subject, failed_at) VALUES (?, ?)";
  private static final String FORGET = "DELETE FROM login_failure WHERE subject = ?";
  private static final String PURGE = "DELETE FROM login_failure WHERE failed_at <= ?";

  @Inject Clock clock;
  @Inject DataSource dataSource;

  /** How long this login must wait, if it may not be tried now. */
  public Optional<Duration> refusal(String username, String address) {
    Instant now = clock.instant();
    List<Instant> user = new ArrayList<>();
    List<Instant> client = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement read = c.prepareStatement(READ)) {
      read.setString(1, userKey(username));
      read.setObject(2, utc(now.minus(USER_WINDOW)));
      read.setString(3, addressKey(address));
      read.setObject(4, utc(now.minus(ADDRESS_WINDOW)));
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          Instant at = rows.getObject(2, OffsetDateTime.class).toInstant();
          ("u".equals(rows.getString(1)) ? user : client).add(at);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the login throttle", e);
    }
    Collections.sort(user);
    Collections.sort(client);
    Duration wait = max(userLockLeft(user, now), addressLockLeft(client, now));
    return wait.isZero() ? Optional.empty() : Optional.of(roundUp(wait));
  }

  /** How long a login from this address that names no username must wait (rule 2 only). */
  public Optional<Duration> refusal(String address) {
    Instant now = clock.instant();
    List<Instant> client = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement read = c.prepareStatement(READ_ADDRESS)) {
      read.setString(1, addressKey(address));
      read.setObject(2, utc(now.minus(ADDRESS_WINDOW)));
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          client.add(rows.getObject(1, OffsetDateTime.class).toInstant());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the login throttle", e);
    }
    Collections.sort(client);
    Duration wait = addressLockLeft(client, now);
    return wait.isZero() ? Optional.empty() : Optional.of(roundUp(wait));
  }

  /** A failed login that names no username, such as an unknown API token. */
  public void failedFrom(String address) {
    update(RECORD_ADDRESS, addressKey(address), utc(clock.instant()));
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    update(RECORD, userKey(username), utc(now), addressKey(address), utc(now));
  }

  public void succeeded(String username) {
    update(FORGET, userKey(username));
  }

  /** Deletes the failures older than every window. */
  @Override
  public int purge() {
    return update(PURGE, utc(clock.instant().minus(USER_WINDOW)));
  }

  /** Rule 1, over the username's failures within its window, oldest first. */
  private static Duration userLockLeft(List<Instant> times, Instant now) {
    if (times.size() < USER_FAILURES) {
      return Duration.ZERO;
    }
    int beyond = Math.min(times.size() - USER_FAILURES, 10);
    Duration lock = FIRST_LOCK.multipliedBy(1L << beyond);
    lock = lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    return positive(Duration.between(now, times.get(times.size() - 1).plus(lock)));
  }

  /** Rule 2, over the address's failures within a minute, oldest first. */
  private static Duration addressLockLeft(List<Instant> times, Instant now) {
    if (times.size() < ADDRESS_FAILURES) {
      return Duration.ZERO;
    }
    return positive(
        Duration.between(now, times.get(times.size() - ADDRESS_FAILURES).plus(ADDRESS_WINDOW)));
  }

  private int update(String sql, Object... parameters) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update the login throttle", e);
    }
  }

  // a digest: what was typed as a username may be anything, a NUL or a password typed in the wrong
  // field, and none of it is kept
  private static String userKey(String username) {
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    try {
      return "u:"
          + Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  MessageDigest.getInstance("SHA-256")
                      .digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String addressKey(String address) {
    String a = address == null ? "" : address.replace('\0', '?');
    return "a:" + (a.length() > 100 ? a.substring(0, 100) : a);
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Duration roundUp(Duration wait) {
    return Duration.ofSeconds(wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
  }

  @Override
  public String expiring() {
    return "old login failures";
  }
}
