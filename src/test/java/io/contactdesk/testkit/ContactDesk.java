package io.contactdesk.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One running ContactDesk seen from outside, at a base URL: plain HTTP/1.1 with {@link HttpClient},
 * answers with their status, headers and body. No client library of the app is used, so the tests
 * hold the wire contract of SPEC and nothing else, whichever server runs the WAR.
 *
 * <p>{@link #get(String)} and its siblings build any request (a contract test probes the edges);
 * the named methods are the SPEC's everyday calls for visitors, agents and the admin.
 */
public final class ContactDesk {

  public static final String JSON = "application/json";
  public static final String CSV = "text/csv";
  public static final String EVENT_STREAM = "text/event-stream";

  // HTTP/1.1 as browsers speak it over plain http; Java's default would try an h2c upgrade, on
  // which Grizzly leaves a refused over-large body (413) hanging until its idle timeout.
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final URI base;

  private ContactDesk(URI base) {
    String uri = base.toString();
    this.base = URI.create(uri.endsWith("/") ? uri : uri + "/");
  }

  /** The app at {@code base}, e.g. {@code http://127.0.0.1:8080/}. */
  public static ContactDesk at(URI base) {
    return new ContactDesk(base);
  }

  public URI base() {
    return base;
  }

  /** {@code path} is relative to the context root, e.g. {@code api/me}. */
  public URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public Call get(String path) {
    return new Call("GET", path);
  }

  public Call post(String path) {
    return new Call("POST", path);
  }

  public Call put(String path) {
    return new Call("PUT", path);
  }

  public Call delete(String path) {
    return new Call("DELETE", path);
  }

  public Call options(String path) {
    return new Call("OPTIONS", path);
  }

  public Call request(String method, String path) {
    return new Call(method, path);
  }

  // ---- the visitor

  /** {@code POST /api/public/queues/{id}/contacts} with this body, answered 201. */
  public Receipt submit(String queueId, JsonObject body) {
    return Receipt.of(
        post("api/public/queues/" + queueId + "/contacts")
            .json(body)
            .send()
            .assertStatus(201)
            .json());
  }

  // ---- agents and the admin

  /** Signs in to the console ({@code POST /api/session}), answered 200. */
  public Session login(User user) {
    Reply login = post("api/session").json(credentials(user)).send().assertStatus(200);
    return new Session(
        Session.COOKIE + "=" + login.cookie(Session.COOKIE), login.json().getString("csrfToken"));
  }

  /** The body {@code POST /api/session} takes. */
  public static JsonObject credentials(User user) {
    return Json.createObjectBuilder()
        .add("username", user.username())
        .add("password", user.password())
        .build();
  }

  /**
   * {@code POST /api/me/tokens}: a new API token of {@code user}, answered 201; the body holds the
   * token itself ({@code token}) besides {@code id}, {@code name} and {@code expiresAt}.
   */
  public JsonObject createToken(User user, String name) {
    return post("api/me/tokens")
        .as(user)
        .json(Json.createObjectBuilder().add("name", name).build())
        .send()
        .assertStatus(201)
        .json();
  }

  /** "View content": {@code GET /api/contacts/{id}} (logs CONTENT_VIEWED), answered 200. */
  public JsonObject contact(String contactId, User by) {
    return get("api/contacts/" + contactId).as(by).send().assertStatus(200).json();
  }

  /** {@code GET /api/contacts?{query}} (the caller's contacts, filtered), answered 200. */
  public JsonObject contacts(String query, User by) {
    return get("api/contacts?" + query).as(by).send().assertStatus(200).json();
  }

  /** {@code GET /api/admin/queues/{id}} as the admin, answered 200. */
  public JsonObject adminQueue(String queueId) {
    return get("api/admin/queues/" + queueId).asAdmin().send().assertStatus(200).json();
  }

  /** {@code POST /api/contacts/{id}/comments} with only the keys that are not null. */
  public Reply comment(String contactId, User by, String text, String status, String handler) {
    JsonObjectBuilder body = Json.createObjectBuilder();
    if (text != null) {
      body.add("text", text);
    }
    if (status != null) {
      body.add("status", status);
    }
    if (handler != null) {
      body.add("handler", handler);
    }
    return post("api/contacts/" + contactId + "/comments").as(by).json(body.build()).send();
  }

  // ---- webhooks (admin)

  /** {@code POST /api/admin/webhooks} with this body, as the admin; answered as it comes. */
  public Reply createWebhook(JsonObject body) {
    return post("api/admin/webhooks").asAdmin().json(body).send();
  }

  /** {@code GET /api/admin/webhooks/{id}/deliveries}, newest first, answered 200. */
  public List<JsonObject> webhookDeliveries(String webhookId) {
    return get("api/admin/webhooks/" + webhookId + "/deliveries")
        .asAdmin()
        .send()
        .assertStatus(200)
        .jsonArray()
        .getValuesAs(JsonObject.class);
  }

  /** {@code POST /api/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver}. */
  public Reply redeliver(String webhookId, String deliveryId) {
    return post("api/admin/webhooks/" + webhookId + "/deliveries/" + deliveryId + "/redeliver")
        .asAdmin()
        .send();
  }

  /** The whole activity log of a small queue, newest first, in one page. */
  public List<JsonObject> activity(String queueId, User by) {
    JsonObject page =
        get("api/queues/" + queueId + "/activity?limit=200").as(by).send().assertStatus(200).json();
    if (!page.isNull("next")) {
      throw new AssertionError("a test queue's log should fit in one page of 200");
    }
    return page.getJsonArray("entries").getValuesAs(JsonObject.class);
  }

  /** "Unread for me": {@code GET /api/queues/{id}/unread{query}}, answered 200. */
  public JsonObject unread(String queueId, User by, String query) {
    return get("api/queues/" + queueId + "/unread" + query).as(by).send().assertStatus(200).json();
  }

  /** {@code PUT /api/me/settings}: how {@code user} wants to hear of registered contacts. */
  public void notificationSettings(User user, boolean sound, boolean desktop, boolean email) {
    JsonObject body =
        Json.createObjectBuilder()
            .add(
                "notifications",
                Json.createObjectBuilder()
                    .add(
                        "registeredContacts",
                        Json.createObjectBuilder()
                            .add("sound", sound)
                            .add("desktop", desktop)
                            .add("email", email)))
            .build();
    put("api/me/settings").as(user).json(body).send().assertStatus(200);
  }

  /** {@code GET /api/me/settings}: the {@code registeredContacts} part. */
  public JsonObject notificationSettings(User user) {
    return get("api/me/settings")
        .as(user)
        .send()
        .assertStatus(200)
        .json()
        .getJsonObject("notifications")
        .getJsonObject("registeredContacts");
  }

  /** The live notifications of {@code user} ({@code GET /api/notifications}, SSE). */
  public EventStream notifications(User user) {
    return get("api/notifications").as(user).stream();
  }

  /** As {@link #notifications(User)}, resuming after the event with {@code lastEventId}. */
  public EventStream notifications(User user, String lastEventId) {
    return get("api/notifications").as(user).header("Last-Event-ID", lastEventId).stream();
  }

  /** The live notifications of a console session. */
  public EventStream notifications(Session session) {
    return get("api/notifications").header("Cookie", session.cookie()).stream();
  }

  public static JsonValue parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  public static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(UTF_8));
  }

  /** One request being put together; {@link #send()} sends it. */
  public final class Call {
    private final String method;
    private final String path;
    private final List<String> headers = new ArrayList<>();
    private BodyPublisher body = BodyPublishers.noBody();
    private Duration timeout = Duration.ofSeconds(60);

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** HTTP Basic with these credentials. */
    public Call as(String username, String password) {
      return header("Authorization", basic(username, password));
    }

    public Call as(User user) {
      return as(user.username(), user.password());
    }

    public Call asAdmin() {
      return as(User.ADMIN);
    }

    /** A personal API token: {@code Authorization: Bearer <token>}. */
    public Call withToken(String token) {
      return header("Authorization", "Bearer " + token);
    }

    /** Within a console session: its cookie and its CSRF token. */
    public Call in(Session session) {
      return header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrfToken());
    }

    /** How long to wait for the answer (60 s unless told). */
    public Call timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    public Call accept(String mediaType) {
      return header("Accept", mediaType);
    }

    public Call header(String name, String value) {
      headers.add(name);
      headers.add(value);
      return this;
    }

    /** A JSON body with {@code Content-Type: application/json} and a {@code Content-Length}. */
    public Call json(String json) {
      return body(json, JSON);
    }

    public Call json(JsonStructure json) {
      return json(json.toString());
    }

    /** A text body; {@code contentType} null sends no {@code Content-Type}. */
    public Call body(String text, String contentType) {
      if (contentType != null) {
        header("Content-Type", contentType);
      }
      body = BodyPublishers.ofString(text, UTF_8);
      return this;
    }

    /** A body of raw bytes (say, ones that are not UTF-8) with {@code Content-Type: type}. */
    public Call bytes(byte[] bytes, String contentType) {
      header("Content-Type", contentType);
      body = BodyPublishers.ofByteArray(bytes);
      return this;
    }

    /** A JSON body of unknown length, sent with {@code Transfer-Encoding: chunked}. */
    public Call chunkedJson(String json) {
      header("Content-Type", JSON);
      byte[] bytes = json.getBytes(UTF_8);
      body = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
      return this;
    }

    public Reply send() {
      try {
        return sendAsync().join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw new UncheckedIOException(method + " " + path, io);
        }
        throw e;
      }
    }

    public CompletableFuture<Reply> sendAsync() {
      return HTTP.sendAsync(build(timeout), BodyHandlers.ofByteArray()).thenApply(Reply::of);
    }

    /** Opens the answer as a server-sent event stream; asserts it is 200. */
    public EventStream stream() {
      accept(EVENT_STREAM);
      return EventStream.open(HTTP, build(null));
    }

    private HttpRequest build(Duration timeout) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body);
      if (timeout != null) {
        request.timeout(timeout);
      }
      if (!headers.isEmpty()) {
        request.headers(headers.toArray(String[]::new));
      }
      return request.build();
    }
  }
}
