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
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
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

  /** Contacts stored before V4 get their first comment's time from their comments. */
  private static void upgradeKeepsTheFirstComment(String url, String user) throws SQLException {
    Flyway.configure().dataSource(url, user, "").target("3").load().migrate();
    try (Connection c = DriverManager.getConnection(url, user, "");
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO queue VALUES ('q','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,"
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
          "INSERT INTO queue VALUES ('q','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,"
              + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      String insert =
          "INSERT INTO contact (id, reference, queue_id, created_at, source, language, status, answers, idempotency_key, version)"
              + " VALUES ('%s','AAA-AAAA','q',CURRENT_TIMESTAMP,'FORM','en','NEW','[]','key-1',0)";
      s.execute(insert.formatted("c1"));

      assertThatThrownBy(() -> s.execute(insert.formatted("c2"))).isInstanceOf(SQLException.class);
    }
  }
}
