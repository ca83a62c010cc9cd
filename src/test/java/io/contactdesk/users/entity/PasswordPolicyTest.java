package io.contactdesk.users.entity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SPEC rule 11 as {@link PasswordPolicy} numbers it. */
class PasswordPolicyTest {

  private static String problem(String password) {
    return PasswordPolicy.problem(password, "mia.v", "mia@example.com").orElse(null);
  }

  @Test
  void rule_1_a_password_is_12_to_200_characters() {
    assertThat(problem("aaaaaaaaaa")).startsWith("length");
    assertThat(problem("1234567890")).startsWith("length");
    assertThat(problem("x".repeat(201))).startsWith("length");
    assertThat(problem(null)).startsWith("length");
    assertThat(problem("Ħ€łłø wörld ✓")).isNull();
  }

  @Test
  void rule_2_a_password_is_not_the_username_or_the_e_mail_address_in_any_case() {
    assertThat(PasswordPolicy.problem("mia.virtanen", "mia.virtanen", "m@example.com"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("personal"));
    assertThat(problem("MIA@EXAMPLE.COM")).startsWith("personal");
    assertThat(PasswordPolicy.problem("miavirtanen7", "m", "miavirtanen7@example.com"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("personal"));
  }

  @Test
  void rule_3_well_known_and_easily_guessed_passwords_are_refused() {
    assertThat(problem("password1234")).startsWith("guessable");
    assertThat(problem("aaaaaaaaaaaa")).startsWith("guessable");
    assertThat(problem("123456789012")).startsWith("guessable");
    assertThat(problem("qwertyuiopas")).startsWith("guessable");
    assertThat(problem("iloveyou1234")).startsWith("guessable");
    assertThat(problem("passwordpassword")).startsWith("guessable");
  }

  @Test
  void a_long_passphrase_or_a_random_string_is_accepted() {
    assertThat(problem("correct horse battery")).isNull();
    assertThat(problem("Tr0ub4dor&3xx")).isNull();
    assertThat(problem("pw-3f2a1c9e-1b7d-4c1e-9a55-0e7d2b8c6f11")).isNull();
  }
}
