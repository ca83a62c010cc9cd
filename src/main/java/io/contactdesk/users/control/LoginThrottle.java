package io.contactdesk.users.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
 * Counted in this process's memory, bounded in size.
 */
@ApplicationScoped
public class LoginThrottle {

  static final int USER_FAILURES = 5;
  static final Duration USER_WINDOW = Duration.ofMinutes(15);
  static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);
  static final int ADDRESS_FAILURES = 30;
  static final Duration ADDRESS_WINDOW = Duration.ofMinutes(1);
  private static final int MAX_KEYS = 100_000;

  @Inject Clock clock;

  private final ConcurrentHashMap<String, Failures> byUser = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Failures> byAddress = new ConcurrentHashMap<>();

  /** How long this login must wait, if it may not be tried now. */
  public Optional<Duration> refusal(String username, String address) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    Failures user = byUser.get(userKey(username));
    if (user != null) {
      wait = max(wait, user.userLockLeft(now));
    }
    Failures client = byAddress.get(address);
    if (client != null) {
      wait = max(wait, client.addressLockLeft(now));
    }
    return wait.isZero() ? Optional.empty() : Optional.of(roundUp(wait));
  }

  public void failed(String username, String address) {
    Instant now = clock.instant();
    record(byUser, userKey(username), now, USER_WINDOW);
    record(byAddress, address, now, ADDRESS_WINDOW);
  }

  public void succeeded(String username) {
    byUser.remove(userKey(username));
  }

  private static void record(
      ConcurrentHashMap<String, Failures> map, String key, Instant now, Duration window) {
    if (map.size() > MAX_KEYS) {
      map.values().removeIf(f -> f.isOlderThan(now.minus(MAX_LOCK)));
    }
    map.computeIfAbsent(key, k -> new Failures()).add(now, window);
  }

  private static String userKey(String username) {
    String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return name.length() > 100 ? name.substring(0, 100) : name;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration roundUp(Duration wait) {
    return Duration.ofSeconds(wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
  }

  /** The failure times of one key within its window, oldest first. */
  private static final class Failures {
    private final Deque<Instant> times = new ArrayDeque<>();

    synchronized void add(Instant now, Duration window) {
      forgetBefore(now.minus(window));
      times.addLast(now);
      if (times.size() > ADDRESS_FAILURES * 4) {
        times.removeFirst();
      }
    }

    synchronized Duration userLockLeft(Instant now) {
      forgetBefore(now.minus(USER_WINDOW));
      if (times.size() < USER_FAILURES) {
        return Duration.ZERO;
      }
      int beyond = Math.min(times.size() - USER_FAILURES, 10);
      Duration lock = FIRST_LOCK.multipliedBy(1L << beyond);
      lock = lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
      return positive(Duration.between(now, times.getLast().plus(lock)));
    }

    synchronized Duration addressLockLeft(Instant now) {
      forgetBefore(now.minus(ADDRESS_WINDOW));
      if (times.size() < ADDRESS_FAILURES) {
        return Duration.ZERO;
      }
      return positive(
          Duration.between(
              now,
              times.toArray(Instant[]::new)[times.size() - ADDRESS_FAILURES].plus(ADDRESS_WINDOW)));
    }

    synchronized boolean isOlderThan(Instant cutoff) {
      return times.isEmpty() || times.getLast().isBefore(cutoff);
    }

    private void forgetBefore(Instant cutoff) {
      while (!times.isEmpty() && times.getFirst().isBefore(cutoff)) {
        times.removeFirst();
      }
    }

    private static Duration positive(Duration d) {
      return d.isNegative() ? Duration.ZERO : d;
    }
  }
}
