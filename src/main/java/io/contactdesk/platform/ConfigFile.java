package io.contactdesk.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * operator can still override a single key.
 */
public class ConfigFile implements ConfigSource {

  static final int ORDINAL = 250;

  private final Map<String, String> properties;

  public ConfigFile() {
    Path file = Path.of(System.getProperty("contactdesk.config", "config/contactdesk.properties"));
    Map<String, String> read = new HashMap<>();
    if (Files.isRegularFile(file)) {
      Properties loaded = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        loaded.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
      }
      loaded.stringPropertyNames().forEach(name -> read.put(name, loaded.getProperty(name)));
    }
    this.properties = Map.copyOf(read);
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
