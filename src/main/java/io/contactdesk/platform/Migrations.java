package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.SessionFactory;

/**
 * Brings the schema to the newest version before anything else runs, then has Hibernate check its
 * mappings against it. Flyway owns the schema; Hibernate never generates it, so a release can only
 * change stored contacts through a reviewed migration under {@code db/migration}. Runs first at
 * every start ({@link Startup}).
 */
@ApplicationScoped
public class Migrations {

  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  @Inject DataSource dataSource;
  @PersistenceUnit EntityManagerFactory entityManagerFactory;

  void migrate() {
    var result =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
    entityManagerFactory.unwrap(SessionFactory.class).getSchemaManager().validateMappedObjects();
  }
}
