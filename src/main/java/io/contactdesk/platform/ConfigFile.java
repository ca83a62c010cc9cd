package io.contactdesk.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Settings from {@code config/contactdesk.properties} in the working directory (or the file named
 * by the system property {@code contactdesk.config}). They beat the built-in defaults and lose to
 * environment variables and system properties, so one file can hold a site's settings and an
 * operator can still override a single key. A file that is there but cannot be read, or a named
 * file that is not there, stops the start (see {@link StartupGuard}).
 */
public class ConfigFile implements ConfigSource {

  static final int ORDINAL = 250;

  private final Map<String, String> properties;

  public ConfigFile() {
    this.properties = read();
  }

  /**
   * The file's settings, or none when the default file is not there. Also read directly where
   * MicroProfile Config is not ready yet ({@link Settings}).
   */
  static Map<String, String> read() {
    String named = System.getProperty("contactdesk.config");
    Path file = Path.of(named == null ? "config/contactdesk.properties" : named);
    Map<String, String> read = new HashMap<>();
    // the default file is optional; a file the operator named must be there
    if (named != null || Files.exists(file)) {
      Properties loaded = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        loaded.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw StartupGuard.cannotStart(
            "contactdesk.config (-Dcontactdesk.config, default config/contactdesk.properties)",
            "cannot be read: " + file.toAbsolutePath() + " (" + e + ")");
      }
      loaded.stringPropertyNames().forEach(name -> read.put(name, loaded.getProperty(name)));
    }
    return Map.copyOf(read);
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String name) {
    return properties.get(name);
  }

  @Override
  public String getName() {
    return "contactdesk config file";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
