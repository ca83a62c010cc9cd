package io.contactdesk.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A person who works in the console: an agent, an admin, or both. The username is the stable key
 * other features refer to (memberships, handlers, comment authors, the activity log).
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_USERNAME, query = "select u from User u where u.username = :username")
@NamedQuery(name = User.COUNT, query = "select count(u) from User u")
@NamedQuery(name = User.ALL, query = "select u from User u order by u.username")
@NamedQuery(
    name = User.LOGGED_IN,
    query =
        "update User u set u.lastLoginAt = :now where u.username = :username"
            + " and (u.lastLoginAt is null or u.lastLoginAt < :before)")
public class User {

  public static final String BY_USERNAME = "User.byUsername";
  public static final String COUNT = "User.count";
  public static final String ALL = "User.all";
  public static final String LOGGED_IN = "User.loggedIn";

  @Id private String id;

  @Column(nullable = false, unique = true)
  private String username;

  @Column(name = "display_name", nullable = false)
  private String displayName;

  @Column(nullable = false)
  private String email;

  @Column(name = "password_hash", nullable = false)
  private String passwordHash;

  /** Role names, comma-separated: a user has one or two, never queried by role. */
  @Column(nullable = false)
  private String roles;

  @Column(name = "notify_sound", nullable = false)
  private boolean notifySound;

  @Column(name = "notify_desktop", nullable = false)
  private boolean notifyDesktop;

  @Column(name = "notify_email", nullable = false)
  private boolean notifyEmail;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(nullable = false)
  private boolean disabled;

  @Column(name = "last_login_at")
  private Instant lastLoginAt;

  /**
   * Grows with each password change and each disabling: whatever was signed in under an older epoch
   * (a console session, a remembered Basic credential, a live stream) has ended.
   */
  @Column(name = "session_epoch", nullable = false)
  private long sessionEpoch;

  @Version private long version;

  protected User() {}

  public User(
      String id,
      String username,
      String displayName,
      String email,
      String passwordHash,
      Set<Role> roles,
      Instant createdAt) {
    this.id = Objects.requireNonNull(id);
    this.username = Objects.requireNonNull(username);
    this.passwordHash = Objects.requireNonNull(passwordHash);
    this.createdAt = Objects.requireNonNull(createdAt);
    describe(displayName, email, roles);
  }

  /** A new name, address or set of roles; the roles are read afresh on the next request. */
  public void describe(String displayName, String email, Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("a user needs at least one role");
    }
    this.displayName = Objects.requireNonNull(displayName);
    this.email = Objects.requireNonNull(email);
    this.roles = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
  }

  /** A new password ends every session signed in with the old one. */
  public void changePassword(String newHash) {
    this.passwordHash = Objects.requireNonNull(newHash);
    sessionEpoch++;
  }

  public void disable() {
    if (!disabled) {
      disabled = true;
      sessionEpoch++;
    }
  }

  public void enable() {
    disabled = false;
  }

  public boolean disabled() {
    return disabled;
  }

  public Instant lastLoginAt() {
    return lastLoginAt;
  }

  public long sessionEpoch() {
    return sessionEpoch;
  }

  public boolean isAdmin() {
    return roles().contains(Role.ADMIN);
  }

  public void changeNotifications(NotificationSettings settings) {
    this.notifySound = settings.sound();
    this.notifyDesktop = settings.desktop();
    this.notifyEmail = settings.email();
  }

  public NotificationSettings notifications() {
    return new NotificationSettings(notifySound, notifyDesktop, notifyEmail);
  }

  public Set<Role> roles() {
    return Arrays.stream(roles.split(","))
        .map(Role::valueOf)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
  }

  public String id() {
    return id;
  }

  public String username() {
    return username;
  }

  public String displayName() {
    return displayName;
  }

  public String email() {
    return email;
  }

  public String passwordHash() {
    return passwordHash;
  }
}
