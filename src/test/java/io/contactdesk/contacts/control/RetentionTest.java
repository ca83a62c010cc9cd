package io.contactdesk.contacts.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.activity.control.ActivityLogs;
import io.contactdesk.contacts.entity.Comment;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.setup.control.FirstStart;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Contacts past their queue's retention are erased like a DELETE, leaving only the log entry. */
class RetentionTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  private TestDatabase db;
  private EntityManager em;
  private Casework casework;
  private RecordingEvent<ContactErased> erasures;

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    em = db.entityManagerFactory().createEntityManager();
    casework = new Casework();
    casework.em = em;
    casework.log = ActivityLogs.using(em);
    casework.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    erasures = new RecordingEvent<>();
    casework.erased = erasures;
    inTransaction(
        () -> em.persist(new Queue("support", FirstStart.demoQueue(), NOW))); // keeps 365 days
  }

  @AfterEach
  void tearDown() {
    em.close();
    db.close();
  }

  @Test
  void
      contacts_older_than_the_retention_are_erased_with_their_comments_announced_and_a_log_entry_stays() {
    Contact old = contact("old", NOW.minus(Duration.ofDays(366)));
    Contact young = contact("young", NOW.minus(Duration.ofDays(364)));
    inTransaction(
        () -> {
          em.persist(old);
          em.persist(young);
          em.persist(new Comment("c1", "old", "mia", "Mia", NOW, "called", null, false, null));
        });

    int erased =
        inTransaction(
            () -> casework.eraseOlderThan("support", NOW.minus(Duration.ofDays(365)), 100));

    assertThat(erased).isEqualTo(1);
    em.clear();
    assertThat(em.find(Contact.class, "old")).isNull();
    assertThat(em.find(Contact.class, "young")).isNotNull();
    assertThat(em.find(Comment.class, "c1")).isNull();
    assertThat(
            em.createQuery(
                    "select a.contactId from ActivityEntry a where a.type = io.contactdesk.activity.entity.ActivityType.CONTACT_DELETED",
                    String.class)
                .getResultList())
        .containsExactly("old");
    // the owed mail goes in the same transaction, by the observer of this fact (MailDeliveryTest)
    assertThat(erasures.fired()).containsExactly(new ContactErased("old"));
  }

  @Test
  void a_batch_erases_at_most_its_size() {
    inTransaction(
        () -> {
          for (int i = 0; i < 5; i++) {
            em.persist(contact("c" + i, NOW.minus(Duration.ofDays(400))));
          }
        });

    assertThat(inTransaction(() -> casework.eraseOlderThan("support", NOW, 3))).isEqualTo(3);
    assertThat(inTransaction(() -> casework.eraseOlderThan("support", NOW, 3))).isEqualTo(2);
  }

  private static Contact contact(String id, Instant at) {
    return new Contact(
        id,
        "AAA-AAAA",
        "support",
        at,
        Source.FORM,
        "en",
        null,
        List.of(new Answer("name", "Name", "Mia")),
        null,
        null);
  }

  private void inTransaction(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }

  private <T> T inTransaction(java.util.function.Supplier<T> work) {
    em.getTransaction().begin();
    T result = work.get();
    em.getTransaction().commit();
    return result;
  }
}
