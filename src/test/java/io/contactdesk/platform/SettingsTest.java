package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SPEC Part 2: MicroProfile Config where the server has it, else properties, environment, file. */
class SettingsTest {

  private static final Function<String, Optional<String>> NOT_READY =
      key -> {
        // what GlassFish's early phase answers (MicroProfile Config comes after JPA there)
        throw new IllegalStateException("No ConfigProviderResolver implementation found!");
      };

  private final Map<String, String> properties = Map.of("contactdesk.db.url", "from-property");
  private final Map<String, String> environment =
      Map.of("CONTACTDESK_DB_URL", "from-env", "CONTACTDESK_DB_USER", "env-user");
  private final Map<String, String> file =
      Map.of(
          "contactdesk.db.url", "from-file",
          "contactdesk.db.user", "file-user",
          "contactdesk.data-dir", "/srv/data");

  private Settings settings(Function<String, Optional<String>> microProfile) {
    return new Settings(microProfile, properties::get, environment::get, () -> file);
  }

  @Test
  void microprofile_config_answers_once_it_is_ready() {
    var settings = settings(key -> Optional.of("from-mp-config").filter(v -> key.contains("db")));

    assertThat(settings.lookup("contactdesk.db.url")).contains("from-mp-config");
    assertThat(settings.lookup("contactdesk.data-dir")).isEmpty();
  }

  @Test
  void before_it_is_ready_system_properties_win_over_the_environment_and_the_file() {
    assertThat(settings(NOT_READY).lookup("contactdesk.db.url")).contains("from-property");
  }

  @Test
  void the_environment_wins_over_the_file() {
    assertThat(settings(NOT_READY).lookup("contactdesk.db.user")).contains("env-user");
  }

  @Test
  void the_config_file_answers_last() {
    assertThat(settings(NOT_READY).lookup("contactdesk.data-dir")).contains("/srv/data");
    assertThat(settings(NOT_READY).lookup("contactdesk.mail.host")).isEmpty();
  }

  @Test
  void a_server_without_microprofile_config_at_all_is_the_same_as_one_not_ready() {
    var settings =
        settings(
            key -> {
              throw new NoClassDefFoundError("org/eclipse/microprofile/config/ConfigProvider");
            });

    assertThat(settings.lookup("contactdesk.db.url")).contains("from-property");
  }

  @Test
  void an_empty_value_counts_as_unset() {
    var settings =
        new Settings(
            key -> Optional.of(""), key -> "", key -> null, () -> Map.of("contactdesk.x", ""));

    assertThat(settings.lookup("contactdesk.db.url")).isEmpty();
    assertThat(
            new Settings(NOT_READY, key -> "", key -> null, () -> Map.of()).lookup("contactdesk.x"))
        .isEmpty();
  }

  @Test
  void environment_names_follow_microprofile_config() {
    assertThat(Settings.environmentName("contactdesk.data-dir")).isEqualTo("CONTACTDESK_DATA_DIR");
  }
}
