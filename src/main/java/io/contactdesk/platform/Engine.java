package io.contactdesk.platform;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The database engine behind the datasource: the app runs on PostgreSQL or on H2 (the URLs {@link
 * ConfiguredDataSource} accepts). H2 is the embedded, single-node default: several nodes need
 * PostgreSQL (SPEC, Several nodes), so what a node keeps for itself on H2 is the whole truth.
 */
public enum Engine {
  H2,
  POSTGRESQL;

  public static Engine of(Connection connection) throws SQLException {
    return connection.getMetaData().getURL().startsWith("jdbc:postgresql:") ? POSTGRESQL : H2;
  }

  public static Engine of(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return of(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database", e);
    }
  }
}
