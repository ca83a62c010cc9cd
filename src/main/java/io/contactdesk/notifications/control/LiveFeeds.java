package io.contactdesk.notifications.control;

import io.contactdesk.platform.Engine;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Chooses the live feed by the database: {@code LISTEN}/{@code NOTIFY} on PostgreSQL, where any
 * number of nodes may share it; in memory on embedded H2, which one node owns.
 */
@ApplicationScoped
class LiveFeeds {

  @Inject DataSource dataSource;
  @Inject EntityManager em;

  // a thread of the container's, with the app's context, for the one blocking wait of the feed
  @Resource ManagedThreadFactory threads;

  @Inject
  @ConfigProperty(name = "contactdesk.db.url")
  Optional<String> url;

  @Inject
  @ConfigProperty(name = "contactdesk.db.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "contactdesk.db.password")
  Optional<String> password;

  @Produces
  @ApplicationScoped
  LiveFeed feed() {
    try (Connection connection = dataSource.getConnection()) {
      if (Engine.of(connection) != Engine.POSTGRESQL) {
        return new InProcessLiveFeed();
      }
      String schema;
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery("select current_schema()")) {
        result.next();
        schema = result.getString(1);
      }
      return new PostgresLiveFeed(listeningConnections(), em, threads, schema);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database", e);
    }
  }

  /**
   * A connection of the feed's own, outside the pool: it waits for notifications for as long as the
   * node runs, which would take one of the pool's for good. With a server's datasource the app
   * knows no URL, so one connection of that pool is kept instead (docs/deployment.md).
   */
  private PostgresLiveFeed.Connector listeningConnections() {
    String configured = url.orElse("").trim();
    if (!configured.startsWith("jdbc:postgresql:")) {
      return dataSource::getConnection;
    }
    PGSimpleDataSource own = new PGSimpleDataSource();
    own.setURL(configured);
    user.filter(u -> !u.isEmpty()).ifPresent(own::setUser);
    password.filter(p -> !p.isEmpty()).ifPresent(own::setPassword);
    own.setApplicationName("contactdesk live events");
    own.setTcpKeepAlive(true);
    return own::getConnection;
  }
}
