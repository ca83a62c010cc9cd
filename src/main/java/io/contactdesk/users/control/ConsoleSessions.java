package io.contactdesk.users.control;

import io.contactdesk.platform.Expiring;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.users.entity.ConsoleSession;
import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Console sessions, kept in the database so that a login holds on every node behind a load balancer
 * and a node's death logs nobody out (SPEC, Several nodes; the row's rules are numbered on {@link
 * ConsoleSession}).
 *
 * <ol>
 *   <li>A login gets a token of 256 random bits for its cookie; the database keeps only the token's
 *       SHA-256, which is also the session's id inside the app.
 *   <li>The CSRF token is an HMAC of the session token: the same on every node, stored nowhere, and
 *       not to be had from the database.
 *   <li>A node reads a session from the database at most every {@value #MAX_AGE_SECONDS} seconds,
 *       so a logout on another node counts here within that time, like a disabled user or a new
 *       password ({@link SignIns}): well inside the five seconds of SPEC rule 10. A use is written
 *       at most once per {@link #TOUCH_EVERY}; the session ends after {@link #IDLE} without use.
 *   <li>A session holds while its user exists, is enabled and is at the session's epoch. One that
 *       does not is answered "ended" and deleted at its next use; the purge, every {@value
 *       #PURGE_MINUTES} minutes on each node, deletes the rest of them and the expired ones.
 * </ol>
 */
@ApplicationScoped
public class ConsoleSessions implements Expiring {

  private static final Logger LOG = Logger.getLogger(ConsoleSessions.class.getName());
  static final Duration IDLE = Duration.ofHours(8);
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  static final long MAX_AGE_SECONDS = 2;
  private static final int MAX_CACHED = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final String READ =
      "select s.userId, s.username, s.epoch, s.expiresAt, s.lastUsedAt from ConsoleSession s"
          + " where s.tokenHash = :tokenHash";

  @Inject EntityManager em;
  @Inject InTransaction tx;
  @Inject Clock clock;
  @Inject SignIns signIns;
  @Inject Event<SessionEnded> ended;

  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

  /** A new session: the token for the cookie and the CSRF token for the page. */
  public record Opened(String token, String id, String csrfToken) {}

  /** A session that holds, as the request that presented its token sees it. */
  public record Current(String id, String username, Set<String> roles, String csrfToken) {}

  /** What a cookie's token stands for. */
  public enum State {
    /** no session: never was one, logged out or expired; the request goes on anonymously */
    NONE,
    /** its sign-in ended (SPEC rule 10): refused with 401, and the session is gone */
    ENDED,
    HOLDS
  }

  public record Lookup(State state, Current session) {
    static final Lookup NONE = new Lookup(State.NONE, null);
    static final Lookup ENDED = new Lookup(State.ENDED, null);
  }

  /** The row as this node last read it. */
  private record Known(
      String userId,
      String username,
      long epoch,
      Instant expiresAt,
      Instant lastUsedAt,
      long readAt) {}

  /** Rule 1: a session for a user whose password was just checked, at the epoch it was under. */
  public Opened open(User user, long epoch) {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    String id = idOf(token);
    tx.run(() -> em.persist(new ConsoleSession(id, user, epoch, clock.instant(), IDLE)));
    return new Opened(token, id, csrfTokenOf(token));
  }

  /** Rules 3 and 4: whether the token signs someone in now, and whom. */
  public Lookup lookup(String token) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return Lookup.NONE;
    }
    String id = idOf(token);
    Instant now = clock.instant();
    Known session = read(id, false);
    if (session == null || !now.isBefore(session.expiresAt())) {
      return Lookup.NONE;
    }
    var account = signIns.current(session.username()).filter(a -> holds(session, a));
    if (account.isEmpty()) {
      // either answer may be up to MAX_AGE_SECONDS old, and a session carried over to a new
      // password on another node must not end: read both again before ending it
      Known again = read(id, true);
      if (again == null) {
        return Lookup.NONE;
      }
      account = signIns.fresh(again.username()).filter(a -> holds(again, a));
      if (account.isEmpty()) {
        end(id);
        return Lookup.ENDED;
      }
    }
    if (!now.isBefore(session.lastUsedAt().plus(TOUCH_EVERY))) {
      touch(id, session, now);
    }
    return new Lookup(
        State.HOLDS,
        new Current(id, session.username(), account.get().roles(), csrfTokenOf(token)));
  }

  /** Whether the session with this id may still be used (live streams ask every few seconds). */
  public boolean isOpen(String id) {
    Known session = read(id, false);
    return session != null && clock.instant().isBefore(session.expiresAt());
  }

  /** Logout: the session ends on every node, its live streams with it. */
  public void endByToken(String token) {
    if (token != null && TOKEN.matcher(token).matches()) {
      end(idOf(token));
    }
  }

  /**
   * An own password change, in its transaction: this session goes on under the new epoch while the
   * user's others end.
   */
  void carryOver(String id, long epoch) {
    em.createNamedQuery(ConsoleSession.CARRY_OVER)
        .setParameter("epoch", epoch)
        .setParameter("tokenHash", id)
        .executeUpdate();
    known.remove(id);
  }

  /** Rule 4: deletes expired sessions and those whose user is gone or at a newer epoch. */
  @Override
  public int purge() {
    Instant now = clock.instant();
    int purged =
        tx.get(
            () ->
                em.createNamedQuery(ConsoleSession.PURGE_EXPIRED)
                        .setParameter("now", now)
                        .executeUpdate()
                    + em.createNamedQuery(ConsoleSession.PURGE_LAPSED).executeUpdate());
    known.clear();
    return purged;
  }

  /** The session id (and database key) of a token: its SHA-256. */
  static String idOf(String token) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rule 2: 128 bits of an HMAC keyed with the session token. */
  static String csrfTokenOf(String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] tag = mac.doFinal("contactdesk csrf".getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(tag, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean holds(Known session, SignIns.Account account) {
    return session.userId().equals(account.userId()) && session.epoch() >= account.epoch();
  }

  private Known read(String id, boolean fresh) {
    long now = System.nanoTime();
    Known cached = known.get(id);
    if (!fresh
        && cached != null
        && now - cached.readAt() < TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      return cached;
    }
    List<Object[]> rows =
        em.createQuery(READ, Object[].class).setParameter("tokenHash", id).getResultList();
    if (rows.isEmpty()) {
      known.remove(id);
      return null;
    }
    Object[] row = rows.get(0);
    Known read =
        new Known(
            (String) row[0],
            (String) row[1],
            (Long) row[2],
            (Instant) row[3],
            (Instant) row[4],
            now);
    remember(id, read);
    return read;
  }

  private void touch(String id, Known session, Instant now) {
    try {
      tx.run(
          () ->
              em.createNamedQuery(ConsoleSession.TOUCH)
                  .setParameter("now", now)
                  .setParameter("expiresAt", now.plus(IDLE))
                  .setParameter("tokenHash", id)
                  .executeUpdate());
      remember(
          id,
          new Known(
              session.userId(),
              session.username(),
              session.epoch(),
              now.plus(IDLE),
              now,
              session.readAt()));
    } catch (RuntimeException e) {
      // the request itself is good; the next one writes the use
      LOG.log(Level.WARNING, "Could not note the use of a console session", e);
    }
  }

  private void end(String id) {
    tx.run(
        () ->
            em.createNamedQuery(ConsoleSession.END).setParameter("tokenHash", id).executeUpdate());
    known.remove(id);
    ended.fire(new SessionEnded(id));
  }

  private void remember(String id, Known session) {
    if (known.size() > MAX_CACHED) {
      known.clear();
    }
    known.put(id, session);
  }

  @Override
  public String expiring() {
    return "console sessions";
  }
}
