package io.contactdesk.users.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of a user, met by an admin's request and by the first start's admin alike. */
class UserTest {

  private static final String GOOD = "correct horse battery";

  /** A stand-in for PBKDF2: the hash is the password reversed. */
  private static final PasswordHasher REVERSED =
      new PasswordHasher() {
        @Override
        public String hash(String password) {
          return new StringBuilder(password).reverse().toString();
        }

        @Override
        public boolean matches(String password, String hash) {
          return hash(password).equals(hash);
        }
      };

  private static Map<String, String> newUserProblems(
      String username, String displayName, String email, Set<Role> roles, String password) {
    var errors = new InvalidInput.Collector();
    User.checkNew(errors, username, displayName, email, roles, password);
    try {
      errors.throwIfAny();
      return Map.of();
    } catch (InvalidInput e) {
      return e.fields();
    }
  }

  private static User mia() {
    return new User(
        "id",
        "mia",
        " Mia Agent ",
        "mia@example.com",
        REVERSED.hash(GOOD),
        EnumSet.of(Role.AGENT),
        Instant.EPOCH);
  }

  @Test
  void a_new_user_names_every_broken_rule_at_once() {
    assertThat(newUserProblems("Not Valid!", "", "no-at-sign", EnumSet.noneOf(Role.class), "short"))
        .containsOnlyKeys("username", "displayName", "email", "roles", "password")
        .containsEntry("username", "2 to 40 lower-case letters, digits, '.', '_' or '-'")
        .containsEntry("displayName", "is required, one line of at most 100 characters")
        .containsEntry("email", "must be an e-mail address such as mia@example.com")
        .containsEntry("roles", "a user needs at least one role");
    assertThat(newUserProblems(null, null, null, EnumSet.of(Role.AGENT), null))
        .containsOnlyKeys("username", "displayName", "email", "password");
    assertThat(newUserProblems("mia", "Mia", "mia@example.com", EnumSet.of(Role.AGENT), GOOD))
        .isEmpty();
  }

  @Test
  void a_display_name_is_one_trimmed_line_of_at_most_100_characters() {
    assertThat(mia().displayName()).isEqualTo("Mia Agent");
    assertThatThrownBy(
            () -> mia().describe("Mia\nAgent", "mia@example.com", EnumSet.of(Role.AGENT)))
        .isInstanceOf(InvalidInput.class);
    assertThatThrownBy(
            () -> mia().describe("x".repeat(101), "mia@example.com", EnumSet.of(Role.AGENT)))
        .isInstanceOf(InvalidInput.class);
  }

  @Test
  void the_constructor_refuses_what_the_rules_refuse() {
    assertThatThrownBy(
            () ->
                new User(
                    "id",
                    "Mia",
                    "Mia",
                    "mia@example.com",
                    "hash",
                    EnumSet.of(Role.AGENT),
                    Instant.EPOCH))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsOnlyKeys("username"));
  }

  @Test
  void an_edit_checks_only_what_it_changes() {
    var errors = new InvalidInput.Collector();
    User.checkDescription(errors, null, "not an address", null);

    assertThatThrownBy(errors::throwIfAny)
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsOnlyKeys("email"));
  }

  @Test
  void a_reset_password_meets_the_policy_and_ends_the_sessions() {
    User user = mia();
    long before = user.sessionEpoch();

    assertThatThrownBy(() -> user.resetPassword("short", REVERSED))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e -> assertThat(((InvalidInput) e).fields().get("password")).startsWith("length"));
    user.resetPassword("another long passphrase", REVERSED);

    assertThat(REVERSED.matches("another long passphrase", user.passwordHash())).isTrue();
    assertThat(user.sessionEpoch()).isGreaterThan(before);
  }

  @Test
  void an_own_change_is_proven_with_the_current_password_and_must_differ() {
    User user = mia();

    assertThatThrownBy(() -> user.changeOwnPassword("wrong", GOOD, REVERSED))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e ->
                assertThat(((InvalidInput) e).fields())
                    .containsOnly(Map.entry("current", "is not your current password")));
    assertThatThrownBy(() -> user.changeOwnPassword(GOOD, GOOD, REVERSED))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e ->
                assertThat(((InvalidInput) e).fields())
                    .containsOnly(Map.entry("new", "must differ from the current password")));
    assertThatThrownBy(() -> user.changeOwnPassword(GOOD, "mia", REVERSED))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsOnlyKeys("new"));
    user.changeOwnPassword(GOOD, "another long passphrase", REVERSED);
    assertThat(REVERSED.matches("another long passphrase", user.passwordHash())).isTrue();
  }
}
