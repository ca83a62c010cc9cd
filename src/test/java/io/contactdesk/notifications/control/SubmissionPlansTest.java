package io.contactdesk.notifications.control;

import io.contactdesk.activity.control.ActivityLogs;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.contacts.control.RegisteredContacts;
import io.contactdesk.contacts.control.StoredContacts;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.control.QueueServices;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Membership;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.setup.control.FirstStart;
import io.contactdesk.users.entity.NotificationSettings;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The plans PostgreSQL makes of the statements a submission runs (and of the two reads an agent
 * makes after it), as Hibernate sends them. The JDBC driver prepares a statement on the server once
 * it has run five times, and PostgreSQL may then keep one generic plan for it, made without the
 * parameters and from the statistics of that moment; with autovacuum off there are none, and the
 * plan stays however the table grows. So each statement is planned generic ({@code plan_cache_mode
 * = force_generic_plan}) on an empty database, on a filled one nobody has analysed, and after
 * {@code ANALYZE}, and must read only the index it is meant for, never a whole table and never a
 * sort. The replay lookup was the one that failed this (it read a queue's contacts through the date
 * index: 143 submissions/s instead of 764; migration V8). Each test in a database of its own, made
 * and dropped here, so no other session's tables or statistics sway a plan.
 */
@EnabledIf(
    value = "io.contactdesk.platform.TestDatabase#postgresServerReachable",
    disabledReason = "no PostgreSQL on 127.0.0.1:5432")
class SubmissionPlansTest {

  private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
  private static final int PER_QUEUE = 200;

  /**
   * The tables that grow with the contacts, or with users times queues: never read whole. The staff
   * ({@code app_user}) may be: after {@code ANALYZE} PostgreSQL hashes a thousand users rather than
   * look ten of them up, which costs the same however many contacts there are.
   */
  private static final List<String> GROWING =
      List.of("contact", "activity_entry", "unread_contact", "mail_outbox", "queue_member");

  /** A statement of the path, the index it must read (null: it reads none), and its SQL. */
  private record Hot(String name, String index, String sql) {}

  private TestDatabase db;
  private final List<Hot> hot = new ArrayList<>();

  @BeforeEach
  void statementsOfOneSubmission() throws SQLException {
    db = TestDatabase.postgresDatabase();
    var setup = db.entityManagerFactory().createEntityManager();
    setup.getTransaction().begin();
    setup.persist(new Queue("q", FirstStart.demoQueue(), T0));
    for (String name : List.of("mia", "leo")) {
      User user =
          new User(
              name + "-id", name, name, name + "@example.com", "x", EnumSet.of(Role.AGENT), T0);
      user.changeNotifications(new NotificationSettings(false, false, true));
      setup.persist(user);
      setup.persist(new Membership("q", name, T0));
    }
    setup.getTransaction().commit();
    setup.close();

    List<String> statements = new ArrayList<>();
    Session session =
        db.entityManagerFactory()
            .unwrap(SessionFactory.class)
            .withOptions()
            .statementInspector(
                sql -> {
                  statements.add(sql);
                  return sql;
                })
            .openSession();
    RecordingEvent<ContactRegistered> registered = new RecordingEvent<>();
    RegisteredContacts contacts = StoredContacts.using(session, registered);
    MailOutbox outbox = new MailOutbox();
    outbox.em = session;
    outbox.clock = Clock.fixed(T0, ZoneOffset.UTC);
    outbox.memberships = QueueServices.memberships(session);
    outbox.queues = QueueServices.published(session);
    outbox.reach = new NotificationReach();
    outbox.reach.em = session;
    outbox.reach.memberships = outbox.memberships;
    outbox.reach.connections = new LiveConnections();

    // one submission the way the app makes it, rolled back so the tables stay empty
    session.getTransaction().begin();
    contacts.byIdempotencyKey("q", "key-1");
    contacts.store(
        new Contact(
            Ids.timeOrdered(T0),
            Ids.reference(),
            "q",
            T0,
            Source.FORM,
            "en",
            null,
            List.of(new Answer("message", "Message", "Call me")),
            "key-1",
            "fingerprint"),
        "Q");
    outbox.owe(registered.fired().get(0)); // as CDI does IN_PROGRESS, in the same transaction
    session.flush();
    ActivityLogs.using(session).page("q", null, 50);
    ActivityLogs.unread(session).of("mia", "q", null, 50);
    session.getTransaction().rollback();
    session.close();

    hot.add(
        new Hot(
            "idempotency lookup",
            "contact_idempotency",
            find(statements, "select", "idempotency_scope")));
    hot.add(new Hot("contact insert", null, find(statements, "insert into contact")));
    hot.add(new Hot("activity insert", null, find(statements, "insert into activity_entry")));
    hot.add(new Hot("unread rows", "queue_member_pkey", find(statements, "insert into unread")));
    hot.add(new Hot("outbox recipients", "queue_member_pkey", find(statements, "from app_user")));
    hot.add(new Hot("outbox rows", null, find(statements, "insert into mail_outbox")));
    hot.add(new Hot("activity page", "activity_entry_queue", find(statements, "from activity")));
    hot.add(new Hot("unread count", "unread_contact_reader", find(statements, "from unread")));
  }

  @AfterEach
  void dropTheDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void on_an_empty_database_every_statement_reads_only_its_index() throws SQLException {
    everyStatementReadsOnlyItsIndex("empty");
  }

