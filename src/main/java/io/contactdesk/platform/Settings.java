package io.contactdesk.platform;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One setting, read where MicroProfile Config cannot be relied on yet: the app's own pool and the
 * choice of datasource are made while the server is still starting the application, and GlassFish
 * makes MicroProfile Config available only after JPA has started (SPEC Part 2, "One WAR for every
 * Jakarta EE 10 server"). MicroProfile Config answers when it is ready, so a server's own config
 * sources count; before that, system properties, then the environment ({@code contactdesk.db.url}
 * as {@code CONTACTDESK_DB_URL}), then {@code config/contactdesk.properties} ({@link ConfigFile}):
 * the order MicroProfile Config gives them, so a value does not change with the phase it is read
 * in.
 *
 * <p>Beans read their settings with {@code @ConfigProperty} as usual; this is for the few places
 * that run before CDI and MicroProfile Config are there.
 */
public final class Settings {

  private static final Settings SERVER =
      new Settings(
          key ->
              ConfigProvider.getConfig(Settings.class.getClassLoader())
                  .getOptionalValue(key, String.class),
          System::getProperty,
          System::getenv,
          ConfigFile::read);

  private final Function<String, Optional<String>> microProfile;
  private final Function<String, String> systemProperties;
  private final Function<String, String> environment;
  private final Supplier<Map<String, String>> file;

  Settings(
      Function<String, Optional<String>> microProfile,
      Function<String, String> systemProperties,
      Function<String, String> environment,
      Supplier<Map<String, String>> file) {
    this.microProfile = microProfile;
    this.systemProperties = systemProperties;
    this.environment = environment;
    this.file = file;
  }

  /** The value of {@code key} for this server's start, if it is set anywhere. */
  public static Optional<String> value(String key) {
    return SERVER.lookup(key);
  }

  Optional<String> lookup(String key) {
    Optional<String> configured;
    try {
      configured = microProfile.apply(key);
    } catch (RuntimeException | ServiceConfigurationError | LinkageError notReady) {
      // "No ConfigProviderResolver implementation found!" and the like: not yet, or not here
      return fallback(key);
    }
    return configured.filter(value -> !value.isEmpty());
  }

  private Optional<String> fallback(String key) {
    String value = systemProperties.apply(key);
    if (value == null) {
      value = environment.apply(environmentName(key));
    }
    if (value == null) {
      value = file.get().get(key);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }

  /** {@code contactdesk.db.url} as an environment variable: {@code CONTACTDESK_DB_URL}. */
  static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
