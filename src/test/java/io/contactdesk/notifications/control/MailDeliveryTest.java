package io.contactdesk.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.contacts.control.ContactErased;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.RetryPolicy;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.control.QueueServices;
import io.contactdesk.queues.entity.Membership;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.setup.control.FirstStart;
import io.contactdesk.users.entity.NotificationSettings;
import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mail path against a real SMTP server in this JVM (GreenMail): who gets mail, what it says and
 * what it never says, and what happens while SMTP is away.
 */
class MailDeliveryTest {

  // one fixed port, so the server can be stopped and started again where the app expects it
  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  private static final Instant T0 = Instant.parse("2026-11-25T16:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);

  private TestDatabase db;
  private EntityManager em;
  private MutableClock clock;
  private MailOutbox outbox;
  private MailWorker worker;

  @BeforeEach
  void setUp() {
    db = TestDatabase.h2();
    em = db.entityManagerFactory().createEntityManager();
    clock = new MutableClock(T0);
    outbox = new TransactionalOutbox();
    outbox.em = em;
    outbox.clock = clock;
    MailSessions sessions = new MailSessions();
    sessions.jndiName = "none";
    sessions.host = Optional.of("127.0.0.1");
    sessions.port = smtp.getSmtp().getPort();
    sessions.username = Optional.empty();
    sessions.password = Optional.empty();
    worker = new MailWorker();
    worker.outbox = outbox;
    worker.sessions = sessions;
    worker.durableCommit = new io.contactdesk.platform.DurableCommit();
    worker.queues = QueueServices.queues(em);
    worker.tx = new io.contactdesk.platform.InTransaction(); // the test's reads need none
    worker.baseUrl = "https://desk.example.com/";
    worker.from = "ContactDesk <desk@example.com>";
    worker.retry = new RetryPolicy(Duration.ofSeconds(30), 3);
    worker.lease = LEASE;
    outbox.worker = worker;

    inTransaction(
        () -> {
          em.persist(new Queue("support", FirstStart.demoQueue(), T0));
          user("mia", new NotificationSettings(false, false, true), true);
          user("leo", new NotificationSettings(true, true, false), true); // no e-mail wanted
          user("ann", new NotificationSettings(false, false, true), false); // not a member
          return null;
        });
  }

  @AfterEach
  void tearDown() {
    em.close();
    db.close();
  }

  @Test
  void
      only_members_who_want_email_get_one_with_the_queue_time_and_link_and_nothing_the_visitor_wrote()
          throws Exception {
    register("c-1");

    worker.round();

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString))
        .containsExactly("mia@example.com");
    assertThat(mail.getSubject()).isEqualTo("New contact in Support");
    String whole = GreenMailUtil.getWholeMessage(mail);
    assertThat(whole)
        .contains("https://desk.example.com/#/contacts/c-1")
        .contains("Wednesday 25 November 2026 at 18:00 (Europe/Helsinki)")
        .contains("text/plain")
        .contains("text/html");
    // the outbox row knows only ids and addresses; the mail is composed from those alone
    assertThat(whole).doesNotContain("Secret").doesNotContain("visitor@example.com");
    assertThat(state("c-1", "mia")).isEqualTo(OutboxMail.State.SENT);
  }

  @Test
  void while_smtp_is_down_mail_waits_with_back_off_and_arrives_once_when_it_is_back()
      throws Exception {
    smtp.stop();
    register("c-2");

    worker.round();
    OutboxMail waiting = mail("c-2", "mia");
    assertThat(waiting.state()).isEqualTo(OutboxMail.State.PENDING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastError()).contains("MailConnectException");
    assertThat(waiting.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));

    clock.advance(Duration.ofSeconds(10));
    worker.round(); // not due yet: no attempt
    assertThat(mail("c-2", "mia").attempts()).isEqualTo(1);

    smtp.start();
    clock.advance(Duration.ofSeconds(25));
    worker.round();
    worker.round();

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    assertThat(state("c-2", "mia")).isEqualTo(OutboxMail.State.SENT);
  }

  @Test
  void an_outage_costs_every_due_mail_one_attempt_and_one_connection_later_sends_them_all_once()
      throws Exception {
    smtp.stop();
    List<String> contacts = List.of("c-5", "c-6", "c-7");
    contacts.forEach(this::register);

    worker.round();
    for (String contact : contacts) {
      OutboxMail waiting = mail(contact, "mia");
      assertThat(waiting.state()).isEqualTo(OutboxMail.State.PENDING);
      assertThat(waiting.attempts()).isEqualTo(1);
      assertThat(waiting.lastError()).contains("MailConnectException");
    }

    smtp.start();
    clock.advance(Duration.ofSeconds(30));
    worker.round();
    worker.round();

    assertThat(smtp.getReceivedMessages()).hasSize(contacts.size());
    for (String contact : contacts) {
      assertThat(state(contact, "mia")).isEqualTo(OutboxMail.State.SENT);
    }
  }

  @Test
  void after_the_last_attempt_the_mail_is_given_up_and_shown_as_failed() {
    smtp.stop();
    register("c-3");

    for (int i = 0; i < 5; i++) {
      worker.round();
      clock.advance(Duration.ofHours(2));
    }

    OutboxMail given = mail("c-3", "mia");
    assertThat(given.state()).isEqualTo(OutboxMail.State.FAILED);
    assertThat(given.attempts()).isEqualTo(3);
    assertThat(outbox.unsent(10)).extracting(OutboxMail::id).contains(given.id());
  }

  @Test
  void mail_caught_mid_send_by_a_crash_is_left_alone_during_its_lease_then_given_up_not_resent() {
    register("c-4");
    String id = mail("c-4", "mia").id();
    // another node claimed it and crashed before SMTP answered
    assertThat(outbox.claim("dead-node", 50, LEASE)).containsExactly(id);
    assertThat(outbox.startSending(id, "dead-node", LEASE)).isNotNull();

    worker.round(); // the lease runs: for all this node knows, the other one is still sending it
    assertThat(state("c-4", "mia")).isEqualTo(OutboxMail.State.SENDING);

    clock.advance(LEASE.plusSeconds(1));
    worker.round();

    assertThat(smtp.getReceivedMessages()).isEmpty();
    assertThat(state("c-4", "mia")).isEqualTo(OutboxMail.State.FAILED);
    assertThat(mail("c-4", "mia").lastError()).contains("not resent");
  }

  @Test
  void a_mail_claimed_by_a_node_that_died_before_sending_it_is_sent_once_after_the_lease() {
    register("c-10");
    assertThat(outbox.claim("dead-node", 50, LEASE)).hasSize(1);

    worker.round(); // claimed elsewhere: not this node's to send
    assertThat(smtp.getReceivedMessages()).isEmpty();

    clock.advance(LEASE.plusSeconds(1));
    worker.round();
    worker.round();

    assertThat(smtp.getReceivedMessages()).hasSize(1);
    OutboxMail sent = mail("c-10", "mia");
    assertThat(sent.state()).isEqualTo(OutboxMail.State.SENT);
    assertThat(sent.claimedBy()).isNull();
  }

  @Test
  void a_node_whose_claim_was_taken_over_does_not_send_the_mail() {
    register("c-11");
    String id = mail("c-11", "mia").id();
    assertThat(outbox.claim("slow-node", 50, LEASE)).containsExactly(id);
    clock.advance(LEASE.plusSeconds(1));
    assertThat(outbox.claim("other-node", 50, LEASE)).containsExactly(id);

    assertThat(outbox.startSending(id, "slow-node", LEASE)).isNull();
    assertThat(outbox.startSending(id, "other-node", LEASE)).isNotNull();
  }

  @Test
  void an_erased_contact_takes_its_owed_mail_along_and_nothing_is_sent_about_it() {
    register("c-8");
    register("c-9");

    inTransaction(
        () -> {
          outbox.eraseContact(new ContactErased("c-8"));
          return null;
        });
    worker.round();

    em.clear();
    assertThat(em.createQuery("select m.contactId from OutboxMail m", String.class).getResultList())
        .containsExactly("c-9");
    assertThat(smtp.getReceivedMessages()).hasSize(1);
  }

  private void register(String contactId) {
    inTransaction(
        () -> {
          outbox.owe(new ContactRegistered(1, contactId, "support", "Support", clock.instant()));
          return null;
        });
  }

  private void user(String name, NotificationSettings settings, boolean member) {
    User user =
        new User(name + "-id", name, name, name + "@example.com", "x", EnumSet.of(Role.AGENT), T0);
    user.changeNotifications(settings);
    em.persist(user);
    if (member) {
      em.persist(new Membership("support", name, T0));
    }
  }

  private OutboxMail mail(String contactId, String recipient) {
    em.clear();
    return em.createQuery(
            "select m from OutboxMail m where m.contactId = :c and m.recipient = :r",
            OutboxMail.class)
        .setParameter("c", contactId)
        .setParameter("r", recipient)
        .getSingleResult();
  }

  private OutboxMail.State state(String contactId, String recipient) {
    return mail(contactId, recipient).state();
  }

  private <T> T inTransaction(Supplier<T> work) {
    em.getTransaction().begin();
    T result = work.get();
    em.getTransaction().commit();
    return result;
  }

  /** What the container's @Transactional does around the outbox's writes. */
  private final class TransactionalOutbox extends MailOutbox {
    @Override
    public List<String> claim(String node, int limit, Duration lease) {
      em.clear();
      return inTransaction(() -> super.claim(node, limit, lease));
    }

    @Override
    public OutboxMail startSending(String id, String node, Duration lease) {
      return inTransaction(() -> super.startSending(id, node, lease));
    }

    @Override
    public void sent(String id) {
      inTransaction(
          () -> {
            super.sent(id);
            return null;
          });
    }

    @Override
    public void failed(String id, String error, RetryPolicy retry) {
      inTransaction(
          () -> {
            super.failed(id, error, retry);
            return null;
          });
    }

    @Override
    public void unreachable(String node, List<String> ids, String error, RetryPolicy retry) {
      inTransaction(
          () -> {
            super.unreachable(node, ids, error, retry);
            return null;
          });
    }

    @Override
    public void release(String node, List<String> ids) {
      inTransaction(
          () -> {
            super.release(node, ids);
            return null;
          });
    }

    @Override
    public int abandonStalled() {
      em.clear();
      return inTransaction(super::abandonStalled);
    }
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
