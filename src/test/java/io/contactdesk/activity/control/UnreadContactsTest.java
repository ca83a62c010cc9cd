package io.contactdesk.activity.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.activity.control.UnreadContacts.Position;
import io.contactdesk.activity.control.UnreadContacts.Unread;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.activity.entity.UnreadContact;
import io.contactdesk.platform.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rule on {@link UnreadContact}, kept by the activity log as it records. */
class UnreadContactsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  private TestDatabase db;
  private final List<String> statements = new ArrayList<>();
  private Session session;
  private ActivityLog log;
  private UnreadContacts unread;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.h2();
    sql(
        "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
            + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
            + " created_at, updated_at, version) VALUES ("
            + "'q', 'Q', 'UTC', 'SCHEDULE', 'FORM', '[]', '[]', '{}', '{}',"
            + " '{}', '[]', 365, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
    for (String name : List.of("mia", "leo", "ada")) {
      sql(
          "INSERT INTO app_user (id, username, display_name, email, password_hash, roles,"
              + " created_at, version) VALUES ('"
              + name
              + "', '"
              + name
              + "', '"
              + name
              + "', 'x@example.com', 'x', 'agent', CURRENT_TIMESTAMP, 0)");
    }
    join("mia");
    join("leo");
    session =
        db.entityManagerFactory()
            .unwrap(SessionFactory.class)
            .withOptions()
            .statementInspector(
                sql -> {
                  statements.add(sql);
                  return sql;
                })
            .openSession();
    log = ActivityLogs.using(session);
    unread = log.unread;
  }

  @AfterEach
  void tearDown() {
    session.close();
    db.close();
  }

  @Test
  void a_new_contact_is_unread_for_every_member_then_but_not_for_one_who_joins_later() {
    record(ActivityType.CONTACT_REGISTERED, "c1", null, 0);
    join("ada");
    record(ActivityType.CONTACT_REGISTERED, "c2", null, 1);

    assertThat(ids("mia")).containsExactly("c2", "c1");
    assertThat(ids("leo")).containsExactly("c2", "c1");
    assertThat(ids("ada")).containsExactly("c2");
  }

  @Test
  void however_long_the_log_grows_an_unopened_contact_stays_unread() {
    record(ActivityType.CONTACT_REGISTERED, "old", null, 0);
    for (int i = 1; i <= 110; i++) {
      record(ActivityType.CONTACT_REGISTERED, "c" + i, null, i);
      record(ActivityType.CONTENT_VIEWED, "c" + i, "mia", i);
    }
    // 221 entries: the console's old 200-entry window no longer reached "old"

    assertThat(unread.of("mia", "q", null, 50).count()).isEqualTo(1);
    assertThat(ids("mia")).containsExactly("old");
    assertThat(unread.of("leo", "q", null, 50).count()).isEqualTo(111);
  }

  @Test
  void viewing_clears_it_for_the_viewer_only() {
    record(ActivityType.CONTACT_REGISTERED, "c1", null, 0);
    record(ActivityType.CONTENT_VIEWED, "c1", "mia", 1);
    record(ActivityType.CONTENT_VIEWED, "c1", "mia", 2);

    assertThat(ids("mia")).isEmpty();
    assertThat(ids("leo")).containsExactly("c1");
  }

  @Test
  void an_erased_contact_is_unread_for_nobody() {
    record(ActivityType.CONTACT_REGISTERED, "c1", null, 0);
    record(ActivityType.CONTACT_REGISTERED, "c2", null, 1);
    record(ActivityType.CONTACT_DELETED, "c1", null, 2);

    assertThat(ids("mia")).containsExactly("c2");
    assertThat(ids("leo")).containsExactly("c2");
  }

  @Test
  void leaving_the_queue_takes_the_unread_along_and_joining_again_starts_afresh() {
    record(ActivityType.CONTACT_REGISTERED, "c1", null, 0);
    sql("DELETE FROM queue_member WHERE username = 'mia'");
    join("mia");

    assertThat(ids("mia")).isEmpty();
    assertThat(ids("leo")).containsExactly("c1");
  }

  @Test
  void pages_continue_below_the_last_one_even_between_contacts_of_the_same_instant() {
    for (int i = 1; i <= 5; i++) {
      record(ActivityType.CONTACT_REGISTERED, "c" + i, null, i < 4 ? 1 : i);
    }

    Unread first = unread.of("mia", "q", null, 2);
    UnreadContact last = first.page().get(1);
    Unread second = unread.of("mia", "q", new Position(last.registeredAt(), last.contactId()), 2);
    UnreadContact lastOfSecond = second.page().get(1);
    Unread third =
        unread.of(
            "mia", "q", new Position(lastOfSecond.registeredAt(), lastOfSecond.contactId()), 2);

    assertThat(first.count()).isEqualTo(5);
    assertThat(contactIds(first)).containsExactly("c5", "c4");
    assertThat(contactIds(second)).containsExactly("c3", "c2");
    assertThat(contactIds(third)).containsExactly("c1");
  }

  @Test
  void the_count_stops_at_a_thousand_and_says_so() {
    sql(
        "INSERT INTO unread_contact SELECT 'c' || X, 'mia', 'q', CURRENT_TIMESTAMP"
            + " FROM SYSTEM_RANGE(1, 1001)");

    Unread unreadOfMia = unread.of("mia", "q", null, 50);

    assertThat(unreadOfMia.count()).isEqualTo(UnreadContacts.COUNTED);
    assertThat(unreadOfMia.capped()).isTrue();
    assertThat(unreadOfMia.page()).hasSize(50);
    assertThat(unread.of("leo", "q", null, 50).capped()).isFalse();
  }

  @Test
  void the_newest_are_read_off_the_member_index_in_one_statement() throws SQLException {
    for (int i = 1; i <= 200; i++) {
      record(ActivityType.CONTACT_REGISTERED, "c" + i, null, i);
    }
    statements.clear();
    Unread unreadOfMia = unread.of("mia", "q", null, 50);

    assertThat(unreadOfMia.count()).isEqualTo(200);
    assertThat(statements).hasSize(1);
    assertThat(explain(statements.get(0), "q", "mia", UnreadContacts.COUNTED + 1))
        .contains("UNREAD_CONTACT_READER")
        .contains("/* index sorted */")
        .contains("scanCount: 201 ");
  }

  private void record(ActivityType type, String contactId, String actor, int seconds) {
    session.beginTransaction();
    log.record("q", type, T0.plusSeconds(seconds), actor, contactId, "REF-" + contactId);
    session.getTransaction().commit();
  }

  private List<String> ids(String username) {
    return contactIds(unread.of(username, "q", null, 200));
  }

  private static List<String> contactIds(Unread unread) {
    return unread.page().stream().map(UnreadContact::contactId).toList();
  }

  private void join(String username) {
    sql("INSERT INTO queue_member VALUES ('q', '" + username + "', CURRENT_TIMESTAMP)");
  }

  private void sql(String statement) {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private String explain(String sql, String queueId, String username, int limit)
      throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      explain.setString(1, queueId);
      explain.setString(2, username);
      explain.setInt(3, limit);
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        return plan.getString(1);
      }
    }
  }
}
