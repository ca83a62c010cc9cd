package io.contactdesk.contacts.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contacts.control.ContactFinder.Filter;
import io.contactdesk.contacts.control.ContactFinder.Listed;
import io.contactdesk.contacts.control.ContactFinder.Position;
import io.contactdesk.contacts.entity.CommentDraft;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Answer;
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

/** Finding contacts (docs/api.md, Contacts): the filters, the search, the pages, the plans. */
class ContactFinderTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  private static final Filter ALL = new Filter(null, null, null, null, null, null, null);

  private TestDatabase db;
  private Session session;
  private final List<String> statements = new ArrayList<>();
  private ContactFinder finder;

  @BeforeEach
  void setUp() throws SQLException {
    db = TestDatabase.h2();
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String queue : List.of("q", "other", "secret")) {
        s.execute(
            "INSERT INTO queue (id, name, time_zone, override_mode, offline_mode, opening_hours,"
                + " schedule_exceptions, offline_message, bot, form, allowed_origins, retention_days,"
                + " created_at, updated_at, version) VALUES ("
                + "'%s','Q','UTC','OPEN','FORM','[]','[]','{}','{}','{}','[]',30,".formatted(queue)
                + "CURRENT_TIMESTAMP,CURRENT_TIMESTAMP,0)");
      }
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
    finder = new ContactFinder();
    finder.em = session;
  }

  @AfterEach
  void tearDown() {
    session.close();
    db.close();
  }

  @Test
  void the_list_is_newest_first_across_queues_and_statuses() {
    store("a", "q", 1, Status.NEW, null, null);
    store("b", "other", 2, Status.DONE, null, null);
    store("c", "q", 3, Status.IN_PROGRESS, "mia", null);
    store("hidden", "secret", 4, Status.NEW, null, null);

    assertThat(ids(find(ALL, null, 50))).containsExactly("c", "b", "a");
  }

  @Test
  void pages_continue_below_the_last_one_even_between_contacts_of_the_same_instant() {
    for (int i = 1; i <= 5; i++) {
      store("c" + i, i % 2 == 0 ? "q" : "other", i < 4 ? 1 : i, Status.NEW, null, null);
    }

    List<Listed> first = find(ALL, null, 2);
    List<Listed> second = find(ALL, below(first), 2);
    List<Listed> third = find(ALL, below(second), 2);

    assertThat(ids(first)).containsExactly("c5", "c4");
    assertThat(ids(second)).containsExactly("c3", "c2");
    assertThat(ids(third)).containsExactly("c1");
  }

  @Test
  void filters_by_status_handler_nobody_overdue_and_time() {
    store("new", "q", 1, Status.NEW, null, null);
    store("mine", "q", 2, Status.IN_PROGRESS, "mia", null);
    Contact late = store("late", "q", 3, Status.NEW, null, null);
    store("done", "q", 4, Status.DONE, "leo", null);
    session.beginTransaction();
    late.escalate(T0.plusSeconds(100));
    session.getTransaction().commit();

    assertThat(ids(find(filter(Status.NEW, null, null, null, null), null, 50)))
        .containsExactly("late", "new");
    assertThat(ids(find(filter(null, "mia", null, null, null), null, 50))).containsExactly("mine");
    assertThat(ids(find(filter(null, Filter.NOBODY, null, null, null), null, 50)))
        .containsExactly("late", "new");
    assertThat(ids(find(filter(null, null, true, null, null), null, 50))).containsExactly("late");
    assertThat(ids(find(filter(null, null, false, null, null), null, 50)))
        .containsExactly("done", "mine", "new");
    assertThat(ids(find(filter(null, null, null, T0.plusSeconds(2), T0.plusSeconds(4)), null, 50)))
        .containsExactly("late", "mine");
  }

  @Test
  void a_reference_or_an_email_finds_the_contacts_in_the_queues_the_caller_sees() {
    store("one", "q", 1, Status.NEW, null, "mia@example.com");
    store("two", "other", 2, Status.DONE, null, "mia@example.com");
    store("theirs", "secret", 3, Status.NEW, null, "mia@example.com");
    store("leo", "q", 4, Status.NEW, null, "leo@example.com");

    assertThat(ids(find(search(ContactQuery.of("MIA@example.com")), null, 50)))
        .containsExactly("two", "one");
    assertThat(ids(find(search(new ContactQuery("REF-one", false)), null, 50)))
        .containsExactly("one");
    assertThat(ids(find(search(new ContactQuery("REF-theirs", false)), null, 50))).isEmpty();
  }

  @Test
  void on_h2_a_page_of_one_queue_and_status_is_read_off_the_index_in_order() throws SQLException {
    for (int i = 1; i <= 300; i++) {
      store("c" + i, "q", i, i % 3 == 0 ? Status.DONE : Status.NEW, null, null);
    }
    statements.clear();

    find(filter(Status.NEW, null, null, null, null), null, 51);

    assertThat(statements).as("one read per queue").hasSize(2);
    String plan = explain(statements.get(0), "q", "NEW", 51);
    assertThat(plan)
        .contains("PUBLIC.CONTACT_QUEUE_STATUS_NEWEST")
        .contains("/* index sorted */")
        .contains("scanCount: 51 ");
  }

  @Test
  void on_h2_a_handlers_page_is_read_off_the_handlers_index_not_the_queues() throws SQLException {
    // many DONE contacts of nobody, a few of Mia's: the queue's index would read them all
    for (int i = 1; i <= 300; i++) {
      store(
          "c" + i,
          "q",
          i,
          i % 100 == 0 ? Status.IN_PROGRESS : Status.DONE,
          i % 100 == 0 ? "mia" : null,
          null);
    }
    statements.clear();

    List<Listed> page = find(filter(null, "mia", null, null, null), null, 51);

    assertThat(ids(page)).containsExactly("c300", "c200", "c100");
    String plan = explain(statements.get(0), "q", "DONE", "mia", 51); // one statement, each status
    assertThat(plan)
        .contains("PUBLIC.CONTACT_QUEUE_HANDLER_STATUS_NEWEST")
        .contains("/* index sorted */")
        .contains("scanCount: 1 ");
  }

  @Test
  void on_h2_an_email_is_one_lookup_of_its_index() throws SQLException {
    for (int i = 1; i <= 300; i++) {
      store("c" + i, "q", i, Status.NEW, null, "visitor" + i + "@example.com");
    }
    statements.clear();

    find(search(ContactQuery.email("visitor7@example.com")), null, 51);

    assertThat(statements).hasSize(1);
    String plan = explain(statements.get(0), "visitor7@example.com", "q", "other", 51);
    assertThat(plan).contains("PUBLIC.CONTACT_VISITOR_EMAIL").contains("scanCount: 2 ");
  }

  private Contact store(
      String id, String queue, int seconds, Status status, String handler, String email) {
    Contact contact =
        new Contact(
            id,
            "REF-" + id,
            queue,
            T0.plusSeconds(seconds),
            Source.FORM,
            "en",
            null,
            List.of(new Answer("name", "Name", "Mia")),
            null,
            null);
    contact.changeStatus(status);
    contact.visitorEmail(email);
    if (handler != null) {
      contact.comment(
          "m-" + id,
          "admin",
          "Admin",
          T0,
          new CommentDraft("", null, true, handler),
          true,
          new InvalidInput.Collector());
    }
    session.beginTransaction();
    session.persist(contact);
    session.getTransaction().commit();
    return contact;
  }

  private List<Listed> find(Filter filter, Position below, int limit) {
    return finder.find(List.of("q", "other"), filter, below, limit);
  }

  private static Filter filter(
      Status status, String handler, Boolean overdue, Instant from, Instant to) {
    return new Filter(null, status, handler, overdue, from, to, null);
  }

  private static Filter search(ContactQuery query) {
    return new Filter(null, null, null, null, null, null, query);
  }

  private static Position below(List<Listed> page) {
    Listed last = page.get(page.size() - 1);
    return new Position(last.createdAt(), last.id());
  }

  private static List<String> ids(List<Listed> page) {
    return page.stream().map(Listed::id).toList();
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
