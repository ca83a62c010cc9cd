package io.contactdesk.platform;

import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;

/**
 * A database for in-process tests, migrated by the real Flyway scripts and checked by Hibernate the
 * way the app does at start: H2 in memory, or a throw-away schema in the local PostgreSQL.
 */
public final class TestDatabase implements AutoCloseable {

  // -Dtest.postgres.url names another database of the local server (one per person or job)
  public static final String POSTGRES =
      System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

  private final String url;
  private final String user;
  private final Runnable dropper;
  private final EntityManagerFactory entityManagerFactory;

  private TestDatabase(String url, String user, Runnable dropper) {
    this.url = url;
    this.user = user;
    this.dropper = dropper;
    Flyway.configure()
        .dataSource(url, user, "")
        .locations("classpath:db/migration")
        .load()
        .migrate();
    entityManagerFactory =
        Persistence.createEntityManagerFactory(
            "contactdesk-test",
            Map.of(
                "jakarta.persistence.jdbc.url",
                url,
                "jakarta.persistence.jdbc.user",
                user,
                "jakarta.persistence.jdbc.password",
                ""));
    entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
  }

  public static TestDatabase h2() {
    return new TestDatabase(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", () -> {});
  }

  public static TestDatabase postgres() throws SQLException {
    String schema = "cd_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
      c.createStatement().execute("CREATE SCHEMA " + schema);
    }
    return new TestDatabase(
        POSTGRES + "?currentSchema=" + schema,
        "postgres",
        () -> {
          try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * A database of its own in the local PostgreSQL (not a schema in the shared {@code test}),
   * migrated, and dropped at {@link #close()}: for tests whose findings depend on the whole
   * database, such as plans that other sessions' tables or statistics must not sway.
   */
  public static TestDatabase postgresDatabase() throws SQLException {
    String name = createPostgresDatabase();
    return new TestDatabase(
        "jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", () -> dropPostgresDatabase(name));
  }

  /** The server's maintenance database, where the test databases are made and dropped. */
  public static final String POSTGRES_SERVER = "jdbc:postgresql://127.0.0.1:5432/postgres";

  /** An empty database in the local PostgreSQL; its name. */
  public static String createPostgresDatabase() throws SQLException {
    String name = "cd_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(POSTGRES_SERVER, "postgres", "")) {
      c.createStatement().execute("CREATE DATABASE " + name);
    }
    return name;
  }

  public static void dropPostgresDatabase(String name) {
    try (Connection c = DriverManager.getConnection(POSTGRES_SERVER, "postgres", "")) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Tests that make databases of their own run where the server answers; in CI it must. */
  public static boolean postgresServerReachable() {
    try (Connection c = DriverManager.getConnection(POSTGRES_SERVER, "postgres", "")) {
      return true;
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI needs PostgreSQL on 127.0.0.1:5432", e);
      }
      return false;
    }
  }

  /** PostgreSQL tests run where it answers; in CI it must. */
  public static boolean postgresReachable() {
    try (Connection c = DriverManager.getConnection(POSTGRES, "postgres", "")) {
      return true;
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("CI needs PostgreSQL on 127.0.0.1:5432", e);
      }
      return false;
    }
  }

  public EntityManagerFactory entityManagerFactory() {
    return entityManagerFactory;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** What the app's beans get injected: each connection a new one to this database. */
  public DataSource dataSource() {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection") && args == null) {
                return connect();
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Override
  public void close() {
    entityManagerFactory.close();
    dropper.run();
  }
}
