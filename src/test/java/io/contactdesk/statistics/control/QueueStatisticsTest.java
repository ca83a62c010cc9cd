package io.contactdesk.statistics.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Answer;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** The statistics page's counts: the queue's days, statuses without spam, the median response. */
class QueueStatisticsTest {

  private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
  private static final LocalDate MONDAY = LocalDate.parse("2026-03-02");
  private static final DateRange MONDAY_TO_WEDNESDAY =
      new DateRange(MONDAY, MONDAY.plusDays(2), HELSINKI);
  private static final Instant MONDAY_START = MONDAY.atStartOfDay(HELSINKI).toInstant();

  @Test
  void h2_counts_per_day_of_the_queue_and_per_status_and_takes_the_median_response()
      throws SQLException {
    try (TestDatabase db = TestDatabase.h2()) {
      countsTheRange(db);
    }
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void postgresql_counts_per_day_of_the_queue_and_per_status_and_takes_the_median_response()
      throws SQLException {
    try (TestDatabase db = TestDatabase.postgres()) {
      countsTheRange(db);
    }
  }

  @Test
  void a_range_without_contacts_has_every_day_at_zero_and_no_median() throws SQLException {
    try (TestDatabase db = TestDatabase.h2()) {
      createQueues(db);
      var summary = summaryOfMondayToWednesday(db, QueueStatistics.CHUNK_SIZE);

      assertThat(summary.total()).isZero();
      assertThat(summary.perDay()).containsOnlyKeys(MONDAY, MONDAY.plusDays(1), MONDAY.plusDays(2));
      assertThat(summary.perDay().values()).containsOnly(0L);
      assertThat(summary.perStatus())
          .containsExactly(
              Map.entry(Status.NEW, 0L),
              Map.entry(Status.IN_PROGRESS, 0L),
              Map.entry(Status.DONE, 0L));
      assertThat(summary.medianSecondsToFirstComment()).isNull();
    }
  }

  @Test
  void on_h2_the_statistics_read_the_index_alone_and_in_order() throws SQLException {
    try (TestDatabase db = TestDatabase.h2();
        Connection c = db.connect()) {
      createQueues(db);
      QuestionnaireAnswersTest.analyze(c);
      try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + QueueStatistics.CHUNK)) {
        explain.setString(1, "q");
        for (int i = 2; i <= 4; i++) {
          explain.setObject(i, OffsetDateTime.ofInstant(MONDAY_START, ZoneOffset.UTC));
        }
        explain.setString(5, "");
        explain.setInt(6, QueueStatistics.CHUNK_SIZE);
        try (ResultSet plan = explain.executeQuery()) {
          plan.next();
          assertThat(plan.getString(1))
              .contains("PUBLIC.CONTACT_QUEUE_CREATED: ")
              .contains("/* index sorted */");
        }
      }
      List<String> indexed = new ArrayList<>();
      try (ResultSet columns =
          c.createStatement()
              .executeQuery(
                  "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                      + " WHERE INDEX_NAME = 'CONTACT_QUEUE_CREATED'")) {
        while (columns.next()) {
          indexed.add(columns.getString(1));
        }
      }
      // so H2 takes each row's values from the index entry and never fetches the contact row
      assertThat(indexed)
          .containsExactlyInAnyOrder(
              "QUEUE_ID", "CREATED_AT", "ID", "STATUS", "FIRST_COMMENT_AT", "ESCALATED_AT");
      assertThat(QueueStatistics.CHUNK)
          .startsWith(
              "SELECT id, created_at, status, first_comment_at, escalated_at FROM contact WHERE");
    }
  }

  private static void countsTheRange(TestDatabase db) throws SQLException {
    createQueues(db);
    EntityManager em = db.entityManagerFactory().createEntityManager();
    em.getTransaction().begin();
    // 00:30 on Monday in Helsinki is still Sunday in UTC: it counts on Monday
    em.persist(contact("m1", "q", MONDAY_START.plus(Duration.ofMinutes(30)), Status.NEW, 60));
    em.persist(contact("m2", "q", MONDAY_START.plus(Duration.ofHours(23)), Status.DONE, 300));
    em.persist(
        contact("t1", "q", MONDAY_START.plus(Duration.ofHours(30)), Status.IN_PROGRESS, 120));
    em.persist(contact("w1", "q", MONDAY_START.plus(Duration.ofHours(71)), Status.NEW, -1));
    // spam is counted apart; its quick "response" does not make the median faster
    em.persist(contact("s1", "q", MONDAY_START.plus(Duration.ofHours(1)), Status.SPAM, 1));
    // outside the range, or in another queue
    em.persist(contact("before", "q", MONDAY_START.minusSeconds(1), Status.NEW, 1));
    em.persist(contact("after", "q", MONDAY_START.plus(Duration.ofHours(72)), Status.NEW, 1));
    em.persist(contact("x1", "other", MONDAY_START.plus(Duration.ofHours(2)), Status.NEW, 1));
    em.getTransaction().commit();
    em.close();

    // every chunk size puts a chunk boundary at every place, also after a last chunk exactly full
    for (int chunkSize = 1; chunkSize <= 6; chunkSize++) {
      var summary = summaryOfMondayToWednesday(db, chunkSize);

      assertThat(summary.total()).as("chunks of %d", chunkSize).isEqualTo(4);
      assertThat(summary.spam()).isEqualTo(1);
      assertThat(summary.perDay())
          .containsExactly(
              Map.entry(MONDAY, 2L),
              Map.entry(MONDAY.plusDays(1), 1L),
              Map.entry(MONDAY.plusDays(2), 1L));
      assertThat(summary.perStatus())
          .containsExactly(
              Map.entry(Status.NEW, 2L),
              Map.entry(Status.IN_PROGRESS, 1L),
              Map.entry(Status.DONE, 1L));
      assertThat(summary.medianSecondsToFirstComment()).as("of 60, 120 and 300 s").isEqualTo(120);
      assertThat(summary.buckets())
          .extracting(QueueStatistics.Bucket::registered)
          .as("the day buckets count what perDay counts")
          .containsExactly(2L, 1L, 1L);
    }
  }

  /** A contact of the queue, first commented on after {@code secondsToComment} (none if < 0). */
  private static Contact contact(
      String id, String queue, Instant at, Status status, int secondsToComment) {
    Contact contact =
        new Contact(
            id,
            "REF-" + id,
            queue,
            at,
            Source.FORM,
            "fi",
            null,
            List.of(new Answer("name", "Name", "Mia")),
            null,
            null);
    contact.changeStatus(status);
    if (secondsToComment >= 0) {
      contact.commented(at.plusSeconds(secondsToComment));
      contact.commented(at.plusSeconds(secondsToComment + 1_000)); // a later one changes nothing
    }
    return contact;
  }

  private static QueueStatistics.Summary summaryOfMondayToWednesday(
      TestDatabase db, int chunkSize) {
    QueueStatistics statistics = new QueueStatistics();
    statistics.dataSource = db.dataSource();
    statistics.chunkSize = chunkSize;
    return statistics.of(
        "q",
        MONDAY_TO_WEDNESDAY,
        new Buckets(MONDAY_TO_WEDNESDAY, Buckets.Grain.DAY),
        TestSchedules.ALWAYS_OPEN);
  }

  private static void createQueues(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String queue : List.of("q", "other")) {
        s.execute(
            "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
                + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
                + " created_at, updated_at, version) VALUES ("
                + "'%s','Q','Europe/Helsinki','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,"
                    .formatted(queue)
                + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      }
    }
  }
}
