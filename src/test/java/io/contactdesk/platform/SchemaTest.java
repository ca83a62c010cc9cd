package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The migrations build a schema that Hibernate's mappings validate against, on both databases. */
class SchemaTest {

  @Test
  void the_migrations_give_h2_the_schema_the_entities_expect() {
    try (TestDatabase db = TestDatabase.h2()) {
      assertThat(db.entityManagerFactory().isOpen()).isTrue();
    }
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void the_migrations_give_postgresql_the_schema_the_entities_expect() throws SQLException {
    try (TestDatabase db = TestDatabase.postgres()) {
      assertThat(db.entityManagerFactory().isOpen()).isTrue();
    }
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresServerReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void two_nodes_starting_at_once_on_a_fresh_postgresql_migrate_it_once_under_flyways_lock()
      throws Exception {
    String name = TestDatabase.createPostgresDatabase();
    ExecutorService nodes = Executors.newFixedThreadPool(2);
    try {
      String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<MigrateResult>> starts = new ArrayList<>();
      for (int node = 0; node < 2; node++) {
        starts.add(
            nodes.submit(
                () -> {
                  // what Migrations does at every start, on each node's own connections
                  Flyway flyway =
                      Flyway.configure()
                          .dataSource(url, "postgres", "")
                          .locations("classpath:db/migration")
                          .load();
                  together.await(10, TimeUnit.SECONDS);
                  return flyway.migrate();
                }));
      }
      List<Integer> applied = new ArrayList<>();
      for (Future<MigrateResult> start : starts) {
        MigrateResult result = start.get(120, TimeUnit.SECONDS);
        assertThat(result.success).isTrue();
        applied.add(result.migrationsExecuted);
      }
      int migrations =
          Flyway.configure()
              .dataSource(url, "postgres", "")
              .locations("classpath:db/migration")
              .load()
              .info()
              .applied()
              .length;
      // Flyway takes its advisory lock for each migration and reads the history again inside it:
      // whichever node holds it applies the next one, the other waits, then finds it done
      assertThat(applied.get(0) + applied.get(1))
          .as("applied by the two nodes")
          .isEqualTo(migrations);
      try (Connection c = DriverManager.getConnection(url, "postgres", "");
          Statement s = c.createStatement();
          ResultSet rows =
              s.executeQuery(
                  "SELECT count(*), count(DISTINCT version), bool_and(success)"
                      + " FROM flyway_schema_history WHERE version IS NOT NULL")) {
        rows.next();
        assertThat(rows.getInt(1)).as("history rows").isEqualTo(migrations);
        assertThat(rows.getInt(2)).as("versions").isEqualTo(migrations);
        assertThat(rows.getBoolean(3)).isTrue();
      }
    } finally {
      nodes.shutdownNow();
      TestDatabase.dropPostgresDatabase(name);
    }
  }

  @Test
  void an_upgrade_of_h2_keeps_the_first_comment_of_each_stored_contact_on_the_contact()
      throws SQLException {
    upgradeKeepsTheFirstComment("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void an_upgrade_of_postgresql_keeps_the_first_comment_of_each_stored_contact_on_the_contact()
      throws SQLException {
    String schema = "cd_upgrade_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection admin = DriverManager.getConnection(TestDatabase.POSTGRES, "postgres", "");
        Statement s = admin.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      try {
        upgradeKeepsTheFirstComment(TestDatabase.POSTGRES + "?currentSchema=" + schema, "postgres");
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void an_upgrade_keeps_each_stored_idempotency_key_findable_and_unique() throws SQLException {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    Flyway.configure().dataSource(url, "sa", "").target("7").load().migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
              + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
              + " created_at, updated_at, version) VALUES ("
              + "'q','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,"
              + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      String insert =
          "INSERT INTO contact (id, reference, queue_id, created_at, source, language, status,"
              + " answers, idempotency_key, version) VALUES ('%s','AAA-AAAA','q',"
              + "CURRENT_TIMESTAMP,'FORM','en','NEW','[]',%s,0)";
      s.execute(insert.formatted("keyed", "'key-1'"));
      s.execute(insert.formatted("unkeyed", "NULL"));

      Flyway.configure().dataSource(url, "sa", "").load().migrate();

      try (ResultSet rows =
          s.executeQuery("SELECT id, idempotency_scope FROM contact ORDER BY id")) {
        rows.next();
        assertThat(rows.getString(2)).isEqualTo("q key-1");
        rows.next();
        assertThat(rows.getString(2)).isNull();
      }
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO contact (id, reference, queue_id, created_at, source, language,"
                          + " status, answers, idempotency_key, idempotency_scope, version) VALUES"
                          + " ('again','AAA-AAAA','q',CURRENT_TIMESTAMP,'FORM','en','NEW','[]',"
                          + "'key-1','q key-1',0)"))
          .isInstanceOf(SQLException.class);
    }
  }

  /** Contacts stored before V4 get their first comment's time from their comments. */
  private static void upgradeKeepsTheFirstComment(String url, String user) throws SQLException {
    Flyway.configure().dataSource(url, user, "").target("3").load().migrate();
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
              + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
              + " created_at, updated_at, version) VALUES ("
              + "'q','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,"
              + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      for (String contact : List.of("answered", "waiting")) {
        s.execute(
            ("INSERT INTO contact (id, reference, queue_id, created_at, source, language, status,"
                    + " answers, version) VALUES ('%s','AAA-AAAA','q',TIMESTAMP WITH TIME ZONE"
                    + " '2026-03-02 08:00:00+00','FORM','en','NEW','[]',0)")
                .formatted(contact));
      }
      for (String at : List.of("09:30", "09:15", "10:00")) {
        s.execute(
            ("INSERT INTO contact_comment (id, contact_id, author, at, body) VALUES ('%s',"
                    + " 'answered', 'mia', TIMESTAMP WITH TIME ZONE '2026-03-02 %s:00+00', 'x')")
                .formatted(at, at));
      }

      Flyway.configure().dataSource(url, user, "").load().migrate();

      try (ResultSet rows =
          s.executeQuery("SELECT id, first_comment_at FROM contact ORDER BY id")) {
        rows.next();
        assertThat(rows.getObject(2, OffsetDateTime.class).toInstant())
            .isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
        rows.next();
        assertThat(rows.getObject(2)).as("no comment yet").isNull();
      }
    }
  }

  @Test
  void the_database_itself_refuses_a_second_contact_with_the_same_idempotency_key()
      throws SQLException {
    try (TestDatabase db = TestDatabase.h2();
        Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
              + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
              + " created_at, updated_at, version) VALUES ("
              + "'q','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,"
              + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      String insert =
          "INSERT INTO contact (id, reference, queue_id, created_at, source, language, status, answers, idempotency_key, idempotency_scope, version)"
              + " VALUES ('%s','AAA-AAAA','q',CURRENT_TIMESTAMP,'FORM','en','NEW','[]','key-1','%s',0)";
      s.execute(insert.formatted("c1", "q key-1"));

      assertThatThrownBy(() -> s.execute(insert.formatted("c2", "q key-1")))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> s.execute(insert.formatted("c3", "q key-2")))
          .as("a scope that is not the queue and the key")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(
              () -> s.execute(insert.formatted("c4", "q key-1").replace("'q key-1'", "NULL")))
          .as("a key without its scope")
          .isInstanceOf(SQLException.class);
    }
  }
}
