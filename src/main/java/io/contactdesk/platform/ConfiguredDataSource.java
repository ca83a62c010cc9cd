package io.contactdesk.platform;

import jakarta.enterprise.inject.Vetoed;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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

  public ConfiguredDataSource() {
    Config config = ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader());
    String url = config.getOptionalValue("contactdesk.db.url", String.class).orElse("").trim();
    String user = config.getOptionalValue("contactdesk.db.user", String.class).orElse("");
    String password = config.getOptionalValue("contactdesk.db.password", String.class).orElse("");
    if (url.isEmpty()) {
      Path dir =
          Path.of(config.getOptionalValue("contactdesk.data-dir", String.class).orElse("./data"))
              .toAbsolutePath()
              .normalize();
      url = embeddedUrl(dir);
      user = user.isEmpty() ? "contactdesk" : user;
    }
    this.target = create(url, user, password);
  }

  static String embeddedUrl(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot create the data directory " + dataDir, e);
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
    throw new IllegalStateException(
        "contactdesk.db.url must be a jdbc:postgresql: or jdbc:h2: URL, not " + url);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return target.getConnection();
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
