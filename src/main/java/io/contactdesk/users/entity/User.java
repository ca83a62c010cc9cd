package io.contactdesk.users.entity;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PlainText;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person who works in the console: an agent, an admin, or both. The username is the stable key
 * other features refer to (memberships, handlers, comment authors, the activity log).
 *
 * <p>Its rules, each reported under the admin API's field:
 *
 * <ol>
 *   <li>{@code username}: 2 to 40 lower-case letters, digits, '.', '_' or '-', starting with a
 *       letter or digit; never changes.
 *   <li>{@code displayName}: one line of 1 to {@value #MAX_DISPLAY_NAME_LENGTH} characters,
 *       trimmed.
 *   <li>{@code email}: an e-mail address ({@link PlainText#isEmail}).
 *   <li>{@code roles}: at least one.
 *   <li>The password meets {@link PasswordPolicy}; an own change is proven with the current one and
 *       must differ from it.
 * </ol>
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.BY_USERNAME, query = "select u from User u where u.username = :username")
@NamedQuery(name = User.COUNT, query = "select count(u) from User u")
@NamedQuery(name = User.ALL, query = "select u from User u order by u.username")
@NamedQuery(name = User.BY_USERNAMES, query = "select u from User u where u.username in :usernames")
@NamedQuery(
    name = User.LOGGED_IN,
    query =
        "update User u set u.lastLoginAt = :now where u.username = :username"
            + " and (u.lastLoginAt is null or u.lastLoginAt < :before)")
public class User {

  public static final String BY_USERNAME = "User.byUsername";
  public static final String COUNT = "User.count";
  public static final String ALL = "User.all";
  public static final String BY_USERNAMES = "User.byUsernames";
  public static final String LOGGED_IN = "User.loggedIn";
  public static final int MAX_DISPLAY_NAME_LENGTH = 100;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

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

  /**
   * @throws InvalidInput for every broken rule of username, display name, e-mail and roles
   */
  public User(
      String id,
      String username,
      String displayName,
      String email,
      String passwordHash,
      Set<Role> roles,
      Instant createdAt) {
    var errors = new InvalidInput.Collector();
    checkNew(errors, username, displayName, email, roles);
    errors.throwIfAny();
    this.id = Objects.requireNonNull(id);
    this.username = username;
    this.passwordHash = Objects.requireNonNull(passwordHash);
    this.createdAt = Objects.requireNonNull(createdAt);
    describe(displayName, email, roles);
  }

  /**
   * Collects what is wrong with a new user, password included (it is hashed only once it is good),
   * so one answer names every failing field.
   */
  public static void checkNew(
      InvalidInput.Collector errors,
      String username,
      String displayName,
      String email,
      Set<Role> roles,
      String password) {
    checkNew(errors, username, displayName, email, roles);
    PasswordPolicy.problem(password, username, email)
        .ifPresent(problem -> errors.add("password", problem));
  }

  private static void checkNew(
      InvalidInput.Collector errors,
      String username,
      String displayName,
      String email,
      Set<Role> roles) {
    if (!isUsername(username)) {
      errors.add("username", "2 to 40 lower-case letters, digits, '.', '_' or '-'");
    }
    checkDescription(
        errors, displayName == null ? "" : displayName, email == null ? "" : email, roles);
  }

  /**
   * Collects what is wrong with a new description; what is null is not being changed and not
   * checked.
   */
  public static void checkDescription(
      InvalidInput.Collector errors, String displayName, String email, Set<Role> roles) {
    if (displayName != null) {
      String name = displayName.strip();
      if (name.isEmpty()
          || name.length() > MAX_DISPLAY_NAME_LENGTH
          || name.chars().anyMatch(Character::isISOControl)) {
        errors.add(
            "displayName",
            "is required, one line of at most " + MAX_DISPLAY_NAME_LENGTH + " characters");
      }
    }
    if (email != null && !PlainText.isEmail(email)) {
      errors.add("email", "must be an e-mail address such as mia@example.com");
    }
    if (roles != null && roles.isEmpty()) {
      errors.add("roles", "a user needs at least one role");
    }
  }

  /** Whether this can be a username; one that cannot is never looked up. */
  public static boolean isUsername(String username) {
    return username != null && USERNAME.matcher(username).matches();
  }

  /**
   * A new name, address or set of roles; the roles are read afresh on the next request.
   *
   * @throws InvalidInput for every broken rule
   */
  public void describe(String displayName, String email, Set<Role> roles) {
    var errors = new InvalidInput.Collector();
    checkDescription(
        errors,
        Objects.requireNonNull(displayName),
        Objects.requireNonNull(email),
        Objects.requireNonNull(roles));
    errors.throwIfAny();
    this.displayName = displayName.strip();
    this.email = email;
    this.roles = roles.stream().map(Role::name).sorted().collect(Collectors.joining(","));
  }

  /**
   * An admin's reset: a new password that meets {@link PasswordPolicy}, reported under {@code
   * password}. Like every new password it ends every session signed in with the old one.
   */
  public void resetPassword(String password, PasswordHasher hasher) {
    PasswordPolicy.problem(password, username, email)
        .ifPresent(
            problem -> {
              throw InvalidInput.of("password", problem);
            });
    changePasswordHash(hasher.hash(password));
  }

  /**
   * The user's own change: proven with the {@code current} password, the {@code new} one meets
   * {@link PasswordPolicy} and differs from it.
   */
  public void changeOwnPassword(String current, String replacement, PasswordHasher hasher) {
    var errors = new InvalidInput.Collector();
    if (current == null || !hasher.matches(current, passwordHash)) {
      errors.add("current", "is not your current password");
    }
    PasswordPolicy.problem(replacement, username, email)
        .ifPresent(problem -> errors.add("new", problem));
    if (replacement != null && replacement.equals(current)) {
      errors.add("new", "must differ from the current password");
    }
    errors.throwIfAny();
    changePasswordHash(hasher.hash(replacement));
  }

  private void changePasswordHash(String newHash) {
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
