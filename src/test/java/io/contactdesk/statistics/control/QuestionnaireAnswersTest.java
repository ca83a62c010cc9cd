package io.contactdesk.statistics.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Answer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The export reads chunk after chunk and still lists every answer of the range once, in order. */
class QuestionnaireAnswersTest {

  private static final DateRange RANGE =
      new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"), ZoneOffset.UTC);
  private static final Instant START = RANGE.start();
  private static final Instant TIE = START.plus(Duration.ofHours(2));
  private static final Instant LAST = RANGE.end().minusNanos(1000);

  /** The queue's non-spam contacts of the range, by (created_at, id). */
  private static final List<String> EXPECTED =
      List.of("a1", "a2", "t1", "t2", "t3", "t4", "b1", "b2", "b3");

  @Test
  void h2_lists_each_answer_of_the_range_once_in_order_at_any_chunk_size() throws SQLException {
    try (TestDatabase db = TestDatabase.h2()) {
      exportsEachAnswerOnce(db);
    }
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void postgresql_lists_each_answer_of_the_range_once_in_order_at_any_chunk_size()
      throws SQLException {
    try (TestDatabase db = TestDatabase.postgres()) {
      exportsEachAnswerOnce(db);
    }
  }

  @Test
  void on_h2_a_chunk_reads_the_index_in_order_instead_of_sorting_the_range() throws SQLException {
    try (TestDatabase db = TestDatabase.h2();
        Connection c = db.connect()) {
      insertContacts(c);
      analyze(c);
      PreparedStatement explain = c.prepareStatement("EXPLAIN " + QuestionnaireAnswers.CHUNK);
      explain.setString(1, "q");
      explain.setObject(2, utc(START));
      explain.setObject(3, utc(RANGE.end()));
      explain.setObject(4, utc(TIE));
      explain.setString(5, "t2");
      explain.setInt(6, 3);
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        assertThat(plan.getString(1))
            .contains("PUBLIC.CONTACT_QUEUE_CREATED: ")
            .contains("/* index sorted */");
      }
    }
  }

  /**
   * Gives H2 the column statistics it keeps of a real database (it analyzes a table by itself after
   * a few thousand changes). Without them it takes every queue id to be as rare as every other, and
   * for a table of a dozen rows it reads them by the foreign key's index on queue_id and sorts
   * them, which costs nothing at that size.
   */
  static void analyze(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("ANALYZE");
    }
  }

  private static void exportsEachAnswerOnce(TestDatabase db) throws SQLException {
    try (Connection c = db.connect()) {
      insertContacts(c);
    }
    QuestionnaireAnswers answers = new QuestionnaireAnswers();
    answers.dataSource = db.dataSource();

    // every chunk size up to one past the rows puts a boundary at every place: inside the tie,
    // next to the spam, and after a last chunk that is exactly full
    for (int chunkSize = 1; chunkSize <= EXPECTED.size() + 1; chunkSize++) {
      answers.chunkSize = chunkSize;
      List<AnswerRow> rows = new ArrayList<>();
      answers.forEach(
          "q",
          RANGE,
          row -> {
            rows.add(row); // fails a chunk that starts over rather than loop forever
            assertThat(rows).hasSizeLessThanOrEqualTo(EXPECTED.size());
          });

      assertThat(rows)
          .as("chunks of %d", chunkSize)
          .extracting(AnswerRow::contactId)
          .containsExactlyElementsOf(EXPECTED);
      assertThat(rows.get(0))
          .isEqualTo(
              new AnswerRow(
                  "a1", "REF-a1", START, "NEW", "mia", "FORM", "fi", List.of(answer("a1"))));
      assertThat(rows.get(rows.size() - 1).createdAt()).isEqualTo(LAST);
    }
  }

  private static void insertContacts(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String queue : List.of("q", "other")) {
        s.execute(
            "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
                + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
                + " created_at, updated_at, version) VALUES ("
                + "'%s','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,".formatted(queue)
                + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      }
    }
    // ids out of order within the tie, so the order must come from the query
    insert(c, "t3", "q", TIE, "NEW");
    insert(c, "t1", "q", TIE, "NEW");
    insert(c, "t2s", "q", TIE, "SPAM");
    insert(c, "t4", "q", TIE, "NEW");
    insert(c, "t2", "q", TIE, "NEW");
    insert(c, "x1", "other", TIE, "NEW");
    insert(c, "before", "q", START.minusNanos(1000), "NEW");
    insert(c, "a1", "q", START, "NEW");
    insert(c, "a2", "q", START.plus(Duration.ofHours(1)), "NEW");
    insert(c, "b1", "q", START.plus(Duration.ofHours(3)), "NEW");
    insert(c, "x2", "other", START.plus(Duration.ofHours(3)), "NEW");
    insert(c, "b2s", "q", START.plus(Duration.ofHours(4)), "SPAM");
    insert(c, "b2", "q", START.plus(Duration.ofHours(5)), "NEW");
    insert(c, "b3", "q", LAST, "NEW");
    insert(c, "after", "q", RANGE.end(), "NEW");
  }

  private static void insert(Connection c, String id, String queue, Instant at, String status)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO contact (id, reference, queue_id, created_at, source, language, status,"
                + " handler, answers, version) VALUES (?, ?, ?, ?, 'FORM', 'fi', ?, 'mia', ?, 0)")) {
      insert.setString(1, id);
      insert.setString(2, "REF-" + id);
      insert.setString(3, queue);
      insert.setObject(4, utc(at));
      insert.setString(5, status);
      insert.setString(6, new Contact.AnswersColumn().convertToDatabaseColumn(List.of(answer(id))));
      insert.executeUpdate();
    }
  }

  private static Answer answer(String id) {
    return new Answer("name", "Name", "Mia " + id);
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
