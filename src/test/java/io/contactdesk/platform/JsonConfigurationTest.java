package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

public class JsonConfigurationTest {

  public record Flags(Boolean sound, Boolean desktop) {}

  private final Jsonb jsonb = new JsonConfiguration().getContext(Flags.class);

  @Test
  void flags_are_json_booleans_or_null() {
    assertThat(jsonb.fromJson("{\"sound\":true,\"desktop\":null}", Flags.class))
        .isEqualTo(new Flags(true, null));
  }

  @Test
  void a_string_is_not_quietly_read_as_false() {
    assertThatThrownBy(() -> jsonb.fromJson("{\"sound\":\"yes\",\"desktop\":false}", Flags.class))
        .isInstanceOf(JsonbException.class);
    assertThatThrownBy(() -> jsonb.fromJson("{\"sound\":1,\"desktop\":false}", Flags.class))
        .isInstanceOf(JsonbException.class);
  }

  @Test
  void absent_values_are_written_as_null() {
    assertThat(jsonb.toJson(new Flags(true, null))).contains("\"desktop\":null");
  }
}
