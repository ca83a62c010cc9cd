package io.contactdesk.platform;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * On the runnable jar, {@code contactdesk.base-url} defaults to {@code http://localhost:<the HTTP
 * port Payara Micro was started with>}, so {@code --port 9090} alone does not leave mail links
 * pointing at 8080. It beats the built-in default (the {@code defaultValue} where the key is read)
 * and loses to everything an operator sets: the config file, the environment, system properties.
 */
public class RunnableJarBaseUrl implements ConfigSource {

  static final String KEY = "contactdesk.base-url";
  static final String NAME = "the runnable jar's HTTP port";
  static final int ORDINAL = 150;

  private volatile String value;

  @Override
  public Set<String> getPropertyNames() {
    return getValue(KEY) == null ? Set.of() : Set.of(KEY);
  }

  @Override
  public Map<String, String> getProperties() {
    String url = getValue(KEY);
    return url == null ? Map.of() : Map.of(KEY, url);
  }

  @Override
  public String getValue(String name) {
    if (!KEY.equals(name) || !StartupGuard.onRunnableJar()) {
      return null;
    }
    if (value == null) {
      int port = httpPort();
      if (port > 0) {
        value = "http://localhost:" + port;
      }
    }
    return value;
  }

  /** Payara Micro's public API, {@code PayaraMicro.getInstance().getHttpPort()}, by reflection. */
  private static int httpPort() {
    try {
      Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
      Object instance = micro.getMethod("getInstance").invoke(null);
      return (Integer) micro.getMethod("getHttpPort").invoke(instance);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
      return -1;
    }
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
