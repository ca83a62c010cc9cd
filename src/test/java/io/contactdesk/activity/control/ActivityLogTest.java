package io.contactdesk.activity.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.platform.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The activity log's pages: newest first, keyset on the id, each read off the index. */
class ActivityLogTest {

  private static final int ENTRIES = 2_000;

  private TestDatabase db;
  private final List<String> statements = new ArrayList<>();
  private Session session;
  private ActivityLog log;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.h2();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      // two queues, interleaved, so a page must skip the other queue's entries
      s.execute(
          "INSERT INTO activity_entry (queue_id, type, at, contact_id)"
              + " SELECT CASEWHEN(MOD(X, 2) = 0, 'q', 'other'), 'CONTACT_REGISTERED',"
              + " CURRENT_TIMESTAMP, 'c' || X FROM SYSTEM_RANGE(1, "
              + ENTRIES
              + ")");
    }
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
  }

  @AfterEach
  void tearDown() {
    session.close();
    db.close();
  }

  @Test
  void pages_go_newest_first_through_one_queue_and_continue_below_the_cursor() {
    List<ActivityEntry> first = log.page("q", null, 50);
    List<ActivityEntry> second = log.page("q", first.get(first.size() - 1).id(), 50);

    assertThat(first).hasSize(50).allMatch(e -> e.queueId().equals("q"));
    assertThat(first.get(0).id()).isEqualTo(ENTRIES);
    assertThat(ids(first)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(second.get(0).id()).isEqualTo(first.get(49).id() - 2);
  }

  @Test
  void a_page_is_read_off_the_index_not_sorted_out_of_the_whole_queue() throws SQLException {
    log.page("q", null, 50);
    log.page("q", (long) ENTRIES / 2, 50);

    // the statements Hibernate ran, explained by H2 with the same parameters
    assertThat(statements).hasSize(2);
    assertThat(explain(statements.get(0), "q", Long.MAX_VALUE, 50))
        .contains("/* index sorted */")
        .contains("scanCount: 50 ");
    assertThat(explain(statements.get(1), "q", ENTRIES / 2, 50))
        .contains("/* index sorted */")
        .contains("scanCount: 51 ");
  }

  private String explain(String sql, String queueId, long before, int limit) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      explain.setString(1, queueId);
      explain.setLong(2, before);
      explain.setInt(3, limit);
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        return plan.getString(1);
      }
    }
  }

  private static List<Long> ids(List<ActivityEntry> entries) {
    return entries.stream().map(ActivityEntry::id).toList();
  }
}
