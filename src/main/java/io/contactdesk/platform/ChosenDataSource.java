package io.contactdesk.platform;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.jdbc.connections.internal.DatasourceConnectionProviderImpl;

/**
 * The datasource the persistence unit uses, chosen when the app starts rather than when the WAR is
 * built: the server's own datasource named by {@code contactdesk.datasource} (a JNDI name such as
 * {@code jdbc/contactdesk}), or else the app's own pool ({@value #APP_POOL}, {@link Database}). The
 * persistence unit names no datasource of its own; Hibernate takes its connections from here (set
 * as {@code hibernate.connection.provider_class} in persistence.xml), so the same WAR runs on
 * either without a rebuild (SPEC Part 2, "One WAR for every Jakarta EE 10 server").
 */
public class ChosenDataSource extends DatasourceConnectionProviderImpl {

  static final String KEY = "contactdesk.datasource";
  static final String APP_POOL = "java:app/jdbc/contactdesk";

  private final Function<String, String> setting;
  private final Lookup lookup;

  public ChosenDataSource() {
    this(key -> Settings.value(key).orElse(null), name -> new InitialContext().lookup(name));
  }

  ChosenDataSource(Function<String, String> setting, Lookup lookup) {
    this.setting = setting;
    this.lookup = lookup;
  }

  @Override
  public void configure(Map<String, Object> configValues) {
    String configured = setting.apply(KEY);
    if (configured == null || configured.isBlank()) {
      super.configure(configValues); // the app's own pool, from persistence.xml
      return;
    }
    Map<String, Object> chosen = new HashMap<>(configValues);
    chosen.put(AvailableSettings.DATASOURCE, lookup(configured.trim()));
    super.configure(chosen);
  }

  /** The datasource under a JNDI name; a name that is not one stops the start. */
  DataSource lookup(String name) {
    Object found;
    try {
      found = lookup.lookup(name);
    } catch (NamingException | RuntimeException e) {
      throw StartupGuard.cannotStart(
          StartupGuard.setting(KEY),
          "names no datasource of this server: " + name + " (" + e + ")");
    }
    if (found instanceof DataSource dataSource) {
      return dataSource;
    }
    throw StartupGuard.cannotStart(
        StartupGuard.setting(KEY),
        "names "
            + (found == null ? "nothing" : "a " + found.getClass().getName())
            + ", not a"
            + " datasource: "
            + name);
  }

  @FunctionalInterface
  interface Lookup {
    Object lookup(String name) throws NamingException;
  }
}