  @Test
  void filled_and_never_analysed_every_statement_still_reads_only_its_index() throws SQLException {
    fill();
    everyStatementReadsOnlyItsIndex("filled, never analysed");
  }

  @Test
  void filled_and_analysed_every_statement_reads_only_its_index() throws SQLException {
    fill();
    sql("ANALYZE");
    everyStatementReadsOnlyItsIndex("filled, analysed");
  }

  private void everyStatementReadsOnlyItsIndex(String state) throws SQLException {
    SoftAssertions soft = new SoftAssertions();
    for (Hot statement : hot) {
      String plan = genericPlan(statement.sql());
      String what = statement.name() + " (" + state + "): " + statement.sql() + "\n" + plan;
      soft.assertThat(plan).as(what).doesNotContain("Sort");
      for (String table : GROWING) {
        soft.assertThat(plan).as(what).doesNotContain("Seq Scan on " + table + " ");
      }
      if (statement.index() == null) {
        soft.assertThat(plan).as(what).doesNotContain(" Scan");
      } else {
        soft.assertThat(plan)
            .as(what)
            .containsAnyOf(" using " + statement.index() + " on ", " Scan on " + statement.index());
      }
    }
    // the replay lookup has one index it can use, whatever the statistics say
    soft.assertThat(genericPlan(hot.get(0).sql())).doesNotContain("contact_queue_created");
    soft.assertAll();
  }

  /**
   * A hundred queues (q and 99 others) of {@value #PER_QUEUE} contacts each, every contact with a
   * key, its log entry, an unread row and an owed mail for one member, and a thousand more users,
   * ten members to each other queue: many queues of a few agents, as a contact centre has them.
   * (With two queues sharing a thousand members, PostgreSQL's generic plan for "the members of a
   * queue" is a sequential scan of the memberships, right for that average queue;
   * docs/benchmarks.md.)
   */
  private void fill() throws SQLException {
    sql(
        "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
            + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
            + " created_at, updated_at, version)"
            + " SELECT 'q' || k, 'Q' || k, time_zone, override_mode, offline_mode, opening_hours,"
            + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
            + " created_at, updated_at, 0 FROM queue, generate_series(1, 99) k WHERE id = 'q'");
    sql(
        "INSERT INTO app_user (id, username, display_name, email, password_hash, roles,"
            + " notify_email, created_at, version)"
            + " SELECT 'u' || i, 'user' || i, 'User', 'user' || i || '@example.com', 'x', 'AGENT',"
            + " true, now(), 0 FROM generate_series(1, 990) i");
    sql(
        "INSERT INTO queue_member (queue_id, username, joined_at)"
            + " SELECT 'q' || ((i - 1) / 10 + 1), 'user' || i, now()"
            + " FROM generate_series(1, 990) i");
    sql(
        "INSERT INTO contact (id, reference, queue_id, created_at, source, language, status,"
            + " answers, idempotency_key, idempotency_scope, version)"
            + " SELECT 'c' || q.id || '-' || i, 'AAA-AAAA', q.id, now() - i * interval '1 second',"
            + " 'FORM', 'en', 'NEW', '[]', 'key-' || i, q.id || ' key-' || i, 0"
            + " FROM generate_series(1, "
            + PER_QUEUE
            + ") i, queue q");
    sql(
        "INSERT INTO activity_entry (queue_id, type, at, contact_id)"
            + " SELECT queue_id, 'CONTACT_REGISTERED', created_at, id FROM contact"
            + " ORDER BY created_at");
    sql(
        "INSERT INTO unread_contact (contact_id, username, queue_id, registered_at)"
            + " SELECT c.id, m.username, c.queue_id, c.created_at FROM contact c"
            + " JOIN queue_member m ON m.queue_id = c.queue_id"
            + " WHERE m.username IN ('mia') OR m.username LIKE 'user%0'");
    sql(
        "INSERT INTO mail_outbox (id, contact_id, queue_id, recipient, email, created_at, state,"
            + " attempts, next_attempt_at, version)"
            + " SELECT 'm' || u.contact_id, u.contact_id, u.queue_id, u.username, 'x@example.com',"
            + " u.registered_at, 'SENT', 1, u.registered_at, 0 FROM unread_contact u");
  }

  /**
   * The plan PostgreSQL keeps for the statement once it caches a generic one: prepared with its
   * parameters as {@code $n}, explained without values (nothing runs; an insert inserts nothing).
   */
  private String genericPlan(String sql) throws SQLException {
    StringBuilder numbered = new StringBuilder();
    int parameters = 0;
    for (char ch : sql.toCharArray()) {
      if (ch == '?') {
        numbered.append('$').append(++parameters);
      } else {
        numbered.append(ch);
      }
    }
    StringJoiner nulls = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < parameters; i++) {
      nulls.add("NULL");
    }
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET plan_cache_mode = force_generic_plan");
      s.execute("PREPARE hot AS " + numbered);
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows =
          s.executeQuery("EXPLAIN EXECUTE hot" + (parameters == 0 ? "" : nulls.toString()))) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
      return plan.toString();
    }
  }

  private static String find(List<String> statements, String... parts) {
    return statements.stream()
        .filter(sql -> Stream.of(parts).allMatch(sql.toLowerCase(Locale.ROOT)::contains))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no statement with " + List.of(parts) + " in " + statements));
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
