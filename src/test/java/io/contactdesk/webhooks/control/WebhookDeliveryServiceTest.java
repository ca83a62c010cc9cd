package io.contactdesk.webhooks.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contacts.control.ContactCommented;
import io.contactdesk.contacts.control.ContactErased;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.contacts.control.ContactStatusChanged;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.escalation.control.ContactEscalated;
import io.contactdesk.platform.DurableCommit;
import io.contactdesk.platform.MutableClock;
import io.contactdesk.platform.RecordingEvent;
import io.contactdesk.platform.RetryPolicy;
import io.contactdesk.platform.TestDatabase;
import io.contactdesk.queues.control.QueueServices;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.setup.control.FirstStart;
import io.contactdesk.testkit.WebhookReceiver;
import io.contactdesk.webhooks.entity.Webhook;
import io.contactdesk.webhooks.entity.WebhookDelivery;
import io.contactdesk.webhooks.entity.WebhookEvent;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhooks' outbox and sender against a real database (H2, migrated by the real scripts) and a
 * real receiver on 127.0.0.1 ({@link WebhookReceiver}): what is owed for which change, what is sent
 * and how it is signed, and what happens when the receiver fails, refuses, hangs or is refused.
 */
class WebhookDeliveryServiceTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  private TestDatabase db;
  private EntityManager em;
  private MutableClock clock;
  private WebhookSubscriptions subscriptions;
  private WebhookOutbox outbox;
  private WebhookWorker worker;
  private Webhooks webhooks;
  private WebhookReceiver receiver;

  @BeforeEach
  void setUp() throws Exception {
    db = TestDatabase.h2();
    em = db.entityManagerFactory().createEntityManager();
    clock = new MutableClock(T0);
    receiver = new WebhookReceiver();
    subscriptions = new WebhookSubscriptions();
    subscriptions.em = em;
    outbox = new TransactionalOutbox();
    outbox.em = em;
    outbox.clock = clock;
    outbox.subscriptions = subscriptions;
    outbox.baseUrl = "https://desk.example.com/";
    worker = new WebhookWorker();
    worker.outbox = outbox;
    worker.clock = clock;
    worker.durableCommit = new DurableCommit();
    worker.guard = new TargetGuard(true, true, InetAddress::getAllByName);
    worker.retryBaseSeconds = 30;
    worker.maxAttempts = 3;
    worker.leaseSeconds = 60;
    worker.configure();
    outbox.worker = worker;
    webhooks = new Webhooks();
    webhooks.em = em;
    webhooks.clock = clock;
    webhooks.queues = QueueServices.queues(em);
    webhooks.guard = new TargetGuard(true, true, InetAddress::getAllByName);
    webhooks.worker = worker;
    webhooks.changed = new RecordingEvent<>();
    inTransaction(
        () -> {
          em.persist(new Queue("support", FirstStart.demoQueue(), T0));
          em.persist(new Queue("sales", FirstStart.demoQueue(), T0));
          em.persist(contact("c-1", "support"));
          em.persist(contact("c-2", "sales"));
          return null;
        });
  }

  @AfterEach
  void tearDown() {
    worker.stop();
    receiver.close();
    em.close();
    db.close();
  }

  @Test
  void a_registered_contact_is_sent_signed_to_each_webhook_that_wants_it_without_its_answers()
      throws Exception {
    String secret = webhook(receiver.url("/all"), null, false, WebhookEvent.REGISTERED).secret();
    webhook(receiver.url("/comments"), null, false, WebhookEvent.COMMENTED);
    webhook(receiver.url("/sales"), List.of("sales"), false, WebhookEvent.REGISTERED);

    register("c-1");
    worker.round();

    assertThat(receiver.requests()).hasSize(1);
    WebhookReceiver.Request request = receiver.requests().get(0);
    assertThat(request.path()).isEqualTo("/all");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("webhook-id")).isEqualTo(deliveries().get(0).id());
    assertThat(request.header("webhook-timestamp")).isEqualTo(Long.toString(T0.getEpochSecond()));
    assertThat(request.header("webhook-signature")).isEqualTo(sign(secret, request));

    JsonObject body = json(request.body());
    assertThat(body.getString("type")).isEqualTo("contact.registered");
    JsonObject data = body.getJsonObject("data");
    assertThat(data.getString("contactId")).isEqualTo("c-1");
    assertThat(data.getString("reference")).isEqualTo("K7Q-4MX2");
    assertThat(data.getString("queueId")).isEqualTo("support");
    assertThat(data.getString("createdAt")).isEqualTo("2026-12-01T09:00:00Z");
    assertThat(data.getString("status")).isEqualTo("NEW");
    assertThat(data.isNull("handler")).isTrue();
    assertThat(data.getString("link")).isEqualTo("https://desk.example.com/#/contacts/c-1");
    assertThat(data.containsKey("answers")).isFalse();
    assertThat(request.body()).doesNotContain("Secret text");
    assertThat(deliveries().get(0).state()).isEqualTo(WebhookDelivery.State.DELIVERED);
  }

  @Test
  void with_include_answers_the_answers_go_along() throws Exception {
    webhook(receiver.url("/crm"), List.of("support"), true, WebhookEvent.REGISTERED);

    register("c-1");
    register("c-2"); // another queue: not this webhook's
    worker.round();

    assertThat(receiver.requests()).hasSize(1);
    JsonObject answer =
        json(receiver.requests().get(0).body())
            .getJsonObject("data")
            .getJsonArray("answers")
            .getJsonObject(0);
    assertThat(answer.getString("name")).isEqualTo("message");
    assertThat(answer.getString("label")).isEqualTo("Message");
    assertThat(answer.getString("value")).isEqualTo("Secret text");
  }

  @Test
  void a_500_is_retried_with_back_off_under_the_same_id_until_a_2xx_delivers_it() throws Exception {
    webhook(receiver.url("/crm"), null, false, WebhookEvent.REGISTERED);
    receiver.answer(500);

    register("c-1");
    worker.round();
    WebhookDelivery first = deliveries().get(0);
    assertThat(first.state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(first.attempts()).isEqualTo(1);
    assertThat(first.lastStatusCode()).isEqualTo(500);
    assertThat(first.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));

    clock.advance(Duration.ofSeconds(10));
    worker.round(); // not due yet
    assertThat(receiver.requests()).hasSize(1);

    clock.advance(Duration.ofSeconds(25));
    worker.round();
    assertThat(receiver.requests()).hasSize(2);
    assertThat(receiver.requests().get(1).header("webhook-id"))
        .isEqualTo(receiver.requests().get(0).header("webhook-id"));
    assertThat(receiver.requests().get(1).body()).isEqualTo(receiver.requests().get(0).body());
    WebhookDelivery delivered = deliveries().get(0);
    assertThat(delivered.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(delivered.attempts()).isEqualTo(2);
    assertThat(delivered.lastStatusCode()).isEqualTo(200);
    assertThat(delivered.deliveredAt()).isEqualTo(T0.plusSeconds(35));
  }

  @Test
  void
      a_refused_connection_is_retried_given_up_after_max_attempts_the_webhook_marked_failing_and_redeliver_sends_it_again()
          throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String id =
        webhook("http://127.0.0.1:" + closed + "/down", null, false, WebhookEvent.REGISTERED)
            .webhook()
            .id();

    register("c-1");
    for (int attempt = 1; attempt <= 3; attempt++) {
      worker.round();
      clock.advance(Duration.ofMinutes(5));
    }

    WebhookDelivery given = deliveries().get(0);
    assertThat(given.state()).isEqualTo(WebhookDelivery.State.FAILED);
    assertThat(given.attempts()).isEqualTo(3);
    assertThat(given.lastStatusCode()).isNull();
    assertThat(given.lastError()).contains("could not connect");
    Webhook failing = webhook(id);
    assertThat(failing.failing()).isTrue();
    assertThat(failing.consecutiveFailures()).isEqualTo(3);
    assertThat(failing.failingSince()).isEqualTo(T0);

    // the admin points it at a receiver that works, and sends the given-up delivery again
    inTransaction(
        () ->
            webhooks.reconfigure(
                id,
                new WebhookDraft(receiver.url("/up"), Set.of(WebhookEvent.REGISTERED), null, false),
                Map.of()));
    inTransaction(
        () -> {
          webhooks.redeliver(id, given.id());
          return null;
        });
    worker.round();

    assertThat(receiver.requests()).hasSize(1);
    assertThat(receiver.requests().get(0).header("webhook-id")).isEqualTo(given.id());
    assertThat(deliveries().get(0).state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(webhook(id).failing()).isFalse();
    assertThat(webhook(id).failingSince()).isNull();
  }

  @Test
  void a_receiver_that_hangs_times_out_after_10_s_without_holding_up_the_others() throws Exception {
    webhook(receiver.url("/hangs"), null, false, WebhookEvent.REGISTERED);
    try (WebhookReceiver healthy = new WebhookReceiver()) {
      webhook(healthy.url("/fine"), null, false, WebhookEvent.REGISTERED);
      receiver.answer(-15);

      register("c-1");
      long started = System.nanoTime();
      worker.round();
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(14));
      assertThat(healthy.requests()).hasSize(1);
      assertThat(deliveries())
          .extracting(WebhookDelivery::state, WebhookDelivery::lastError)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(WebhookDelivery.State.DELIVERED, null),
              org.assertj.core.groups.Tuple.tuple(
                  WebhookDelivery.State.PENDING, "no answer within 10 s (request timed out)"));
    }
  }

  @Test
  void a_target_the_guard_refuses_at_delivery_time_is_never_connected_to() throws Exception {
    webhook(receiver.url("/inside"), null, false, WebhookEvent.REGISTERED);
    worker.guard = new TargetGuard(true, false, InetAddress::getAllByName); // allow-private off

    register("c-1");
    worker.round();

    assertThat(receiver.requests()).isEmpty();
    WebhookDelivery refused = deliveries().get(0);
    assertThat(refused.state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(refused.attempts()).isEqualTo(1);
    assertThat(refused.lastError())
        .startsWith("refused before connecting")
        .contains("127.0.0.1")
        .contains("loopback");
  }

  @Test
  void a_comment_owes_contact_commented_and_one_that_moves_the_status_also_status_changed() {
    webhook(receiver.url("/crm"), null, false, WebhookEvent.COMMENTED, WebhookEvent.STATUS_CHANGED);

    inTransaction(
        () -> {
          Contact c = em.find(Contact.class, "c-1");
          c.changeStatus(Status.IN_PROGRESS);
          outbox.commented(new ContactCommented("c-1", "support", "m-1", T0));
          outbox.statusChanged(
              new ContactStatusChanged("c-1", "support", Status.NEW, Status.IN_PROGRESS, T0));
          return null;
        });

    assertThat(deliveries())
        .extracting(WebhookDelivery::event)
        .containsExactlyInAnyOrder("contact.commented", "contact.status_changed");
    assertThat(deliveries())
        .allSatisfy(
            d ->
                assertThat(json(d.payload()).getJsonObject("data").getString("status"))
                    .isEqualTo("IN_PROGRESS"));
  }

  @Test
  void an_escalation_owes_contact_escalated_to_a_webhook_that_wants_it_only() {
    webhook(receiver.url("/crm"), null, false, WebhookEvent.ESCALATED);
    webhook(receiver.url("/other"), null, false, WebhookEvent.REGISTERED);

    inTransaction(
        () -> {
          outbox.escalated(
              new ContactEscalated(
                  1, "c-1", "K7Q-4MX2", "support", "Support", T0, T0, 30, List.of("ann")));
          return null;
        });

    assertThat(deliveries())
        .extracting(WebhookDelivery::event)
        .containsExactly("contact.escalated");
    assertThat(json(deliveries().get(0).payload()).getString("type"))
        .isEqualTo("contact.escalated");
  }

  @Test
  void an_erasure_drops_what_was_owed_about_the_contact_and_owes_contact_deleted_without_answers() {
    webhook(receiver.url("/crm"), null, true, WebhookEvent.REGISTERED, WebhookEvent.DELETED);
    register("c-1");
    assertThat(deliveries())
        .extracting(WebhookDelivery::event)
        .containsExactly("contact.registered");

    inTransaction(
        () -> {
          outbox.erased(new ContactErased("c-1"));
          em.remove(em.find(Contact.class, "c-1"));
          return null;
        });

    List<WebhookDelivery> left = deliveries();
    assertThat(left).extracting(WebhookDelivery::event).containsExactly("contact.deleted");
    assertThat(left.get(0).payload()).doesNotContain("Secret text").doesNotContain("answers");
  }

  @Test
  void a_rolled_back_change_owes_nothing() {
    webhook(receiver.url("/crm"), null, false, WebhookEvent.REGISTERED);
    em.getTransaction().begin();
    outbox.registered(new ContactRegistered(1, "c-1", "support", "Support", T0));
    em.getTransaction().rollback();
    em.clear();

    assertThat(deliveries()).isEmpty();
  }

  @Test
  void the_contacts_delivery_trail_shows_each_delivery_by_host_with_the_error_for_admins_only()
      throws Exception {
    webhook("http://127.0.0.1:1/refused", null, false, WebhookEvent.REGISTERED);
    register("c-1");
    worker.round();

    var trail = new WebhookTrail();
    trail.em = em;
    em.clear();
    assertThat(trail.of("c-1", true))
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.channel()).isEqualTo("webhook");
              assertThat(n.recipient()).isEqualTo("127.0.0.1");
              assertThat(n.kind()).isEqualTo("contact.registered");
              assertThat(n.status()).isEqualTo("retrying");
              assertThat(n.attempts()).isEqualTo(1);
              assertThat(n.error()).isNotBlank();
            });
    assertThat(trail.of("c-1", false))
        .singleElement()
        .satisfies(n -> assertThat(n.error()).isNull());
    assertThat(trail.of("c-2", true)).isEmpty();
  }

  @Test
  void a_delivery_owed_to_a_webhook_deleted_since_is_dropped_unsent() throws Exception {
    String id = webhook(receiver.url("/crm"), null, false, WebhookEvent.REGISTERED).webhook().id();
    register("c-1");
    inTransaction(() -> em.createQuery("delete from Webhook").executeUpdate()); // as another node

    worker.round();

    assertThat(receiver.requests()).isEmpty();
    assertThat(deliveries()).isEmpty();
    assertThat(em.find(Webhook.class, id)).isNull();
  }

  private Webhooks.Created webhook(
      String url, List<String> queues, boolean includeAnswers, WebhookEvent... events) {
    Webhooks.Created created =
        inTransaction(
            () ->
                webhooks.create(
                    new WebhookDraft(url, EnumSet.copyOf(List.of(events)), queues, includeAnswers),
                    Map.of()));
    subscriptions.changed(new WebhooksChanged()); // what the committed change's event does
    return created;
  }

  private Webhook webhook(String id) {
    em.clear();
    return em.find(Webhook.class, id);
  }

  private void register(String contactId) {
    inTransaction(
        () -> {
          outbox.registered(new ContactRegistered(1, contactId, "support", "Support", T0));
          return null;
        });
  }

  private List<WebhookDelivery> deliveries() {
    em.clear();
    return em.createQuery("select d from WebhookDelivery d order by d.id", WebhookDelivery.class)
        .getResultList();
  }

  private static Contact contact(String id, String queueId) {
    return new Contact(
        id,
        "K7Q-4MX2",
        queueId,
        T0.minus(Duration.ofHours(1)),
        Source.FORM,
        "en",
        null,
        List.of(new Answer("message", "Message", "Secret text")),
        null,
        null);
  }

  /** The signature as a receiver computes it, with the JDK alone. */
  private static String sign(String secret, WebhookReceiver.Request request) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String signed =
        request.header("webhook-id")
            + "."
            + request.header("webhook-timestamp")
            + "."
            + request.body();
    return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(UTF_8)));
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  private <T> T inTransaction(Supplier<T> work) {
    em.getTransaction().begin();
    try {
      T result = work.get();
      em.getTransaction().commit();
      return result;
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
    }
  }

  /** What the container's @Transactional does around the outbox's own transactions. */
  private final class TransactionalOutbox extends WebhookOutbox {
    @Override
    public List<String> claim(String node, int limit, Duration lease) {
      em.clear();
      return inTransaction(() -> super.claim(node, limit, lease));
    }

    @Override
    public Attempt startAttempt(String id, String node, Duration lease) {
      return inTransaction(() -> super.startAttempt(id, node, lease));
    }

    @Override
    public void delivered(String id, int statusCode) {
      inTransaction(
          () -> {
            super.delivered(id, statusCode);
            return null;
          });
    }

    @Override
    public void failed(String id, Integer statusCode, String error, RetryPolicy retry) {
      inTransaction(
          () -> {
            super.failed(id, statusCode, error, retry);
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
    public int forgetFinishedBefore(Instant before) {
      return inTransaction(() -> super.forgetFinishedBefore(before));
    }
  }
}
