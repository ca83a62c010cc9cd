package io.contactdesk.contacts.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.activity.control.ActivityLogs;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.IdempotencyKeyReused;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.persistence.EntityManager;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Submissions against a real database: what is stored, what is refused, what a retry gets. */
class SubmissionsTest {

  private static final Instant NOW = Instant.parse("2026-11-25T18:30:00.123456789Z");
  private static final Map<String, Object> ANSWERS =
      Map.of("name", "Mia", "email", "mia@example.com", "message", "Call me");

  private TestDatabase db;
  private EntityManager em;
  private Submissions submissions;
  private Queue queue;
  private final List<ContactRegistered> events = new ArrayList<>();

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
    contacts.registered = new RecordingEvent(events);
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
        register(queue, new Submission(ANSWERS, "fi", "https://shop.example.com/help", null), null);

    Contact stored = em.find(Contact.class, registration.contact().id());
    assertThat(stored).isNotNull();
    assertThat(stored.answers())
        .extracting("label")
        .containsExactly("Nimi", "Sähköposti", "Viesti");
    assertThat(stored.source()).isEqualTo(Source.FORM);
    assertThat(stored.createdAt()).isEqualTo(Instant.parse("2026-11-25T18:30:00.123456Z"));
    assertThat(registration.replayed()).isFalse();
    assertThat(countLog(ActivityType.CONTACT_REGISTERED)).isEqualTo(1);
    assertThat(events)
        .containsExactly(
            new ContactRegistered(
                events.get(0).activityId(), stored.id(), "support", "Support", stored.createdAt()));
  }

  @Test
  void a_retry_with_the_same_idempotency_key_gets_the_first_contact_and_stores_nothing_new() {
    Registration first = register(queue, new Submission(ANSWERS, "en", null, "FORM"), "retry-1");
    Registration retry = register(queue, new Submission(ANSWERS, "en", null, "FORM"), "retry-1");

    assertThat(retry.contact().id()).isEqualTo(first.contact().id());
    assertThat(retry.replayed()).isTrue();
    assertThat(countContacts()).isEqualTo(1);
    assertThat(events).hasSize(1);
  }

  @Test
  void the_same_key_with_another_body_is_refused_and_stores_nothing() {
    Registration first = register(queue, new Submission(ANSWERS, "en", null, null), "k");
    Map<String, Object> other = new java.util.HashMap<>(ANSWERS);
    other.put("message", "A second, different message");

    for (Submission another :
        List.of(
            new Submission(other, "en", null, null),
            new Submission(ANSWERS, "fi", null, null),
            new Submission(ANSWERS, "en", "https://shop.example.com/", null),
            new Submission(ANSWERS, "en", null, "BOT"))) {
      assertThatThrownBy(() -> register(queue, another, "k"))
          .as("%s", another)
          .isInstanceOf(IdempotencyKeyReused.class);
    }
    assertThat(countContacts()).isEqualTo(1);
    assertThat(events).hasSize(1);
    assertThat(register(queue, new Submission(ANSWERS, "en", null, null), "k").contact().id())
        .isEqualTo(first.contact().id());
  }

  @Test
  void the_fingerprint_ignores_key_order_and_sees_every_value() {
    Map<String, Object> forwards = new java.util.LinkedHashMap<>();
    forwards.put("name", "Mia");
    forwards.put("topics", List.of("a", Map.of("y", 1, "x", true)));
    Map<String, Object> backwards = new java.util.LinkedHashMap<>();
    backwards.put("topics", List.of("a", new java.util.TreeMap<>(Map.of("x", true, "y", 1))));
    backwards.put("name", "Mia");

    assertThat(new Submission(forwards, "en", null, null).fingerprint())
        .isEqualTo(new Submission(backwards, "en", null, null).fingerprint())
        .hasSize(64)
        .isNotEqualTo(new Submission(forwards, "en", null, "FORM").fingerprint())
        .isNotEqualTo(new Submission(Map.of("name", "Mia"), "en", null, null).fingerprint());
    assertThat(new Submission(Map.of("a", "b\",c"), null, null, null).fingerprint())
        .as("a value cannot pass for a key")
        .isNotEqualTo(new Submission(Map.of("a", "b", "c", ""), null, null, null).fingerprint());
  }

  @Test
  void different_keys_are_different_contacts() {
    register(queue, new Submission(ANSWERS, "en", null, null), "a");
    register(queue, new Submission(ANSWERS, "en", null, null), "b");

    assertThat(countContacts()).isEqualTo(2);
  }

  @Test
  void invalid_input_stores_nothing_and_names_every_problem() {
    assertThatThrownBy(
            () ->
                register(
                    queue,
                    new Submission(Map.of("email", "x"), "english!", "ftp://x", "CHAT"),
                    "bad key with spaces"))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e ->
                assertThat(((InvalidInput) e).fields())
                    .containsOnlyKeys(
                        "Idempotency-Key",
                        "language",
                        "pageUrl",
                        "source",
                        "name",
                        "email",
                        "message"));
    assertThat(countContacts()).isZero();
    assertThat(events).isEmpty();
  }

  @Test
  void a_retry_is_answered_over_the_limit_and_a_new_contact_is_not() {
    Registration first = register(queue, new Submission(ANSWERS, "en", null, null), "k-1");
    // the rate limiter's refusal (JAX-RS is not on this test's class path, so not TooManyRequests)
    Runnable overLimit =
        () -> {
          throw new IllegalStateException("over the limit");
        };

    Registration retry =
        submissions.register(queue, new Submission(ANSWERS, "en", null, null), "k-1", overLimit);

    assertThat(retry.contact().id()).isEqualTo(first.contact().id());
    assertThat(retry.replayed()).isTrue();
    assertThatThrownBy(
            () ->
                submissions.register(
                    queue, new Submission(ANSWERS, "en", null, null), "k-2", overLimit))
        .hasMessage("over the limit");
    assertThat(countContacts()).isEqualTo(1);
  }

  private Registration register(Queue queue, Submission submission, String key) {
    return submissions.register(queue, submission, key, () -> {});
  }

  private long countContacts() {
    return em.createQuery("select count(c) from Contact c", Long.class).getSingleResult();
  }

  private long countLog(ActivityType type) {
    return em.createQuery("select count(a) from ActivityEntry a where a.type = :t", Long.class)
        .setParameter("t", type)
        .getSingleResult();
  }

  /** What the container's transaction interceptor does around {@code store}. */
  private static final class TransactionalContacts extends RegisteredContacts {
    @Override
    public Registration storeOnce(
        String queueId,
        String queueName,
        String key,
        String fingerprint,
        Supplier<Contact> create) {
      em.getTransaction().begin();
      try {
        Registration registration = super.storeOnce(queueId, queueName, key, fingerprint, create);
        em.getTransaction().commit();
        return registration;
      } catch (RuntimeException e) {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
        throw e;
      }
    }
  }

  private record RecordingEvent(List<ContactRegistered> fired) implements Event<ContactRegistered> {
    @Override
    public void fire(ContactRegistered event) {
      fired.add(event);
    }

    @Override
    public <U extends ContactRegistered> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends ContactRegistered> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<ContactRegistered> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends ContactRegistered> Event<U> select(
        Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends ContactRegistered> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
