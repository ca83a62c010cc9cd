package io.contactdesk.users.control;

import io.contactdesk.platform.Conflict;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.NotFound;
import io.contactdesk.users.entity.ApiToken;
import io.contactdesk.users.entity.User;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Personal API tokens (SPEC Part 2, Accounts; the row's rules are numbered on {@link ApiToken}).
 *
 * <ol>
 *   <li>A token is {@value ApiToken#PREFIX} and 256 random bits in URL-safe Base64 (47 characters).
 *       The database keeps its SHA-256 only: a token is as random as a key, so a fast hash is as
 *       good as a slow one against a stolen copy of the table (nobody can try 2<sup>256</sup>
 *       candidates), and it lets a request be checked with one indexed read instead of a PBKDF2.
 *   <li>A node reads a token from the database at most every {@value #MAX_AGE_SECONDS} seconds, so
 *       a revocation, a disabling, a new password or a deletion made on another node counts here
 *       within that time (its user through {@link SignIns}), well inside the five seconds of SPEC
 *       rule 10; on this node at once. A use is written at most once per {@link #TOUCH_EVERY}.
 *   <li>A token signs in while it exists, has not expired and its user exists and is enabled, with
 *       the roles the user has now.
 * </ol>
 */
@ApplicationScoped
public class ApiTokens {

  private static final Logger LOG = Logger.getLogger(ApiTokens.class.getName());
  static final long MAX_AGE_SECONDS = 2;
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
  private static final int MAX_CACHED = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TOKEN =
      Pattern.compile(Pattern.quote(ApiToken.PREFIX) + "[A-Za-z0-9_-]{43}");
  private static final String READ =
      "select t.id, t.userId, t.username, t.expiresAt, t.lastUsedAt from ApiToken t"
          + " where t.tokenHash = :tokenHash";

  @Inject EntityManager em;
  @Inject InTransaction tx;
  @Inject Clock clock;
  @Inject SignIns signIns;
  @Inject Users users;

  private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

  /** A new token: the row, and the token itself, which is shown this once. */
  public record Issued(ApiToken token, String secret) {}

  /** Who a token signs in, as the request that presented it sees them. */
  public record Bearer(String tokenId, String username, Set<String> roles) {}

  /** What a presented token stands for. */
  public enum State {
    /** not a token of ours, never was one, or revoked */
    UNKNOWN,
    /** past its expiry */
    EXPIRED,
    /** its user is disabled or deleted */
    ACCOUNT_ENDED,
    HOLDS
  }

  public record Lookup(State state, Bearer bearer) {
    static final Lookup UNKNOWN = new Lookup(State.UNKNOWN, null);
    static final Lookup EXPIRED = new Lookup(State.EXPIRED, null);
    static final Lookup ACCOUNT_ENDED = new Lookup(State.ACCOUNT_ENDED, null);
  }

  /** The row as this node last read it. */
  private record Known(
      String id,
      String userId,
      String username,
      Instant expiresAt,
      Instant lastUsedAt,
      long readAt) {}

  /**
   * Rule 1: a new token for the user. {@code errors} holds what the wire already found wrong (an
   * expiry that is no time), so that one answer names every failing field.
   *
   * @throws InvalidInput for a name or expiry that breaks the rules of {@link ApiToken}
   * @throws Conflict when the user has {@value ApiToken#MAX_PER_USER} tokens already
   */
  @Transactional
  public Issued issue(
      String username, String name, Instant expiresAt, InvalidInput.Collector errors) {
    Instant now = clock.instant();
    ApiToken.check(errors, name, expiresAt, now);
    errors.throwIfAny();
    User user = users.get(username);
    // two requests at once must not both find room for the last token
    em.lock(user, LockModeType.PESSIMISTIC_WRITE);
    long held =
        em.createNamedQuery(ApiToken.COUNT_OF_USER, Long.class)
            .setParameter("userId", user.id())
            .getSingleResult();
    if (held >= ApiToken.MAX_PER_USER) {
      throw new Conflict(
          "You have "
              + ApiToken.MAX_PER_USER
              + " tokens, as many as one user may have; revoke one first");
    }
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    String secret =
        ApiToken.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    ApiToken token = new ApiToken(Ids.random(), hashOf(secret), user, name, expiresAt, now);
    em.persist(token);
    return new Issued(token, secret);
  }

  /** The user's tokens, newest first. */
  public List<ApiToken> of(String username) {
    return em.createNamedQuery(ApiToken.OF_USER, ApiToken.class)
        .setParameter("userId", users.get(username).id())
        .getResultList();
  }

  /**
   * Revokes one of the user's own tokens; another user's is answered like one that does not exist.
   *
   * @throws NotFound for an id that is not a token of this user
   */
  @Transactional
  public void revoke(String username, String id) {
    if (!Ids.isWellFormed(id)) {
      throw new NotFound("No such token");
    }
    int revoked =
        em.createNamedQuery(ApiToken.REVOKE)
            .setParameter("id", id)
            .setParameter("userId", users.get(username).id())
            .executeUpdate();
    if (revoked == 0) {
      throw new NotFound("No such token");
    }
    known.values().removeIf(k -> k.id().equals(id));
  }

  /** Rules 2 and 3: whether the token signs someone in now, and whom. */
  public Lookup lookup(String secret) {
    if (secret == null || !TOKEN.matcher(secret).matches()) {
      return Lookup.UNKNOWN;
    }
    String hash = hashOf(secret);
    Known token = read(hash);
    if (token == null) {
      return Lookup.UNKNOWN;
    }
    Instant now = clock.instant();
    if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
      return Lookup.EXPIRED;
    }
    var account = signIns.current(token.username()).filter(a -> a.userId().equals(token.userId()));
    if (account.isEmpty()) {
      return Lookup.ACCOUNT_ENDED;
    }
    if (token.lastUsedAt() == null || !now.isBefore(token.lastUsedAt().plus(TOUCH_EVERY))) {
      touch(hash, token, now);
    }
    return new Lookup(State.HOLDS, new Bearer(token.id(), token.username(), account.get().roles()));
  }

  /** Rule 1: the database key of a token, its SHA-256. */
  static String hashOf(String secret) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(secret.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Known read(String hash) {
    long now = System.nanoTime();
    Known cached = known.get(hash);
    if (cached != null && now - cached.readAt() < TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      return cached;
    }
    List<Object[]> rows =
        em.createQuery(READ, Object[].class).setParameter("tokenHash", hash).getResultList();
    if (rows.isEmpty()) {
      known.remove(hash);
      return null;
    }
    Object[] row = rows.get(0);
    Known read =
        new Known(
            (String) row[0],
            (String) row[1],
            (String) row[2],
            (Instant) row[3],
            (Instant) row[4],
            now);
    remember(hash, read);
    return read;
  }

  private void touch(String hash, Known token, Instant now) {
    try {
      tx.run(
          () -> {
            em.createNamedQuery(ApiToken.TOUCH)
                .setParameter("now", now)
                .setParameter("tokenHash", hash)
                .executeUpdate();
            users.loggedIn(token.username());
          });
      remember(
          hash,
          new Known(
              token.id(),
              token.userId(),
              token.username(),
              token.expiresAt(),
              now,
              token.readAt()));
    } catch (RuntimeException e) {
      // the request itself is good; the next one writes the use
      LOG.log(Level.WARNING, "Could not note the use of an API token", e);
    }
  }

  private void remember(String hash, Known token) {
    if (known.size() > MAX_CACHED) {
      known.clear();
    }
    known.put(hash, token);
  }

  // a disabling, a new password or a deletion deleted the user's tokens: forget them here at once
  void changed(
      @Observes(during = TransactionPhase.AFTER_COMPLETION)
          @Priority(Interceptor.Priority.PLATFORM_BEFORE)
          AccountChanged change) {
    known.values().removeIf(k -> k.username().equals(change.username()));
  }
}
