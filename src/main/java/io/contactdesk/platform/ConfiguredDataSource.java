package io.contactdesk.platform;

import jakarta.enterprise.inject.Vetoed;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database the app uses when the server does not supply one: PostgreSQL when {@code
 * contactdesk.db.url} names it, else an H2 file under {@code contactdesk.data-dir}. The server
 * pools connections from it (see {@link Database}).
 *
 * <p>H2 keeps its default write delay; {@link DurableCommit} writes and fsyncs what is committed
 * before a change is answered.
 */
@Vetoed // made by the server's pool from @DataSourceDefinition, not a CDI bean
public class ConfiguredDataSource implements DataSource {

  private final DataSource target;

  /** The key that names the database: the one a failed first connection points the operator at. */
  private final String urlKey;

  /** The embedded database's directory, or null. */
  private final Path dataDir;

  private volatile boolean dataFilesGuarded;

  public ConfiguredDataSource() {
    // the server makes this pool while it starts the app, before MicroProfile Config may be ready
    String url = Settings.value("contactdesk.db.url").orElse("").trim();
    String user = Settings.value("contactdesk.db.user").orElse("");
    String password = Settings.value("contactdesk.db.password").orElse("");
    if (url.isEmpty()) {
      dataDir =
          Path.of(Settings.value("contactdesk.data-dir").orElse("./data"))
              .toAbsolutePath()
              .normalize();
      urlKey = "contactdesk.data-dir";
      url = embeddedUrl(dataDir);
      user = user.isEmpty() ? "contactdesk" : user;
    } else {
      dataDir = null;
      urlKey = "contactdesk.db.url";
    }
    this.target = create(url, user, password);
  }

  /**
   * Not used: the database comes from {@code contactdesk.db.*}. WildFly's pool refuses a datasource
   * class with no connection property at all ({@code IJ031103}), so {@link Database} names this
   * one, and a pool sets it through this setter.
   */
  public void setDescription(String description) {
    // nothing to configure: see above
  }

  /**
   * The H2 URL for a data directory, which is made (or made again) readable by its owner only: rwx
   * for the owner, nothing for group and others, and the files already in it rw-------. H2 creates
   * its files with the process's umask, so the directory is what keeps the files to their owner.
   */
  static String embeddedUrl(Path dataDir) {
    try {
      DataFiles.ownerOnly(dataDir);
    } catch (IOException e) {
      throw StartupGuard.cannotStart(
          StartupGuard.setting("contactdesk.data-dir"),
          "cannot be made a directory readable by its owner only: " + dataDir + " (" + e + ")");
    }
    return "jdbc:h2:file:"
        + dataDir.resolve("contactdesk")
        + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
  }

  private static DataSource create(String url, String user, String password) {
    if (url.startsWith("jdbc:h2:")) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL(url);
      h2.setUser(user);
      h2.setPassword(password);
      return h2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      if (!user.isEmpty()) {
        pg.setUser(user);
      }
      if (!password.isEmpty()) {
        pg.setPassword(password);
      }
      return pg;
    }
    // only the scheme: the rest of a URL may carry a password
    String scheme = url.replaceFirst("^(jdbc:[^:/]*:?).*$", "$1");
    throw StartupGuard.cannotStart(
        StartupGuard.setting("contactdesk.db.url"),
        "must be a jdbc:postgresql: or jdbc:h2: URL, not " + scheme + "…");
  }

  /**
   * A connection; until the app has started, a failure to get one is a configuration error (the
   * URL, the credentials, the data directory) and stops the start with one line (SPEC rule 16).
   */
  @Override
  public Connection getConnection() throws SQLException {
    Connection connection;
    try {
      connection = target.getConnection();
    } catch (SQLException e) {
      if (!StartupGuard.started()) {
        String key =
            e.getSQLState() != null && e.getSQLState().startsWith("28")
                ? "contactdesk.db.password"
                : urlKey;
        StartupGuard.cannotStart(StartupGuard.setting(key), "cannot connect: " + e.getMessage());
      }
      throw e;
    }
    if (dataDir != null && !dataFilesGuarded) {
      // the first connection has created the database file: keep it to its owner from the start
      try {
        DataFiles.ownerOnly(dataDir);
      } catch (IOException e) {
        connection.close();
        throw new SQLException(
            "Cannot restrict the data files in " + dataDir + " to their owner", e);
      }
      dataFilesGuarded = true;
    }
    return connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return target.getConnection();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }
}
