package io.contactdesk.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A console login, stored so that it holds on every node (SPEC, Several nodes).
 *
 * <ol>
 *   <li>It is known by the SHA-256 of the token in the browser's cookie, never by the token.
 *   <li>It ends after {@code idle} without use: a use moves {@code expiresAt} on ({@link #TOUCH}),
 *       and the users/control {@code ConsoleSessions} write a use at most once a minute.
 *   <li>It holds only under the session epoch of its user that it was made (or carried over) under,
 *       and only for that user: a user of the same name made after a deletion has another id.
 * </ol>
 */
@Entity
@Table(name = "console_session")
@NamedQuery(
    name = ConsoleSession.TOUCH,
    query =
        "update ConsoleSession s set s.lastUsedAt = :now, s.expiresAt = :expiresAt"
            + " where s.tokenHash = :tokenHash and s.lastUsedAt < :now")
@NamedQuery(
    name = ConsoleSession.CARRY_OVER,
    query = "update ConsoleSession s set s.epoch = :epoch where s.tokenHash = :tokenHash")
@NamedQuery(
    name = ConsoleSession.END,
    query = "delete from ConsoleSession s where s.tokenHash = :tokenHash")
@NamedQuery(
    name = ConsoleSession.PURGE_EXPIRED,
    query = "delete from ConsoleSession s where s.expiresAt <= :now")
// the user is gone or has a newer epoch; "<=" and not "=", so a session carried over to a new
// epoch is never taken for a lapsed one by a purge that reads the user before that commit
@NamedQuery(
    name = ConsoleSession.PURGE_LAPSED,
    query =
        "delete from ConsoleSession s where not exists (select u.id from User u"
            + " where u.id = s.userId and u.sessionEpoch <= s.epoch)")
public class ConsoleSession {

  public static final String TOUCH = "ConsoleSession.touch";
  public static final String CARRY_OVER = "ConsoleSession.carryOver";
  public static final String END = "ConsoleSession.end";
  public static final String PURGE_EXPIRED = "ConsoleSession.purgeExpired";
  public static final String PURGE_LAPSED = "ConsoleSession.purgeLapsed";

  @Id
  @Column(name = "token_hash")
  private String tokenHash;

  @Column(name = "user_id", nullable = false)
  private String userId;

  @Column(nullable = false)
  private String username;

  @Column(nullable = false)
  private long epoch;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "last_used_at", nullable = false)
  private Instant lastUsedAt;

  @Column(name = "expires_at", nullable = false)
  private Instant expiresAt;

  protected ConsoleSession() {}

  public ConsoleSession(String tokenHash, User user, long epoch, Instant now, Duration idle) {
    this.tokenHash = Objects.requireNonNull(tokenHash);
    this.userId = user.id();
    this.username = user.username();
    this.epoch = epoch;
    this.createdAt = Objects.requireNonNull(now);
    this.lastUsedAt = now;
    this.expiresAt = now.plus(idle);
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

  public long epoch() {
    return epoch;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant lastUsedAt() {
    return lastUsedAt;
  }

  public Instant expiresAt() {
    return expiresAt;
  }
}
