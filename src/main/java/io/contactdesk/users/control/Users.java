package io.contactdesk.users.control;

import io.contactdesk.platform.Conflict;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.NotFound;
import io.contactdesk.users.entity.ApiToken;
import io.contactdesk.users.entity.NotificationSettings;
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
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Users and their life cycle: created, described anew, disabled and re-enabled, given a new
 * password, deleted. Every change that affects a sign-in fires {@link AccountChanged}; the last
 * enabled admin cannot be disabled, demoted or deleted, so nobody locks the house from inside.
 *
 * <p>A user's API tokens end with their sessions (SPEC rule 10): a disabling and a new password (an
 * admin's reset or the user's own change) delete them in the same commit, and a deletion takes them
 * along in the schema. Re-enabling brings none back.
 */
@ApplicationScoped
public class Users {

  private static final Duration LOGIN_RESOLUTION = Duration.ofMinutes(1);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Passwords passwords;
  @Inject ConsoleSessions sessions;
  @Inject Event<NotificationSettingsChanged> settingsChanged;
  @Inject Event<AccountChanged> accountChanged;
  @Inject Event<UserDeleted> userDeleted;

  /** A user's description; in an edit, what is null stays as it is. */
  public record Description(String displayName, String email, Set<Role> roles) {}

  /** A new user, with every rule of {@link User} checked at once before the password is hashed. */
  @Transactional
  public User create(String username, Description description, String password) {
    var errors = new InvalidInput.Collector();
    User.checkNew(
        errors,
        username,
        description.displayName(),
        description.email(),
        description.roles(),
        password);
    errors.throwIfAny();
    if (find(username).isPresent()) {
      throw new UsernameTaken(username);
    }
    User user =
        new User(
            Ids.random(),
            username,
            description.displayName(),
            description.email(),
            passwords.hash(password),
            description.roles(),
            clock.instant());
    em.persist(user);
    return user;
  }

  @Transactional
  public User create(
      String username, String displayName, String email, String password, Set<Role> roles) {
    return create(username, new Description(displayName, email, roles), password);
  }

  /**
   * An admin's edit: name, address, roles and whether the account is disabled. What is left out
   * (null) stays as it is, so {@code {"disabled":true}} alone disables.
   */
  @Transactional
  public User edit(String username, Description changes, Boolean disable) {
    User user = lockedGet(username);
    var errors = new InvalidInput.Collector();
    User.checkDescription(errors, changes.displayName(), changes.email(), changes.roles());
    errors.throwIfAny();
    Set<Role> roles = changes.roles() == null ? user.roles() : changes.roles();
    boolean disabled = disable == null ? user.disabled() : disable;
    boolean staysAdmin = roles.contains(Role.ADMIN) && !disabled;
    if (user.isAdmin() && !user.disabled() && !staysAdmin) {
      requireAnotherAdmin(user);
    }
    user.describe(
        changes.displayName() == null ? user.displayName() : changes.displayName(),
        changes.email() == null ? user.email() : changes.email(),
        roles);
    if (disabled) {
      user.disable();
      endTokens(user);
    } else {
      user.enable();
    }
    accountChanged.fire(new AccountChanged(username));
    return user;
  }

  /** An admin sets a new password; the user's sessions, API tokens and streams end. */
  @Transactional
  public void resetPassword(String username, String password) {
    User user = lockedGet(username);
    user.resetPassword(password, passwords);
    endTokens(user);
    accountChanged.fire(new AccountChanged(user.username()));
  }

  /**
   * The user's own change, proven with the current password. The console session that made it
   * ({@code keptSessionId}, null for Basic) goes on under the new session epoch, in the same
   * commit, while all others end, and so do the user's API tokens. Returns the new epoch.
   */
  @Transactional
  public long changeOwnPassword(
      String username, String current, String password, String keptSessionId) {
    User user = lockedGet(username);
    user.changeOwnPassword(current, password, passwords);
    endTokens(user);
    if (keptSessionId != null) {
      sessions.carryOver(keptSessionId, user.sessionEpoch());
    }
    accountChanged.fire(new AccountChanged(user.username()));
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
    if (!User.isUsername(username)) {
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

  /** The users of these usernames that exist, in no particular order. */
  public List<User> withUsernames(Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return List.of(); // an empty IN list is not valid SQL everywhere
    }
    return em.createNamedQuery(User.BY_USERNAMES, User.class)
        .setParameter("usernames", usernames)
        .getResultList();
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

  private void endTokens(User user) {
    em.createNamedQuery(ApiToken.END_ALL).setParameter("userId", user.id()).executeUpdate();
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
}
