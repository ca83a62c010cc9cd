package io.contactdesk.users.control;

import io.contactdesk.platform.Conflict;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.NotFound;
import io.contactdesk.platform.PlainText;
import io.contactdesk.users.entity.NotificationSettings;
import io.contactdesk.users.entity.PasswordPolicy;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Users and their life cycle: created, described anew, disabled and re-enabled, given a new
 * password, deleted. Every change that affects a sign-in fires {@link AccountChanged}; the last
 * enabled admin cannot be disabled, demoted or deleted, so nobody locks the house from inside.
 */
@ApplicationScoped
public class Users {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");
  private static final Duration LOGIN_RESOLUTION = Duration.ofMinutes(1);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Passwords passwords;
  @Inject Event<NotificationSettingsChanged> settingsChanged;
  @Inject Event<AccountChanged> accountChanged;
  @Inject Event<UserDeleted> userDeleted;

  /** A user's description as an admin sends it; null roles mean agent for a new user. */
  public record Description(String displayName, String email, List<String> roles) {}

  /**
   * A new user, checked field by field. Roles are {@code agent} and {@code admin}; none means
   * agent.
   */
  @Transactional
  public User create(String username, Description description, String password) {
    var errors = new InvalidInput.Collector();
    if (username == null || !USERNAME.matcher(username).matches()) {
      errors.add("username", "2 to 40 lower-case letters, digits, '.', '_' or '-'");
    }
    Checked checked = check(description, errors);
    PasswordPolicy.problem(password, username, description.email())
        .ifPresent(problem -> errors.add("password", problem));
    errors.throwIfAny();
    if (find(username).isPresent()) {
      throw new UsernameTaken(username);
    }
    User user =
        new User(
            Ids.random(),
            username,
            checked.displayName(),
            description.email(),
            passwords.hash(password),
            checked.roles(),
            clock.instant());
    em.persist(user);
    return user;
  }

  @Transactional
  public User create(
      String username, String displayName, String email, String password, List<String> roles) {
    return create(username, new Description(displayName, email, roles), password);
  }

  /**
   * An admin's edit: name, address, roles and whether the account is disabled. What is left out
   * (null) stays as it is, so {@code {"disabled":true}} alone disables.
   */
  @Transactional
  public User edit(String username, Description changes, Boolean disable) {
    User user = lockedGet(username);
    Description description =
        new Description(
            changes.displayName() == null ? user.displayName() : changes.displayName(),
            changes.email() == null ? user.email() : changes.email(),
            changes.roles() == null
                ? user.roles().stream().map(Role::wireName).toList()
                : changes.roles());
    boolean disabled = disable == null ? user.disabled() : disable;
    var errors = new InvalidInput.Collector();
    if (changes.roles() != null && changes.roles().isEmpty()) {
      errors.add("roles", "a user needs at least one role");
    }
    Checked checked = check(description, errors);
    errors.throwIfAny();
    boolean staysAdmin = checked.roles().contains(Role.ADMIN) && !disabled;
    if (user.isAdmin() && !user.disabled() && !staysAdmin) {
      requireAnotherAdmin(user);
    }
    user.describe(checked.displayName(), description.email(), checked.roles());
    if (disabled) {
      user.disable();
    } else {
      user.enable();
    }
    accountChanged.fire(new AccountChanged(username));
    return user;
  }

  /** An admin sets a new password; the user's sessions, tokens and streams end. */
  @Transactional
  public void resetPassword(String username, String password) {
    User user = lockedGet(username);
    Optional<String> problem = PasswordPolicy.problem(password, user.username(), user.email());
    if (problem.isPresent()) {
      throw InvalidInput.of("password", problem.get());
    }
    setPassword(user, password);
  }

  /**
   * The user's own change, proven with the current password. Returns the new session epoch, so the
   * session that made the change can go on while all others end.
   */
  @Transactional
  public long changeOwnPassword(String username, String current, String password) {
    User user = lockedGet(username);
    var errors = new InvalidInput.Collector();
    if (current == null || !passwords.matches(current, user.passwordHash())) {
      errors.add("current", "is not your current password");
    }
    PasswordPolicy.problem(password, user.username(), user.email())
        .ifPresent(problem -> errors.add("new", problem));
    if (password != null && password.equals(current)) {
      errors.add("new", "must differ from the current password");
    }
    errors.throwIfAny();
    setPassword(user, password);
    return user.sessionEpoch();
  }

  /** Memberships go with the row (the schema cascades); comments keep the display name. */
  @Transactional
  public void delete(String username) {
    User user = lockedGet(username);
    if (user.isAdmin() && !user.disabled()) {
      requireAnotherAdmin(user);
    }
    userDeleted.fire(new UserDeleted(username));
    em.remove(user);
    accountChanged.fire(new AccountChanged(username));
  }

  /**
   * Remembers the time of a successful login, to the minute: not a write per script request. A bulk
   * update, so logins racing each other or an admin's edit never clash on the version.
   */
  @Transactional
  public void loggedIn(String username) {
    Instant now = clock.instant();
    em.createNamedQuery(User.LOGGED_IN)
        .setParameter("now", now)
        .setParameter("before", now.minus(LOGIN_RESOLUTION))
        .setParameter("username", username)
        .executeUpdate();
  }

  public Optional<User> find(String username) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      return Optional.empty(); // cannot exist; and a NUL would upset PostgreSQL
    }
    return em.createNamedQuery(User.BY_USERNAME, User.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst();
  }

  public List<User> all() {
    return em.createNamedQuery(User.ALL, User.class).getResultList();
  }

  public User get(String username) {
    return find(username).orElseThrow(() -> new NotFound("No such user"));
  }

  /** The name a person reads: the display name, or the username for one who has gone. */
  public String displayNameOf(String username) {
    return find(username).map(User::displayName).orElse(username);
  }

  public boolean exist() {
    return em.createNamedQuery(User.COUNT, Long.class).getSingleResult() > 0;
  }

  @Transactional
  public NotificationSettings changeNotifications(String username, NotificationSettings settings) {
    User user = get(username);
    user.changeNotifications(settings);
    settingsChanged.fire(new NotificationSettingsChanged(username, user.notifications()));
    return user.notifications();
  }

  private void setPassword(User user, String password) {
    user.changePassword(passwords.hash(password));
    accountChanged.fire(new AccountChanged(user.username()));
  }

  private User lockedGet(String username) {
    User user = get(username);
    em.lock(user, LockModeType.PESSIMISTIC_WRITE);
    return user;
  }

  private void requireAnotherAdmin(User leaving) {
    boolean another =
        all().stream()
            .anyMatch(
                u -> u.isAdmin() && !u.disabled() && !u.username().equals(leaving.username()));
    if (!another) {
      throw new Conflict("This is the last enabled admin; make another admin first");
    }
  }

  private record Checked(String displayName, Set<Role> roles) {}

  private static Checked check(Description description, InvalidInput.Collector errors) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    List<String> roleNames = description.roles();
    for (String name : roleNames == null || roleNames.isEmpty() ? List.of("agent") : roleNames) {
      Role.fromWire(name)
          .ifPresentOrElse(roles::add, () -> errors.add("roles", "each role is agent or admin"));
    }
    String name = description.displayName() == null ? "" : description.displayName().strip();
    if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      errors.add("displayName", "is required, one line of at most 100 characters");
    }
    if (description.email() == null || !PlainText.isEmail(description.email())) {
      errors.add("email", "must be an e-mail address such as mia@example.com");
    }
    return new Checked(name, roles);
  }
}
