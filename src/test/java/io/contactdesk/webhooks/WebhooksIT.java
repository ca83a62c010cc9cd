package io.contactdesk.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Receipt;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.User;
import io.contactdesk.testkit.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed webhooks over HTTP (SPEC, Integrations), with a receiver inside the test on 127.0.0.1 (the
 * failsafe runs allow http and private targets for it). Signatures are checked here with the JDK's
 * HMAC alone, independently of the app's code and of its library.
 */
class WebhooksIT extends DeployedContactDesk {

  private static final String ALL_EVENTS =
      "[\"contact.registered\",\"contact.commented\",\"contact.status_changed\",\"contact.deleted\"]";

  private WebhookReceiver receiver;
  private final List<String> made = new ArrayList<>();

  @BeforeEach
  void receive() throws Exception {
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void cleanUp() {
    // the test databases outlive the run: no webhook is left to call a receiver that is gone
    made.forEach(id -> api.delete("api/admin/webhooks/" + id).asAdmin().send());
    receiver.close();
  }

  @Test
  void
      a_new_contact_reaches_the_receiver_signed_retried_after_a_500_under_the_same_id_without_answers()
          throws Exception {
    User agent = fixtures.user().create();
    String queue = fixtures.queue().members(agent.username()).create();
    receiver.answer(500);
    JsonObject created = webhook(receiver.url("/hook"), ALL_EVENTS, "[\"" + queue + "\"]", null);
    String id = created.getString("id");
    String secret = created.getString("secret");
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6)).length).isGreaterThanOrEqualTo(24);

    Receipt receipt = api.submit(queue, json(Fixtures.VALID_CONTACT));

    List<WebhookReceiver.Request> got = receiver.await(2);
    assertThat(got).hasSize(2);
    WebhookReceiver.Request first = got.get(0);
    WebhookReceiver.Request retry = got.get(1);
    assertThat(retry.header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(retry.body()).isEqualTo(first.body());
    for (WebhookReceiver.Request request : got) {
      assertThat(request.header("webhook-signature")).isEqualTo(signature(secret, request));
      // and as the receiver of docs/integrations.md does, with the specification's library
      new com.standardwebhooks.Webhook(secret)
          .verify(request.body(), java.net.http.HttpHeaders.of(request.headers(), (n, v) -> true));
      long timestamp = Long.parseLong(request.header("webhook-timestamp"));
      assertThat(Math.abs(Instant.now().getEpochSecond() - timestamp)).isLessThan(300);
    }
    JsonObject body = json(retry.body());
    assertThat(body.getString("type")).isEqualTo("contact.registered");
    Instant.parse(body.getString("timestamp"));
    JsonObject data = body.getJsonObject("data");
    assertThat(data.getString("contactId")).isEqualTo(receipt.id());
    assertThat(data.getString("reference")).isEqualTo(receipt.reference());
    assertThat(data.getString("queueId")).isEqualTo(queue);
    assertThat(Instant.parse(data.getString("createdAt"))).isEqualTo(receipt.createdAt());
    assertThat(data.getString("status")).isEqualTo("NEW");
    assertThat(data.isNull("handler")).isTrue();
    assertThat(data.getString("link")).endsWith("/#/contacts/" + receipt.id());
    // answers only when includeAnswers is on, and it is off unless asked for
    assertThat(data.containsKey("answers")).isFalse();
    assertThat(retry.body()).doesNotContain("Mia Visitor").doesNotContain("Please call me back");

    JsonObject delivery = awaitDelivery(id, "contact.registered", "DELIVERED");
    assertThat(delivery.getString("id")).isEqualTo(first.header("webhook-id"));
    assertThat(delivery.getInt("attempts")).isEqualTo(2);
    assertThat(delivery.getInt("lastStatusCode")).isEqualTo(200);
    assertThat(delivery.isNull("nextAttemptAt")).isTrue();
    assertThat(delivery.isNull("deliveredAt")).isFalse();

    // a comment that moves the status: contact.commented and contact.status_changed
    api.comment(receipt.id(), agent, "Calling at 15", "IN_PROGRESS", null).assertStatus(201);
    List<WebhookReceiver.Request> afterComment = receiver.await(4);
    assertThat(afterComment.subList(2, 4))
        .extracting(r -> json(r.body()).getString("type"))
        .containsExactlyInAnyOrder("contact.commented", "contact.status_changed");
    assertThat(afterComment.subList(2, 4))
        .allSatisfy(
            r ->
                assertThat(json(r.body()).getJsonObject("data").getString("status"))
                    .isEqualTo("IN_PROGRESS"));

    // redeliver: the same id and body once more
    api.redeliver(id, delivery.getString("id")).assertStatus(202);
    List<WebhookReceiver.Request> redelivered = receiver.await(5);
    assertThat(redelivered).hasSize(5);
    assertThat(redelivered.get(4).header("webhook-id")).isEqualTo(first.header("webhook-id"));
    assertThat(redelivered.get(4).body()).isEqualTo(first.body());

    // erasure: contact.deleted, and the log no longer holds what was sent about the contact
    api.delete("api/contacts/" + receipt.id()).asAdmin().send().assertStatus(204);
    List<WebhookReceiver.Request> afterErasure = receiver.await(6);
    assertThat(json(afterErasure.get(5).body()).getString("type")).isEqualTo("contact.deleted");
    assertThat(api.webhookDeliveries(id))
        .extracting(d -> d.getString("event"))
        .containsExactly("contact.deleted");

    JsonObject read = api.get("api/admin/webhooks/" + id).asAdmin().send().assertStatus(200).json();
    assertThat(read.containsKey("secret")).isFalse();
    assertThat(read.getBoolean("failing")).isFalse();
    assertThat(read.getBoolean("includeAnswers")).isFalse();
    assertThat(read.getJsonArray("queues").getString(0)).isEqualTo(queue);
  }

  @Test
  void with_include_answers_on_the_answers_go_along() throws Exception {
    String queue = fixtures.queue().create();
    webhook(receiver.url("/crm"), "[\"contact.registered\"]", "[\"" + queue + "\"]", true);

    api.submit(queue, json(Fixtures.VALID_CONTACT));

    List<WebhookReceiver.Request> got = receiver.await(1);
    assertThat(got).hasSize(1);
    JsonObject data = json(got.get(0).body()).getJsonObject("data");
    assertThat(data.getJsonArray("answers").getValuesAs(JsonObject.class))
        .extracting(a -> a.getString("name") + "=" + a.getString("value"))
        .contains("name=Mia Visitor", "message=Please call me back.");
  }

  @Test
  void an_admin_lists_reads_changes_and_deletes_webhooks_and_the_secret_is_shown_only_once() {
    String queue = fixtures.queue().create();
    JsonObject created = webhook(receiver.url("/a"), "[\"contact.registered\"]", null, null);
    String id = created.getString("id");

    List<JsonObject> all =
        api.get("api/admin/webhooks")
            .asAdmin()
            .send()
            .assertStatus(200)
            .jsonArray()
            .getValuesAs(JsonObject.class);
    assertThat(all).anySatisfy(w -> assertThat(w.getString("id")).isEqualTo(id));
    assertThat(all).allSatisfy(w -> assertThat(w.containsKey("secret")).isFalse());
    assertThat(
            all.stream()
                .filter(w -> w.getString("id").equals(id))
                .findFirst()
                .orElseThrow()
                .isNull("queues"))
        .isTrue();

    JsonObject changed =
        api.put("api/admin/webhooks/" + id)
            .asAdmin()
            .json(
                body(
                    receiver.url("/b"),
                    "[\"contact.deleted\",\"contact.escalated\"]",
                    "[\"" + queue + "\"]",
                    true))
            .send()
            .assertStatus(200)
            .json();
    assertThat(changed.getString("url")).isEqualTo(receiver.url("/b"));
    assertThat(changed.getJsonArray("events").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("contact.escalated", "contact.deleted");
    assertThat(changed.getBoolean("includeAnswers")).isTrue();

    api.delete("api/admin/webhooks/" + id).asAdmin().send().assertStatus(204);
    api.get("api/admin/webhooks/" + id).asAdmin().send().assertStatus(404);
    made.remove(id);
  }

  @Test
  void bad_webhooks_get_one_422_naming_each_field_unknown_ids_404_and_agents_403() {
    Reply bad =
        api.createWebhook(
                Json.createObjectBuilder()
                    .add("url", "ftp://crm.example.com/hook")
                    .add(
                        "events",
                        Json.createArrayBuilder().add("contact.registered").add("contact.nope"))
                    .add(
                        "queues",
                        Json.createArrayBuilder().add("no-such-queue-" + Fixtures.unique("q")))
                    .build())
            .assertStatus(422);
    assertThat(bad.fields().keySet()).containsExactlyInAnyOrder("url", "events[1]", "queues[0]");

    Reply noEvents =
        api.createWebhook(
                Json.createObjectBuilder()
                    .add("url", receiver.url("/x"))
                    .add("events", Json.createArrayBuilder())
                    .build())
            .assertStatus(422);
    assertThat(noEvents.fields().keySet()).containsExactly("events");
    Reply emptyQueues =
        api.createWebhook(body(receiver.url("/x"), "[\"contact.registered\"]", "[]", null))
            .assertStatus(422);
    assertThat(emptyQueues.fields().keySet()).containsExactly("queues");
    api.post("api/admin/webhooks").asAdmin().json("{\"url\":").send().assertStatus(400);

    api.get("api/admin/webhooks/nope").asAdmin().send().assertStatus(404);
    api.get("api/admin/webhooks/nope/deliveries").asAdmin().send().assertStatus(404);
    api.put("api/admin/webhooks/nope")
        .asAdmin()
        .json(body(receiver.url("/x"), "[\"contact.registered\"]", null, null))
        .send()
        .assertStatus(404);
    api.delete("api/admin/webhooks/nope").asAdmin().send().assertStatus(404);
    String id =
        webhook(
                receiver.url("/x"),
                "[\"contact.registered\"]",
                "[\"" + fixtures.queue().create() + "\"]",
                null)
            .getString("id");
    api.redeliver(id, "nope").assertStatus(404);

    User agent = fixtures.user().create();
    api.get("api/admin/webhooks").as(agent).send().assertStatus(403);
  }

  private JsonObject webhook(String url, String events, String queues, Boolean includeAnswers) {
    Reply reply = api.createWebhook(body(url, events, queues, includeAnswers)).assertStatus(201);
    JsonObject created = reply.json();
    made.add(created.getString("id"));
    assertThat(reply.header("Location")).endsWith("/api/admin/webhooks/" + created.getString("id"));
    return created;
  }

  private static JsonObject body(String url, String events, String queues, Boolean includeAnswers) {
    JsonObjectBuilder body =
        Json.createObjectBuilder().add("url", url).add("events", ContactDesk.parse(events));
    if (queues == null) {
      body.addNull("queues");
    } else {
      body.add("queues", ContactDesk.parse(queues));
    }
    if (includeAnswers != null) {
      body.add("includeAnswers", includeAnswers);
    }
    return body.build();
  }

  private JsonObject awaitDelivery(String webhookId, String event, String status)
      throws InterruptedException {
    Instant until = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      for (JsonObject d : api.webhookDeliveries(webhookId)) {
        if (d.getString("event").equals(event) && d.getString("status").equals(status)) {
          return d;
        }
      }
      if (Instant.now().isAfter(until)) {
        throw new AssertionError(
            "no " + status + " " + event + " in " + api.webhookDeliveries(webhookId));
      }
      Thread.sleep(100);
    }
  }

  /** The signature a receiver expects, from the secret, with the JDK alone. */
  private static String signature(String secret, WebhookReceiver.Request request) throws Exception {
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
    return ContactDesk.parse(text).asJsonObject();
  }
}
