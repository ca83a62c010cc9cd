package io.contactdesk.web;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What happens behind the browsers, through the test kit: the admin makes queues and users with
 * {@link Fixtures}, and the tests read back over {@link ContactDesk} what the browsers stored. The
 * database is kept between runs, so nothing here assumes it is empty.
 */
final class Backstage {

  private final ContactDesk api;
  private final Fixtures fixtures;

  Backstage(ContactDesk api) {
    this.api = api;
    this.fixtures = new Fixtures(api);
  }

  /**
   * A queue closed by hand, in UTC, showing {@code offline} (a JSON object) and the form {@code
   * fields} (a JSON array); answers its id.
   */
  String queue(String name, String offline, String fields) {
    return queue(name, "\"override\":\"CLOSED\",\"openingHours\":[]", offline, fields);
  }

  /** {@code schedule} holds the {@code override}, {@code openingHours} (and exceptions) members. */
  String queue(String name, String schedule, String offline, String fields) {
    return queue(name, "UTC", schedule, offline, fields);
  }

  String queue(String name, String timeZone, String schedule, String offline, String fields) {
    return fixtures
        .queue()
        .name(name)
        .timeZone(timeZone)
        .with(ContactDesk.parse("{" + schedule + "}").asJsonObject())
        .offline(offline)
        .formFields(fields)
        .retentionDays(365)
        .create();
  }

  void member(String queueId, String username) {
    fixtures.member(queueId, username);
  }

  /** The offline part of a queue showing the form with this message. */
  static String formMode(String message) {
    return "{\"mode\":\"FORM\",\"message\":{\"en\":%s}}".formatted(Json.createValue(message));
  }

  JsonObject queueConfig(String queueId) {
    return api.get("api/admin/queues/" + queueId).asAdmin().send().assertStatus(200).json();
  }

  void replaceQueue(String queueId, JsonObject config) {
    api.put("api/admin/queues/" + queueId).asAdmin().json(config).send().assertStatus(200);
  }

  /** An agent who is a member of {@code queues}. */
  User agent(String displayName, String... queues) {
    return fixtures.user().displayName(displayName).memberOf(queues).create();
  }

  /** An agent with this username (taken usernames get a suffix), member of {@code queues}. */
  User agentNamed(String wanted, String displayName, String... queues) {
    String username = fixtures.userExists(wanted) ? Fixtures.unique(wanted) : wanted;
    return fixtures.user().username(username).displayName(displayName).memberOf(queues).create();
  }

  /** The webhook with this URL, as the admin API lists it. */
  JsonObject webhookAt(String url) {
    return api.get("api/admin/webhooks").asAdmin().send().assertStatus(200).jsonArray().stream()
        .map(JsonValue::asJsonObject)
        .filter(w -> w.getString("url").equals(url))
        .findFirst()
        .orElseThrow();
  }

  /** Waits up to 30 s until every delivery of the webhook so far is delivered. */
  void awaitDelivered(String webhookId) throws InterruptedException {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (!api.webhookDeliveries(webhookId).stream()
        .allMatch(d -> d.getString("status").equals("DELIVERED"))) {
      if (System.nanoTime() > until) {
        throw new AssertionError("not delivered: " + api.webhookDeliveries(webhookId));
      }
      Thread.sleep(100);
    }
  }

  void deleteWebhook(String id) {
    api.delete("api/admin/webhooks/" + id).asAdmin().send().assertStatus(204);
  }

  void notificationSettings(User user, boolean sound, boolean desktop, boolean email) {
    api.notificationSettings(user, sound, desktop, email);
  }

  JsonObject notificationSettings(User user) {
    return api.notificationSettings(user);
  }

  /** The queue's questionnaire answers of the last 30 days, read by the admin. */
  JsonArray answers(String queueId) {
    return answers(queueId, User.ADMIN);
  }

  JsonArray answers(String queueId, User user) {
    return api.get("api/queues/" + queueId + "/questionnaire-answers")
        .as(user)
        .accept(ContactDesk.JSON)
        .send()
        .assertStatus(200)
        .jsonArray();
  }

  /** The answers row of the contact with this reference. */
  JsonObject row(String queueId, String reference) {
    return answers(queueId).stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> reference.equals(r.getString("reference")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no contact " + reference + " in " + queueId));
  }

  /** A contact sent over the API (no browser); answers its id. */
  String submit(String queueId, String name) {
    return submit(queueId, name, "visitor@example.com", "Hello");
  }

  String submit(String queueId, String name, String email, String message) {
    JsonObject body =
        Json.createObjectBuilder()
            .add(
                "answers",
                Json.createObjectBuilder()
                    .add("name", name)
                    .add("email", email)
                    .add("message", message))
            .add("language", "en")
            .add("pageUrl", "https://www.northwind.example/customer-service")
            .build();
    return api.submit(queueId, body).id();
  }

  /** A contact sent over the API with these answers (a JSON object); answers its id. */
  String submitAnswers(String queueId, String answers) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("answers", ContactDesk.parse(answers))
            .add("language", "en")
            .build();
    return api.submit(queueId, body).id();
  }

  void comment(String contactId, String text) {
    api.comment(contactId, User.ADMIN, text, null, null).assertStatus(201);
  }

  /** A comment by {@code user} that also sets the status and makes them the handler. */
  void comment(String contactId, String text, String status, User user) {
    api.comment(contactId, user, text, status, user.username()).assertStatus(201);
  }

  /** "View content" as the admin (logs CONTENT_VIEWED like any view). */
  /** The status of {@code GET /api/me} signed in with an API token. */
  int meWithToken(String token) {
    return api.get("api/me").withToken(token).send().status();
  }

  JsonObject contact(String contactId) {
    return api.contact(contactId, User.ADMIN);
  }
}
