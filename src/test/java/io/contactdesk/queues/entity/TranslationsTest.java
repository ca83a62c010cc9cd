package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TranslationsTest {

  private final Translations texts =
      new Translations(Map.of("en", "Name", "fi", "Nimi", "sv", "Namn"));

  @Test
  void the_asked_language_wins_then_its_base_language_then_english() {
    assertThat(texts.in("fi")).isEqualTo("Nimi");
    assertThat(texts.in("fi-FI")).isEqualTo("Nimi");
    assertThat(texts.in("de")).isEqualTo("Name");
    assertThat(texts.in(null)).isEqualTo("Name");
  }

  @Test
  void without_english_any_text_is_better_than_none() {
    assertThat(new Translations(Map.of("fi", "Nimi")).in("de")).isEqualTo("Nimi");
    assertThat(Translations.NONE.in("en")).isEmpty();
  }

  @Test
  void an_admin_cannot_store_bad_language_tags_or_empty_texts() {
    assertThatThrownBy(() -> Translations.parse(Map.of("english", "x", "fi", " "), 100, "label"))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsKeys("label", "label.fi"));
  }
}
