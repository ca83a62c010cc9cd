package io.contactdesk.escalation.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.activity.control.ActivityLogs;
import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.control.Casework;
import io.contactdesk.contacts.control.CaseworkAccess;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.ClusterNodes;
import io.contactdesk.platform.LocalTransactions;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.control.QueueServices;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Bot;
import io.contactdesk.queues.entity.ContactForm;
import io.contactdesk.queues.entity.Escalation;
import io.contactdesk.queues.entity.ManualOverride;
import io.contactdesk.queues.entity.OfflineMode;
import io.contactdesk.queues.entity.OpeningSlot;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import io.contactdesk.queues.entity.Translations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The escalation check against a real database with a clock that moves (SPEC, Part 2, Follow-up): a
 * contact nobody answered in 60 open minutes is escalated once, with its log entry and its fact.
 */
class EscalationsTest {

  // Monday 2026-11-30 10:00 in Helsinki
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private static final Instant SWITCHED_ON = NOW.minus(Duration.ofDays(30));

  private TestDatabase db;
  private Session em;
  private final List<String> statements = new ArrayList<>();
  private final MutableClock clock = new MutableClock(NOW);
  private final RecordingEvent<ContactEscalated> escalated = new RecordingEvent<>();
  private Escalations escalations;
  private LocalTransactions tx;

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    em =
        db.entityManagerFactory()
            .unwrap(SessionFactory.class)
            .withOptions()
            .statementInspector(
                sql -> {
                  statements.add(sql);
                  return sql;
                })
            .openSession();
    tx = new LocalTransactions(em);
    Casework casework = CaseworkAccess.casework(em, ActivityLogs.using(em), clock);
    escalations = new Escalations();
    escalations.queues = QueueServices.queues(em);
    escalations.casework = casework;
    escalations.tx = tx;
    escalations.clock = clock;
    escalations.escalated = escalated;
    escalations.checkSeconds = 20;
    tx.run(
        () -> {
          Queue support =
              new Queue(
                  "support",
                  settings(ManualOverride.SCHEDULE, null),
                  SWITCHED_ON.minus(Duration.ofDays(30)));
          // escalation switched on a month ago; a week-day queue, 08:00-16:00
          support.reconfigure(
              settings(ManualOverride.SCHEDULE, new Escalation(60, List.of("mia"))), SWITCHED_ON);
          em.persist(support);
          em.persist(
              new Queue(
                  "quiet", settings(ManualOverride.OPEN, null), SWITCHED_ON.minusSeconds(60)));
        });
  }

  @AfterEach
  void tearDown() {
    em.close();
    db.close();
  }

  private static QueueSettings settings(ManualOverride override, Escalation escalation) {
    List<OpeningSlot> weekdays = new ArrayList<>();
    for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
      weekdays.add(OpeningSlot.parse(day, "08:00", "16:00"));
    }
    return new QueueSettings(
        "Support",
        ZoneId.of("Europe/Helsinki"),
        weekdays,
        List.of(),
        override,
        OfflineMode.FORM,
        Translations.NONE,
        Bot.NONE,
        ContactForm.EMPTY,
        List.of(),
        365,
        escalation,
        null);
  }

  private Contact store(String id, String queue, Instant at) {
    Contact contact =
        new Contact(
            id,
            "REF-" + id,
            queue,
            at,
            Source.FORM,
            "en",
            null,
            List.of(new Answer("message", "Message", "hello")),
            null,
            null);
    tx.run(() -> em.persist(contact));
    return contact;
  }

  private Contact read(String id) {
    em.clear();
    return em.find(Contact.class, id);
  }

  private List<ActivityEntry> escalationEntries() {
    em.clear();
    return em.createQuery(
            "select a from ActivityEntry a where a.type = :type order by a.id", ActivityEntry.class)
        .setParameter("type", ActivityType.CONTACT_ESCALATED)
        .getResultList();
  }

  @Test
  void a_contact_nobody_answered_in_60_open_minutes_is_escalated_once() {
    // Friday 15:30 Helsinki: 30 open minutes on Friday, 30 on Monday by 08:30; now is Monday 10:00
    store("friday", "support", Instant.parse("2026-11-27T13:30:00Z"));

    assertThat(escalations.check()).isEqualTo(1);
    assertThat(escalations.check()).as("once per contact").isZero();

    Contact contact = read("friday");
    assertThat(contact.overdue()).isTrue();
    assertThat(contact.escalatedAt()).isEqualTo(NOW);
    assertThat(escalationEntries())
        .singleElement()
        .satisfies(
            entry -> {
              assertThat(entry.contactId()).isEqualTo("friday");
              assertThat(entry.reference()).isEqualTo("REF-friday");
              assertThat(entry.actor()).isNull();
            });
    assertThat(escalated.fired())
        .singleElement()
        .satisfies(
            fact -> {
              assertThat(fact.contactId()).isEqualTo("friday");
              assertThat(fact.reference()).isEqualTo("REF-friday");
              assertThat(fact.queueName()).isEqualTo("Support");
              assertThat(fact.notified()).containsExactly("mia");
              assertThat(fact.activityId()).isEqualTo(escalationEntries().get(0).id());
            });
  }

  @Test
  void a_contact_waits_until_its_queue_has_been_open_long_enough() {
    // Monday 09:30 Helsinki: 30 open minutes by now
    store("monday", "support", NOW.minus(Duration.ofMinutes(30)));
    // Sunday noon: the queue opened at 08:00, so 120 open minutes by now
    store("sunday", "support", Instant.parse("2026-11-29T10:00:00Z"));

    assertThat(escalations.check()).isEqualTo(1);
    assertThat(read("sunday").overdue()).isTrue();
    assertThat(read("monday").overdue()).isFalse();

    clock.advance(Duration.ofMinutes(31));
    assertThat(escalations.check()).isEqualTo(1);
    assertThat(read("monday").overdue()).isTrue();
  }

  @Test
  void a_contact_with_a_comment_or_another_status_is_not_escalated() {
    Contact commented = store("commented", "support", NOW.minus(Duration.ofDays(3)));
    Contact done = store("done", "support", NOW.minus(Duration.ofDays(3)));
    tx.run(
        () -> {
          em.find(Contact.class, commented.id()).commented(NOW.minus(Duration.ofDays(2)));
          em.find(Contact.class, done.id()).changeStatus(Status.DONE);
        });

    assertThat(escalations.check()).isZero();
    assertThat(escalated.fired()).isEmpty();
  }

  @Test
  void a_queue_without_escalation_and_contacts_from_before_it_was_switched_on_are_left_alone() {
    store("quiet", "quiet", NOW.minus(Duration.ofDays(3)));
    store("before", "support", SWITCHED_ON.minus(Duration.ofDays(1)));

    assertThat(escalations.check()).isZero();
  }

  @Test
  void a_comment_ends_overdue_and_the_contact_is_not_escalated_again() {
    store("friday", "support", Instant.parse("2026-11-27T13:30:00Z"));
    escalations.check();

    tx.run(() -> em.find(Contact.class, "friday").commented(NOW.plusSeconds(60)));
    clock.advance(Duration.ofDays(1));

    assertThat(escalations.check()).isZero();
    assertThat(read("friday").overdue()).isFalse();
    assertThat(read("friday").escalatedAt()).isEqualTo(NOW);
  }

  @Test
  void many_due_contacts_are_escalated_in_batches() {
    for (int i = 0; i < Escalations.BATCH + 5; i++) {
      store("c" + i, "support", Instant.parse("2026-11-27T10:00:00Z").plusSeconds(i));
    }

    assertThat(escalations.check()).isEqualTo(Escalations.BATCH + 5);
    assertThat(escalated.fired()).hasSize(Escalations.BATCH + 5);
  }

  @Test
  void of_two_nodes_asking_every_20_seconds_one_runs_each_check() {
    java.util.concurrent.atomic.AtomicInteger checks =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Escalations> nodes = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      Escalations node =
          new Escalations() {
            @Override
            public int check() {
              checks.incrementAndGet();
              return 0;
            }
          };
      node.jobs = ClusterNodes.jobs(name, db, clock);
      node.checkSeconds = 20;
      nodes.add(node);
    }

    for (int round = 0; round < 10; round++) {
      int ran = 0;
      for (Escalations node : nodes) {
        ran += node.checkIfDue() ? 1 : 0;
      }
      assertThat(ran).as("checks in round " + round).isEqualTo(1);
      clock.advance(Duration.ofSeconds(20));
    }
    assertThat(checks).hasValue(10);
  }

  @Test
  void on_h2_the_check_reads_only_the_unanswered_contacts_off_their_index() throws SQLException {
    Instant old = SWITCHED_ON.plus(Duration.ofDays(1));
    for (int i = 0; i < 300; i++) {
      Contact c = store("answered" + i, "support", old.plusSeconds(i));
      tx.run(() -> em.find(Contact.class, c.id()).commented(old.plusSeconds(3600)));
    }
    store("due", "support", Instant.parse("2026-11-27T13:30:00Z"));
    statements.clear();

    assertThat(escalations.check()).isEqualTo(1);

    String unanswered =
        statements.stream()
            .filter(sql -> sql.contains("escalated_at is null"))
            .findFirst()
            .orElseThrow();
    String plan =
        explain(
            unanswered,
            "support",
            "NEW",
            OffsetDateTime.ofInstant(SWITCHED_ON, ZoneOffset.UTC),
            OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC),
            Escalations.BATCH);
    // the due contact is escalated by now, so its range is empty: one read finds that, none of the
    // 300 answered contacts is touched
    assertThat(plan).contains("PUBLIC.CONTACT_UNANSWERED").contains("scanCount: 1 ");
  }

  private String explain(String sql, Object... parameters) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement explain = c.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      for (int i = 0; i < parameters.length; i++) {
        explain.setObject(i + 1, parameters[i]);
      }
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        return plan.getString(1);
      }
    }
  }
}
