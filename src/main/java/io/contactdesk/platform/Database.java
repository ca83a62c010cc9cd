package io.contactdesk.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceUnit;
import javax.sql.DataSource;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * The app's own connection pool, used unless {@code contactdesk.datasource} names a datasource of
 * the server ({@link ChosenDataSource}). See docs/deployment.md.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/contactdesk",
    className = "io.contactdesk.platform.ConfiguredDataSource",
    minPoolSize = 4,
    maxPoolSize = 48,
    initialPoolSize = 4,
    maxIdleTime = 300,
    transactional = true,
    properties = {
      // WildFly's pool needs at least one property of the class itself (ConfiguredDataSource)
      "description=ContactDesk's own pool",
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=meta-data",
      "fish.payara.fail-all-connections=true",
      "fish.payara.max-wait-time-in-millis=10000"
    })
@ApplicationScoped
public class Database {

  @Produces @PersistenceContext EntityManager entityManager;

  @PersistenceUnit EntityManagerFactory entityManagerFactory;

  /**
   * The datasource the persistence unit uses, whichever pool that is (see persistence.xml), for the
   * few places that need plain JDBC: migrations, checkpoints, streamed exports.
   */
  @Produces
  @ApplicationScoped
  DataSource dataSource() {
    return entityManagerFactory
        .unwrap(SessionFactoryImplementor.class)
        .getServiceRegistry()
        .requireService(ConnectionProvider.class)
        .unwrap(DataSource.class);
  }
}
