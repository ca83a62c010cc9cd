package io.contactdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * What happens behind the browsers: the admin makes uniquely named queues and users over the API
 * (HTTP Basic), and the tests read back what the browsers stored. The database is kept between
 * runs, so nothing here assumes it is empty.
 */
final class Backstage {

  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD =
      System.getProperty("contactdesk.it.admin-password", "it-admin-password");

  /** Name, e-mail and message, all required. */
  static final String CONTACT_FORM =
      """
      [{"name":"name","label":{"en":"Name","fi":"Nimi"},"type":"text","required":true,"maxLength":100},
       {"name":"email","label":{"en":"Email","fi":"Sähköposti"},"type":"email","required":true},
       {"name":"message","label":{"en":"Message","fi":"Viesti"},"type":"textarea","required":true,"maxLength":2000}]""";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  record User(String username, String password, String displayName) {}

  private final URI base;

  Backstage(URI base) {
    this.base = base;
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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
    String body =
        """
        {"name":%s,"timeZone":%s,%s,"offline":%s,"form":{"fields":%s},
         "allowedOrigins":[],"retentionDays":365}"""
            .formatted(
                Json.createValue(name), Json.createValue(timeZone), schedule, offline, fields);
    return send("POST", "api/admin/queues", ADMIN, ADMIN_PASSWORD, body, 201)
        .asJsonObject()
        .getString("id");
  }

  void member(String queueId, String username) {
    send(
        "PUT",
        "api/admin/queues/" + queueId + "/members/" + username,
        ADMIN,
        ADMIN_PASSWORD,
        null,
        204);
  }

  /** The offline part of a queue showing the form with this message. */
  static String formMode(String message) {
    return "{\"mode\":\"FORM\",\"message\":{\"en\":%s}}".formatted(Json.createValue(message));
  }

  JsonObject queueConfig(String queueId) {
    return send("GET", "api/admin/queues/" + queueId, ADMIN, ADMIN_PASSWORD, null, 200)
        .asJsonObject();
  }

  void replaceQueue(String queueId, JsonObject config) {
    send("PUT", "api/admin/queues/" + queueId, ADMIN, ADMIN_PASSWORD, config.toString(), 200);
  }

  /** An agent who is a member of {@code queues}. */
  User agent(String displayName, String... queues) {
    return agentNamed(unique("agent"), displayName, queues);
  }

  /** An agent with this username (taken usernames get a suffix), member of {@code queues}. */
  User agentNamed(String wanted, String displayName, String... queues) {
    String username = userExists(wanted) ? unique(wanted) : wanted;
    String password = "pw-" + UUID.randomUUID();
    String body =
        Json.createObjectBuilder()
            .add("username", username)
            .add("displayName", displayName)
            .add("email", username + "@example.com")
            .add("password", password)
            .add("roles", Json.createArrayBuilder().add("agent"))
            .build()
            .toString();
    send("POST", "api/admin/users", ADMIN, ADMIN_PASSWORD, body, 201);
    for (String queue : queues) {
      member(queue, username);
    }
    return new User(username, password, displayName);
  }

  void notificationSettings(User user, boolean sound, boolean desktop, boolean email) {
    String body =
        "{\"notifications\":{\"registeredContacts\":{\"sound\":%s,\"desktop\":%s,\"email\":%s}}}"
            .formatted(sound, desktop, email);
    send("PUT", "api/me/settings", user.username(), user.password(), body, 200);
  }

  JsonObject notificationSettings(User user) {
    return send("GET", "api/me/settings", user.username(), user.password(), null, 200)
        .asJsonObject()
        .getJsonObject("notifications")
        .getJsonObject("registeredContacts");
  }

  /** The queue's questionnaire answers of the last 30 days, read by the admin. */
  JsonArray answers(String queueId) {
    return send(
            "GET",
            "api/queues/" + queueId + "/questionnaire-answers",
            ADMIN,
            ADMIN_PASSWORD,
            null,
            200)
        .asJsonArray();
  }

  JsonArray answers(String queueId, User user) {
    return send(
            "GET",
            "api/queues/" + queueId + "/questionnaire-answers",
            user.username(),
            user.password(),
            null,
            200)
        .asJsonArray();
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
    String body =
        """
        {"answers":{"name":%s,"email":%s,"message":%s},"language":"en",
         "pageUrl":"https://www.northwind.example/customer-service"}"""
            .formatted(Json.createValue(name), Json.createValue(email), Json.createValue(message));
    return send("POST", "api/public/queues/" + queueId + "/contacts", null, null, body, 201)
        .asJsonObject()
        .getString("id");
  }

  void comment(String contactId, String text) {
    String body = "{\"text\":%s}".formatted(Json.createValue(text));
    send("POST", "api/contacts/" + contactId + "/comments", ADMIN, ADMIN_PASSWORD, body, 201);
  }

  /** A comment by {@code user} that also sets the status and makes them the handler. */
  void comment(String contactId, String text, String status, User user) {
    String body =
        "{\"text\":%s,\"status\":\"%s\",\"handler\":\"%s\"}"
            .formatted(Json.createValue(text), status, user.username());
    send(
        "POST",
        "api/contacts/" + contactId + "/comments",
        user.username(),
        user.password(),
        body,
        201);
  }

  /** "View content" as the admin (logs CONTENT_VIEWED like any view). */
  JsonObject contact(String contactId) {
    return send("GET", "api/contacts/" + contactId, ADMIN, ADMIN_PASSWORD, null, 200)
        .asJsonObject();
  }

  boolean userExists(String username) {
    try {
      var request =
          HttpRequest.newBuilder(base.resolve("api/admin/users/" + username))
              .header("Authorization", basic(ADMIN, ADMIN_PASSWORD))
              .build();
      return HTTP.send(request, BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private JsonValue send(
      String method, String path, String user, String password, String json, int expected) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (user != null) {
      request.header("Authorization", basic(user, password));
    }
    if (json == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    }
    try {
      var response = HTTP.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode())
          .as("%s %s -> %s", method, path, response.body())
          .isEqualTo(expected);
      String body = response.body();
      if (body == null || body.isBlank()) {
        return JsonValue.NULL;
      }
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readValue();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
