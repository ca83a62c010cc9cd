package io.contactdesk.statistics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.OpeningSchedule;
import io.contactdesk.queues.entity.OpeningSlot;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statistics at every grain (SPEC, Part 2): hours, days and months in a chosen zone. */
class StatisticsGrainsTest {

  private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

  private TestDatabase db;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.h2();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
              + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
              + " created_at, updated_at, version) VALUES ("
              + "'q','Q','Europe/Helsinki','OPEN','FORM','[]','[]','{}','{}',"
              + "'{}','[]',30,CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
    }
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void a_day_when_the_clocks_go_forward_has_23_hours_and_one_when_they_go_back_25() {
    var spring = range("2026-03-29", "2026-03-29", HELSINKI);
    var autumn = range("2026-10-25", "2026-10-25", HELSINKI);

    assertThat(new Buckets(spring, Buckets.Grain.HOUR).size()).isEqualTo(23);
    assertThat(new Buckets(autumn, Buckets.Grain.HOUR).size()).isEqualTo(25);
  }

  @Test
  void contacts_count_in_the_hour_they_came_in_even_in_the_hour_that_repeats() {
    var autumn = range("2026-10-25", "2026-10-25", HELSINKI);
    // 03:30 comes twice that night: first at +03:00, then at +02:00
    store("first", "2026-10-25T03:30:00+03:00", Status.NEW, null);
    store("second", "2026-10-25T03:30:00+02:00", Status.DONE, null);

    var summary = summary(autumn, Buckets.Grain.HOUR, TestSchedules.ALWAYS_OPEN);

    assertThat(summary.buckets().get(3).start())
        .isEqualTo(OffsetDateTime.parse("2026-10-25T03:00+03:00"));
    assertThat(summary.buckets().get(4).start())
        .isEqualTo(OffsetDateTime.parse("2026-10-25T03:00+02:00"));
    assertThat(summary.buckets().get(3).registered()).isEqualTo(1);
    assertThat(summary.buckets().get(4).byStatus()).containsEntry(Status.DONE, 1L);
    assertThat(summary.granularity()).isEqualTo("hour");
  }

  @Test
  void months_start_with_the_range_then_on_the_first_and_a_contact_counts_in_its_month() {
    var range = range("2026-01-15", "2026-03-10", HELSINKI);
    // 00:30 on 1 March in Helsinki is still February in UTC: it counts in March, the queue's month
    store("january", "2026-01-31T23:30:00+02:00", Status.NEW, null);
    store("march", "2026-03-01T00:30:00+02:00", Status.NEW, null);

    var summary = summary(range, Buckets.Grain.MONTH, TestSchedules.ALWAYS_OPEN);

    assertThat(summary.buckets())
        .extracting(b -> b.start().toLocalDate().toString() + "=" + b.registered())
        .containsExactly("2026-01-15=1", "2026-02-01=0", "2026-03-01=1");
  }

  @Test
  void the_zone_asked_for_decides_the_day_a_contact_counts_on() {
    store("late", "2026-06-01T23:30:00+03:00", Status.NEW, null); // 20:30 in UTC

    var helsinki = summary(range("2026-06-01", "2026-06-02", HELSINKI), Buckets.Grain.DAY, null);
    var utc = summary(range("2026-06-01", "2026-06-02", ZoneId.of("UTC")), Buckets.Grain.DAY, null);

    assertThat(helsinki.buckets())
        .extracting(QueueStatistics.Bucket::registered)
        .containsExactly(1L, 0L);
    assertThat(utc.buckets())
        .extracting(QueueStatistics.Bucket::registered)
        .containsExactly(1L, 0L);
    assertThat(
            summary(
                    range("2026-06-02", "2026-06-02", ZoneId.of("Asia/Tokyo")),
                    Buckets.Grain.DAY,
                    null)
                .total())
        .as("05:30 on 2 June in Tokyo")
        .isEqualTo(1);
    assertThat(utc.timeZone()).isEqualTo("UTC");
  }

  @Test
  void escalations_are_counted_and_the_median_wait_is_also_given_in_open_minutes() {
    var weekdays =
        new OpeningSchedule(
            HELSINKI,
            Arrays.stream(DayOfWeek.values())
                .filter(d -> d.getValue() <= 5)
                .map(d -> OpeningSlot.parse(d, "09:00", "17:00"))
                .toList(),
            null);
    // Friday 16:00, answered Monday 10:00: 66 hours of waiting, 2 of them open
    // escalated while still new, then answered and taken in progress
    store(
        "weekend",
        "2026-06-05T16:00:00+03:00",
        Status.NEW,
        c -> {
          c.escalate(Instant.parse("2026-06-08T06:30:00Z"));
          c.commented(Instant.parse("2026-06-08T07:00:00Z"));
          c.changeStatus(Status.IN_PROGRESS);
        });

    var summary = summary(range("2026-06-01", "2026-06-07", HELSINKI), Buckets.Grain.DAY, weekdays);

    assertThat(summary.escalated()).isEqualTo(1);
    assertThat(summary.buckets().get(4).escalated()).isEqualTo(1);
    assertThat(summary.medianSecondsToFirstComment()).isEqualTo(66 * 3600);
    assertThat(summary.medianOpenMinutesToFirstComment()).isEqualTo(120);
  }

  @Test
  void an_unknown_grain_or_an_hourly_range_of_more_than_92_days_is_refused_naming_the_field() {
    assertThatThrownBy(() -> Buckets.Grain.of("week"))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.fields()).containsOnlyKeys("granularity"));
    assertThat(Buckets.Grain.of(null)).isEqualTo(Buckets.Grain.DAY);
    assertThat(Buckets.Grain.of("Month")).isEqualTo(Buckets.Grain.MONTH);
    assertThatThrownBy(
            () -> new Buckets(range("2026-01-01", "2026-04-03", HELSINKI), Buckets.Grain.HOUR))
        .isInstanceOfSatisfying(
            InvalidInput.class, e -> assertThat(e.fields()).containsOnlyKeys("from"));
    assertThat(new Buckets(range("2026-01-01", "2026-04-02", HELSINKI), Buckets.Grain.HOUR).size())
        .as("92 days, one of them 23 hours long")
        .isEqualTo(92 * 24 - 1);
  }

  private static DateRange range(String from, String to, ZoneId zone) {
    return new DateRange(LocalDate.parse(from), LocalDate.parse(to), zone);
  }

  private QueueStatistics.Summary summary(
      DateRange range, Buckets.Grain grain, OpeningSchedule schedule) {
    QueueStatistics statistics = new QueueStatistics();
    statistics.dataSource = db.dataSource();
    return statistics.of(
        "q",
        range,
        new Buckets(range, grain),
        schedule == null ? TestSchedules.ALWAYS_OPEN : schedule);
  }

  private void store(String id, String at, Status status, Consumer<Contact> then) {
    Contact contact =
        new Contact(
            id,
            "REF-" + id,
            "q",
            OffsetDateTime.parse(at).toInstant(),
            Source.FORM,
            "fi",
            null,
            List.of(new Answer("name", "Name", "Mia")),
            null,
            null);
    contact.changeStatus(status);
    if (then != null) {
      then.accept(contact);
    }
    EntityManager em = db.entityManagerFactory().createEntityManager();
    em.getTransaction().begin();
    em.persist(contact);
    em.getTransaction().commit();
    em.close();
  }
}
