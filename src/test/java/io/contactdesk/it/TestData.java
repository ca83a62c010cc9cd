package io.contactdesk.it;

import static io.contactdesk.it.Api.parse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Uniquely named queues and users. The test databases are kept between test classes and runs (the
 * PostgreSQL one for good), so every test makes its own and never assumes an empty database.
 */
final class TestData {

  private TestData() {}

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The contact form most queues use: name, email and message, all required. */
  static final String CONTACT_FORM =
      """
      [{"name":"name","label":{"en":"Name","fi":"Nimi"},"type":"text","required":true,"maxLength":100},
       {"name":"email","label":{"en":"Email","fi":"Sähköposti"},"type":"email","required":true},
       {"name":"message","label":{"en":"Message","fi":"Viesti"},"type":"textarea","required":true,"maxLength":2000}]""";

  /** Answers that fit {@link #CONTACT_FORM}. */
  static final String VALID_CONTACT =
      """
      {"answers":{"name":"Mia Visitor","email":"mia@example.com","message":"Please call me back."},
       "language":"en","pageUrl":"https://shop.example.com/cart","source":"FORM"}""";

  static Queue queue() {
    return new Queue("Queue " + UUID.randomUUID().toString().substring(0, 8));
  }

  /**
   * A queue as an admin sends it: by default closed by override, in UTC, showing the contact form,
   * with an offline message in English and Finnish. Each setter replaces one part.
   */
  static final class Queue {
    private JsonObject body;

    Queue(String name) {
      body =
          Json.createObjectBuilder()
              .add("name", name)
              .add("timeZone", "UTC")
              .add("openingHours", Json.createArrayBuilder())
              .add("exceptions", Json.createArrayBuilder())
              .add("override", "CLOSED")
              .add(
                  "offline",
                  Json.createObjectBuilder()
                      .add("mode", "FORM")
                      .add(
                          "message",
                          parse("{\"en\":\"Leave us a message.\",\"fi\":\"Jätä meille viesti.\"}")))
              .add("form", Json.createObjectBuilder().add("fields", parse(CONTACT_FORM)))
              .add("allowedOrigins", Json.createArrayBuilder())
              .build();
    }

    private Queue with(String key, jakarta.json.JsonValue value) {
      body = Json.createObjectBuilder(body).add(key, value).build();
      return this;
    }

    Queue override(String override) {
      return with("override", Json.createValue(override));
    }

    /** e.g. {@code [{"day":"MONDAY","from":"08:00","to":"16:00"}]} */
    Queue openingHours(String slots) {
      return with("openingHours", parse(slots));
    }

    /** The whole {@code offline} object: mode, message and bot. */
    Queue offline(String offline) {
      return with("offline", parse(offline));
    }

    Queue formFields(String fields) {
      return with("form", Json.createObjectBuilder().add("fields", parse(fields)).build());
    }

    Queue allowedOrigins(String... origins) {
      return with("allowedOrigins", Json.createArrayBuilder(List.of(origins)).build());
    }

    JsonObject json() {
      return body;
    }

    /** Creates the queue as admin and answers its id. */
    String createWith(Api api) {
      return api.post("api/admin/queues")
          .asAdmin()
          .json(json())
          .send()
          .assertStatus(201)
          .json()
          .getString("id");
    }
  }

  /** A user with the role agent (or others), created by the admin. */
  record Agent(String id, String username, String password) {}

  static Agent agent(Api api) {
    return user(api, "agent");
  }

  static Agent user(Api api, String... roles) {
    String username = unique("agent");
    String password = "pw-" + UUID.randomUUID();
    JsonObject body =
        Json.createObjectBuilder()
            .add("username", username)
            .add("displayName", "Agent " + username)
            .add("email", username + "@example.com")
            .add("password", password)
            .add("roles", Json.createArrayBuilder(List.of(roles)))
            .build();
    String id =
        api.post("api/admin/users")
            .asAdmin()
            .json(body)
            .send()
            .assertStatus(201)
            .json()
            .getString("id");
    return new Agent(id, username, password);
  }
}
