package io.contactdesk.testkit;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test data made through the admin API, as an admin would: uniquely named queues (with their form,
 * hours and members) and users. The test databases are kept between test classes and runs (the
 * PostgreSQL one for good), so every test makes its own and never assumes an empty database.
 */
public final class Fixtures {

  /** The contact form most queues use: name, email and message, all required. */
  public static final String CONTACT_FORM =
      """
      [{"name":"name","label":{"en":"Name","fi":"Nimi"},"type":"text","required":true,"maxLength":100},
       {"name":"email","label":{"en":"Email","fi":"Sähköposti"},"type":"email","required":true},
       {"name":"message","label":{"en":"Message","fi":"Viesti"},"type":"textarea","required":true,"maxLength":2000}]""";

  /** Answers that fit {@link #CONTACT_FORM}. */
  public static final String VALID_CONTACT =
      """
      {"answers":{"name":"Mia Visitor","email":"mia@example.com","message":"Please call me back."},
       "language":"en","pageUrl":"https://shop.example.com/cart","source":"FORM"}""";

  private final ContactDesk api;

  public Fixtures(ContactDesk api) {
    this.api = api;
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A queue named "Queue" and a random suffix, with the defaults of {@link QueueFixture}. */
  public QueueFixture queue() {
    return new QueueFixture("Queue " + UUID.randomUUID().toString().substring(0, 8));
  }

  /** A user with the role agent, a unique username and a random password. */
  public UserFixture user() {
    return new UserFixture();
  }

  /** Makes {@code username} a member of the queue ({@code PUT .../members/{username}}). */
  public void member(String queueId, String username) {
    api.put("api/admin/queues/" + queueId + "/members/" + username)
        .asAdmin()
        .send()
        .assertStatus(204);
  }

  public boolean userExists(String username) {
    return api.get("api/admin/users/" + username).asAdmin().send().status() == 200;
  }

  /**
   * A queue as an admin sends it: by default closed by override, in UTC, no opening hours, showing
   * the contact form, with an offline message in English and Finnish. Each setter replaces one
   * part; {@link #create()} sends it.
   */
  public final class QueueFixture {
    private JsonObject body;
    private final List<String> members = new ArrayList<>();

    private QueueFixture(String name) {
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
                          ContactDesk.parse(
                              "{\"en\":\"Leave us a message.\",\"fi\":\"Jätä meille viesti.\"}")))
              .add(
                  "form", Json.createObjectBuilder().add("fields", ContactDesk.parse(CONTACT_FORM)))
              .add("allowedOrigins", Json.createArrayBuilder())
              .build();
    }

    /** Replaces (or adds) one member of the body. */
    public QueueFixture with(String key, JsonValue value) {
      body = Json.createObjectBuilder(body).add(key, value).build();
      return this;
    }

    /** Replaces every member {@code members} (a JSON object) has, e.g. a whole schedule. */
    public QueueFixture with(JsonObject members) {
      members.forEach(this::with);
      return this;
    }

    public QueueFixture name(String name) {
      return with("name", Json.createValue(name));
    }

    public QueueFixture timeZone(String zone) {
      return with("timeZone", Json.createValue(zone));
    }

    /** {@code OPEN}, {@code CLOSED} or {@code SCHEDULE}. */
    public QueueFixture override(String override) {
      return with("override", Json.createValue(override));
    }

    /** e.g. {@code [{"day":"MONDAY","from":"08:00","to":"16:00"}]} */
    public QueueFixture openingHours(String slots) {
      return with("openingHours", ContactDesk.parse(slots));
    }

    /** e.g. {@code [{"date":"2026-12-24","annual":true,"closed":true}]} */
    public QueueFixture exceptions(String exceptions) {
      return with("exceptions", ContactDesk.parse(exceptions));
    }

    /** The whole {@code offline} object: mode, message and bot. */
    public QueueFixture offline(String offline) {
      return with("offline", ContactDesk.parse(offline));
    }

    /** Offline mode FORM with this English message. */
    public QueueFixture offlineForm(String message) {
      return with(
          "offline",
          Json.createObjectBuilder()
              .add("mode", "FORM")
              .add("message", Json.createObjectBuilder().add("en", message))
              .build());
    }

    public QueueFixture formFields(String fields) {
      return formFields((JsonArray) ContactDesk.parse(fields));
    }

    public QueueFixture formFields(JsonArray fields) {
      return with("form", Json.createObjectBuilder().add("fields", fields).build());
    }

    public QueueFixture allowedOrigins(String... origins) {
      return with("allowedOrigins", Json.createArrayBuilder(List.of(origins)).build());
    }

    public QueueFixture retentionDays(int days) {
      return with("retentionDays", Json.createValue(days));
    }

    /** Users (by username) to add as members once the queue exists. */
    public QueueFixture members(String... usernames) {
      members.addAll(List.of(usernames));
      return this;
    }

    public JsonObject json() {
      return body;
    }

    /** Creates the queue as admin, adds its members and answers its id. */
    public String create() {
      String id =
          api.post("api/admin/queues")
              .asAdmin()
              .json((JsonStructure) body)
              .send()
              .assertStatus(201)
              .json()
              .getString("id");
      members.forEach(member -> member(id, member));
      return id;
    }
  }

  /**
   * A user as the admin makes one: by default an agent with a unique username, display name "Agent
   * {username}", e-mail {username}@example.com and a random password; {@link #create()} sends it.
   */
  public final class UserFixture {
    private String username = unique("agent");
    private String displayName;
    private String password = "pw-" + UUID.randomUUID();
    private List<String> roles = List.of("agent");
    private final List<String> queues = new ArrayList<>();

    private UserFixture() {}

    public UserFixture username(String username) {
      this.username = username;
      return this;
    }

    public UserFixture displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public UserFixture password(String password) {
      this.password = password;
      return this;
    }

    public UserFixture roles(String... roles) {
      this.roles = List.of(roles);
      return this;
    }

    /** Queues (by id) this user becomes a member of. */
    public UserFixture memberOf(String... queueIds) {
      queues.addAll(List.of(queueIds));
      return this;
    }

    public User create() {
      String name = displayName == null ? "Agent " + username : displayName;
      JsonObject body =
          Json.createObjectBuilder()
              .add("username", username)
              .add("displayName", name)
              .add("email", username + "@example.com")
              .add("password", password)
              .add("roles", Json.createArrayBuilder(roles))
              .build();
      String id =
          api.post("api/admin/users")
              .asAdmin()
              .json(body)
              .send()
              .assertStatus(201)
              .json()
              .getString("id");
      queues.forEach(queue -> member(queue, username));
      return new User(id, username, password, name);
    }
  }
}
