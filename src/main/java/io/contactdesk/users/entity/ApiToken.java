package io.contactdesk.users.entity;

import io.contactdesk.platform.InvalidInput;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A personal API token: a script signs in as its user with {@code Authorization: Bearer <token>}
 * (SPEC Part 2, Accounts).
 *
 * <ol>
 *   <li>It is known by the SHA-256 of the token, never by the token, which its owner sees once.
 *   <li>Its name is one line of 1 to {@value #MAX_NAME_LENGTH} characters (what it is for: "CRM
 *       export"), so that its owner can tell it from the others in the list.
 *   <li>It may have an expiry; one given is in the future and at most {@link #LONGEST_EXPIRY}
 *       ahead. From that instant on it signs nobody in, though it stays listed until revoked.
 *   <li>A user has at most {@value #MAX_PER_USER} tokens (users/control {@code ApiTokens} counts
 *       them under the user's row lock).
 *   <li>It signs in only as its user, with the roles the user has at the time, and only while the
 *       user is enabled; it goes with the user's deletion (the schema cascades), a disabling or a
 *       new password (users/control {@code Users}, SPEC rule 10).
 * </ol>
 */
@Entity
@Table(name = "api_token")
@NamedQuery(
    name = ApiToken.OF_USER,
    query = "select t from ApiToken t where t.userId = :userId order by t.createdAt desc, t.id")
@NamedQuery(
    name = ApiToken.COUNT_OF_USER,
    query = "select count(t) from ApiToken t where t.userId = :userId")
@NamedQuery(
    name = ApiToken.REVOKE,
    query = "delete from ApiToken t where t.id = :id and t.userId = :userId")
@NamedQuery(name = ApiToken.END_ALL, query = "delete from ApiToken t where t.userId = :userId")
@NamedQuery(
    name = ApiToken.TOUCH,
    query =
        "update ApiToken t set t.lastUsedAt = :now where t.tokenHash = :tokenHash"
            + " and (t.lastUsedAt is null or t.lastUsedAt < :now)")
public class ApiToken {

  public static final String OF_USER = "ApiToken.ofUser";
  public static final String COUNT_OF_USER = "ApiToken.countOfUser";
  public static final String REVOKE = "ApiToken.revoke";
  public static final String END_ALL = "ApiToken.endAll";
  public static final String TOUCH = "ApiToken.touch";

  /** The start of every token, so that a scanner for leaked secrets knows it for ours. */
  public static final String PREFIX = "cdt_";

  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_PER_USER = 50;
  public static final Duration LONGEST_EXPIRY = Duration.ofDays(3650);

  @Id private String id;

  @Column(name = "token_hash", nullable = false)
  private String tokenHash;

  @Column(name = "user_id", nullable = false)
  private String userId;

  @Column(nullable = false)
  private String username;

  @Column(nullable = false)
  private String name;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "expires_at")
  private Instant expiresAt;

  @Column(name = "last_used_at")
  private Instant lastUsedAt;

  protected ApiToken() {}

  /**
   * @throws InvalidInput for a name or expiry that breaks rules 2 and 3
   */
  public ApiToken(
      String id, String tokenHash, User user, String name, Instant expiresAt, Instant now) {
    var errors = new InvalidInput.Collector();
    check(errors, name, expiresAt, now);
    errors.throwIfAny();
    this.id = Objects.requireNonNull(id);
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.userId = user.id();
    this.username = user.username();
    this.name = name.strip();
    this.createdAt = Objects.requireNonNull(now);
    this.expiresAt = expiresAt;
  }

  /** Rules 2 and 3: collects what is wrong with a new token's name and expiry. */
  public static void check(
      InvalidInput.Collector errors, String name, Instant expiresAt, Instant now) {
    String stripped = name == null ? "" : name.strip();
    if (stripped.isEmpty()
        || stripped.length() > MAX_NAME_LENGTH
        || stripped.chars().anyMatch(Character::isISOControl)) {
      errors.add("name", "is required, one line of at most " + MAX_NAME_LENGTH + " characters");
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      errors.add("expiresAt", "must be in the future");
    } else if (expiresAt != null && expiresAt.isAfter(now.plus(LONGEST_EXPIRY))) {
      errors.add("expiresAt", "must be at most " + LONGEST_EXPIRY.toDays() + " days ahead");
    }
  }

  /** Rule 3: whether it still signs in at {@code now}. */
  public boolean expired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  public String id() {
    return id;
  }

  public String tokenHash() {
    return tokenHash;
  }

  public String userId() {
    return userId;
  }

  public String username() {
    return username;
  }

  public String name() {
    return name;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }
}
