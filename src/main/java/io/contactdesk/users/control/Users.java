package io.contactdesk.users.control;

import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.NotFound;
import io.contactdesk.platform.PlainText;
import io.contactdesk.users.entity.NotificationSettings;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creating users and reading or changing their settings. */
@ApplicationScoped
public class Users {

  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,39}");

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Passwords passwords;
  @Inject Event<NotificationSettingsChanged> settingsChanged;

  /**
   * A new user, checked field by field. Roles are {@code agent} and {@code admin}; none means
   * agent.
   */
  @Transactional
  public User create(
      String username, String displayName, String email, String password, List<String> roleNames) {
    var errors = new InvalidInput.Collector();
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : roleNames == null || roleNames.isEmpty() ? List.of("agent") : roleNames) {
      Role.fromWire(name)
          .ifPresentOrElse(roles::add, () -> errors.add("roles", "each role is agent or admin"));
    }
    if (username == null || !USERNAME.matcher(username).matches()) {
      errors.add("username", "2 to 40 lower-case letters, digits, '.', '_' or '-'");
    }
    String name = displayName == null ? "" : displayName.strip();
    if (name.isEmpty() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
      errors.add("displayName", "is required, one line of at most 100 characters");
    }
    if (email == null || !PlainText.isEmail(email)) {
      errors.add("email", "must be an e-mail address such as mia@example.com");
    }
    if (password == null || password.length() < 10 || password.length() > 200) {
      errors.add("password", "must be 10 to 200 characters");
    }
    errors.throwIfAny();
    if (find(username).isPresent()) {
      throw new UsernameTaken(username);
    }
    User user =
        new User(
            Ids.random(), username, name, email, passwords.hash(password), roles, clock.instant());
    em.persist(user);
    return user;
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
}
