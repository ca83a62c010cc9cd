package io.contactdesk.contacts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.activity.control.ActivityLogs;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.PageUrl;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.IdempotencyKeyReused;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Queue;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Submissions against a real database: what is stored, what is refused, what a retry gets, and what
 * a try that lost a race for its key gets.
 */
class SubmissionsTest {

  private static final Instant NOW = Instant.parse("2026-11-25T18:30:00.123456789Z");
  private static final Map<String, Object> ANSWERS =
      Map.of("name", "Mia", "email", "mia@example.com", "message", "Call me");

  private TestDatabase db;
  private EntityManager em;
  private Submissions submissions;
  private Queue queue;
  private final RecordingEvent<ContactRegistered> registered = new RecordingEvent<>();
  private final List<ContactRegistered> events = registered.fired();

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    em = db.entityManagerFactory().createEntityManager();
    queue = new Queue("support", io.contactdesk.setup.control.FirstStart.demoQueue(), NOW);
    em.getTransaction().begin();
    em.persist(queue);
    em.getTransaction().commit();

    RegisteredContacts contacts = new TransactionalContacts();
    contacts.em = em;
    contacts.activityLog = ActivityLogs.using(em);
    contacts.registered = registered;
    submissions = new Submissions();
    submissions.contacts = contacts;
    submissions.clock = Clock.fixed(NOW, ZoneOffset.UTC);
  }

  @AfterEach
  void tearDown() {
    em.close();
    db.close();
  }

  @Test
  void a_valid_submission_is_stored_with_one_log_entry_and_one_event() {
    Registration registration =
        register(
            new Submission(
                ANSWERS,
                "fi",
                new PageUrl("https://shop.example.com/help"),
                Source.FORM,
                null,
                null));

    Contact stored = em.find(Contact.class, registration.contact().id());
    assertThat(stored).isNotNull();
    assertThat(stored.answers())
        .extracting("label")
        .containsExactly("Nimi", "Sähköposti", "Viesti");
    assertThat(stored.source()).isEqualTo(Source.FORM);
    assertThat(stored.pageUrl()).isEqualTo("https://shop.example.com/help");
    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-11-25T18:30:00.123456Z"));
    assertThat(registration.replayed()).isFalse();
    assertThat(countLog(ActivityType.CONTACT_REGISTERED)).isEqualTo(1);
    assertThat(events)
        .containsExactly(
            new ContactRegistered(
                events.get(0).activityId(), stored.id(), "support", "Support", stored.createdAt()));
  }

  @Test
  void a_stored_key_is_replayed_with_its_contact_and_an_unknown_key_is_not() {
    Registration first = register(withKey("retry-1", "fp"));

    assertThat(submissions.replay("support", "retry-1", "fp"))
        .get()
        .extracting(Contact::id)
        .isEqualTo(first.contact().id());
    assertThat(submissions.replay("support", "retry-2", "fp")).isEmpty();
    assertThat(submissions.replay("elsewhere", "retry-1", "fp")).isEmpty();
    assertThat(countContacts()).isEqualTo(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void the_same_key_with_another_body_is_refused_and_stores_nothing() {
    register(withKey("k", "first body"));

    assertThatThrownBy(() -> submissions.replay("support", "k", "another body"))
        .isInstanceOf(IdempotencyKeyReused.class);
    assertThat(countContacts()).isEqualTo(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void a_try_that_lost_the_race_for_its_key_answers_the_winners_contact() {
    // both tries missed each other in the replay lookup; the unique index lets one of them in
    Registration winner = register(withKey("raced", "fp"));
    Registration loser = register(withKey("raced", "fp"));

    assertThat(loser.contact().id()).isEqualTo(winner.contact().id());
    assertThat(loser.replayed()).isTrue();
    assertThat(countContacts()).isEqualTo(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void a_try_that_lost_the_race_with_another_body_is_refused() {
    register(withKey("raced", "first body"));

    assertThatThrownBy(() -> register(withKey("raced", "another body")))
        .isInstanceOf(IdempotencyKeyReused.class);
    assertThat(countContacts()).isEqualTo(1);
  }

  @Test
  void different_keys_are_different_contacts() {
    register(withKey("a", "fp"));
    register(withKey("b", "fp"));

    assertThat(countContacts()).isEqualTo(2);
  }

  @Test
  void invalid_input_stores_nothing_and_names_the_requests_and_the_forms_problems_at_once() {
    var refused = new LinkedHashMap<String, String>();
    refused.put("Idempotency-Key", "must be 1 to 200 visible ASCII characters");
    refused.put("language", "must be a language tag such as en or fi");

    assertThatThrownBy(
            () ->
                submissions.register(
                    queue,
                    new Submission(Map.of("email", "x"), "en", null, Source.FORM, null, null),
                    refused))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e ->
                assertThat(((InvalidInput) e).fields())
                    .containsOnlyKeys("Idempotency-Key", "language", "name", "email", "message"));
    assertThat(countContacts()).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void what_the_request_refused_stores_nothing_even_when_the_answers_are_fine() {
    assertThatThrownBy(
            () ->
                submissions.register(
                    queue,
                    new Submission(ANSWERS, "en", null, Source.FORM, null, null),
                    Map.of("source", "must be FORM or BOT")))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsOnlyKeys("source"));
    assertThat(countContacts()).isZero();
  }

  private Registration register(Submission submission) {
    return submissions.register(queue, submission, Map.of());
  }

  private static Submission withKey(String key, String fingerprint) {
    return new Submission(ANSWERS, "en", null, Source.FORM, key, fingerprint);
  }

  private long countContacts() {
    return em.createQuery("select count(c) from Contact c", Long.class).getSingleResult();
  }

  private long countLog(ActivityType type) {
    return em.createQuery("select count(a) from ActivityEntry a where a.type = :t", Long.class)
        .setParameter("t", type)
        .getSingleResult();
  }

  /**
   * What the container does around {@code store}: a transaction, and a persistence context that
   * ends with it, so a refused insert leaves nothing behind.
   */
  private static final class TransactionalContacts extends RegisteredContacts {
    @Override
    public Contact store(Contact contact, String queueName) {
      em.getTransaction().begin();
      try {
        Contact stored = super.store(contact, queueName);
        em.getTransaction().commit();
        return stored;
      } catch (RuntimeException e) {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
        em.clear();
        throw e;
      }
    }
  }
}
