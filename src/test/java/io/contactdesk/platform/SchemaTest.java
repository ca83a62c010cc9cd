package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
