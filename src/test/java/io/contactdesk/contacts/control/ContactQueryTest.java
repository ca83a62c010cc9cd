package io.contactdesk.contacts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The search box: a reference as a visitor quotes it, or an e-mail address. */
class ContactQueryTest {

  @ParameterizedTest
  @ValueSource(strings = {"K7Q-4MX2", "k7q-4mx2", "K7Q4MX2", " k7q 4mx2 ", "K7Q-4MX2\t"})
  void a_reference_is_found_in_any_case_with_or_without_its_dash(String typed) {
    assertThat(ContactQuery.of(typed)).isEqualTo(new ContactQuery("K7Q-4MX2", false));
  }

  @Test
  void letters_mistaken_for_digits_are_read_as_the_digits() {
    assertThat(ContactQuery.of("1O0-LIO1").value()).isEqualTo("100-1101");
  }

  @Test
  void an_email_is_exact_whatever_its_case() {
    assertThat(ContactQuery.of(" Mia@Example.COM "))
        .isEqualTo(new ContactQuery("mia@example.com", true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "K7Q-4MX", "K7Q-4MX22", "K7Q-4MU2", "mia@", "@example.com", "-"})
  void anything_else_is_refused_on_q(String typed) {
    assertThatThrownBy(() -> ContactQuery.of(typed))
        .isInstanceOfSatisfying(
            InvalidInput.class,
            e ->
                assertThat(e.fields())
                    .containsEntry(
                        "q", "must be a reference such as K7Q-4MX2 or an e-mail address"));
  }
}
