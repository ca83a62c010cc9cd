package io.contactdesk.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The agent and admin API as a black-box test calls it: plain HTTP with Basic credentials, and the
 * fixtures the agent tests build through the API itself. The database outlives a run, so every
 * queue and user gets a unique name.
 */
final class AgentApi {

  static final String ADMIN = "admin";
  static final String AGENT_PASSWORD = "agent-it-password";
  static final String JSON = "application/json";
  static final String CSV = "text/csv";

  // HTTP/1.1 as browsers speak it over plain http; Java's default would try an h2c upgrade, on
  // which
  // Grizzly leaves a refused over-large body (413) hanging until its idle timeout.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final URI base;

  AgentApi(URL base) {
    this.base = Loopback.of(base);
  }

  /** One answer, read whole: status, headers, and the body as bytes and as UTF-8 text. */
  record Reply(int status, HttpHeaders headers, byte[] bytes) {

    String body() {
      return new String(bytes, UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonObject json() {
      return Json.createReader(new StringReader(body())).readObject();
    }

    JsonArray array() {
      return Json.createReader(new StringReader(body())).readArray();
    }

    /** Fails with the body in the message, so a surprise status shows what the server said. */
    Reply expect(int expected) {
      if (status != expected) {
        throw new AssertionError(
            "expected HTTP " + expected + " but got " + status + ": " + body());
      }
      return this;
    }
  }

  /** A contact as the visitor's receipt describes it. */
  record Submitted(String id, String reference, Instant createdAt) {}

  // ---- HTTP

  Reply get(String path, String user) {
    return send("GET", path, user, JSON, null);
  }

  Reply get(String path, String user, String accept) {
    return send("GET", path, user, accept, null);
  }

  Reply post(String path, String user, JsonValue body) {
    return send("POST", path, user, JSON, body.toString());
  }

  Reply put(String path, String user) {
    return send("PUT", path, user, JSON, null);
  }

  Reply delete(String path, String user) {
    return send("DELETE", path, user, JSON, null);
  }

  /** {@code user} null sends no credentials; {@code accept} null sends no Accept header. */
  Reply send(String method, String path, String user, String accept, String body) {
    return exchange(
        method, path, user == null ? null : basic(user, passwordOf(user)), accept, body);
  }

  /** A request with a body of any content type, e.g. one the API does not take. */
  Reply sendAs(String method, String path, String user, String contentType, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(method, HttpRequest.BodyPublishers.ofString(body, UTF_8))
            .header("Content-Type", contentType)
            .header("Accept", JSON)
            .header("Authorization", basic(user, passwordOf(user)));
    return exchange(method, path, request);
  }

  /** A GET with an Authorization header as given, e.g. a wrong password. */
  Reply getWithAuthorization(String path, String authorization) {
    return exchange("GET", path, authorization, JSON, null);
  }

  private Reply exchange(
      String method, String path, String authorization, String accept, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, UTF_8));
    if (body != null) {
      request.header("Content-Type", JSON);
    }
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return exchange(method, path, request);
  }

  private Reply exchange(String method, String path, HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));
  }

  static String passwordOf(String user) {
    return ADMIN.equals(user)
        ? System.getProperty("contactdesk.it.admin-password", "it-admin-password")
        : AGENT_PASSWORD;
  }

  // ---- fixtures, made through the admin API

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** A queue with the given manual override and form; returns its id. */
  String createQueue(String name, String timeZone, String override, JsonArray fields) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("name", unique(name))
            .add("timeZone", timeZone)
            .add("override", override)
            .add("offline", Json.createObjectBuilder().add("mode", "FORM"))
            .add("form", Json.createObjectBuilder().add("fields", fields))
            .build();
    return post("api/admin/queues", ADMIN, body).expect(201).json().getString("id");
  }

  /** A new agent who is a member of the given queues; returns the username. */
  String createAgent(String... queueIds) {
    String username = unique("agent");
    JsonObject body =
        Json.createObjectBuilder()
            .add("username", username)
            .add("displayName", "Agent " + username)
            .add("email", username + "@example.com")
            .add("password", AGENT_PASSWORD)
            .add("roles", Json.createArrayBuilder().add("agent"))
            .build();
    post("api/admin/users", ADMIN, body).expect(201);
    for (String queueId : queueIds) {
      put("api/admin/queues/" + queueId + "/members/" + username, ADMIN).expect(204);
    }
    return username;
  }

  /** A visitor's submission in English; null answers are left out. */
  Submitted submit(String queueId, Map<String, String> answers) {
    return submit(queueId, answers, "en");
  }

  Submitted submit(String queueId, Map<String, String> answers, String language) {
    JsonObjectBuilder given = Json.createObjectBuilder();
    answers.forEach(
        (name, value) -> {
          if (value != null) {
            given.add(name, value);
          }
        });
    JsonObject body =
        Json.createObjectBuilder()
            .add("answers", given)
            .add("language", language)
            .add("pageUrl", "https://shop.example.com/help?topic=returns")
            .add("source", "FORM")
            .build();
    JsonObject receipt =
        post("api/public/queues/" + queueId + "/contacts", null, body).expect(201).json();
    return new Submitted(
        receipt.getString("id"),
        receipt.getString("reference"),
        Instant.parse(receipt.getString("createdAt")));
  }

  /** {@code POST /api/contacts/{id}/comments} with only the keys that are not null. */
  Reply comment(String contactId, String user, String text, String status, String handler) {
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
    return post("api/contacts/" + contactId + "/comments", user, body.build());
  }

  /** The whole log of a small queue, newest first, in one page. */
  List<JsonObject> log(String queueId, String user) {
    JsonObject page = get("api/queues/" + queueId + "/activity?limit=200", user).expect(200).json();
    if (!page.isNull("next")) {
      throw new AssertionError("a test queue's log should fit in one page of 200");
    }
    return page.getJsonArray("entries").getValuesAs(JsonObject.class);
  }

  /**
   * The form most tests use: labels in English and Finnish, some with characters CSV must quote.
   */
  static JsonArray standardForm() {
    return Json.createArrayBuilder()
        .add(field("name", "text", true, "Name", "Nimi"))
        .add(field("email", "email", false, "E-mail", "Sähköposti"))
        .add(field("company", "text", false, "Company, if any", "Yritys"))
        .add(field("subject", "text", false, "Subject \"in short\"", "Aihe"))
        .add(field("message", "textarea", true, "Message", "Viesti"))
        .build();
  }

  static JsonObject field(String name, String type, boolean required, String en, String fi) {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("type", type)
        .add("required", required)
        .add("label", Json.createObjectBuilder().add("en", en).add("fi", fi))
        .build();
  }

  /** Answers keyed by field name in the order given; a null value is left unanswered. */
  static Map<String, String> answers(String... nameValuePairs) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      answers.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return answers;
  }

  static JsonArrayBuilder array() {
    return Json.createArrayBuilder();
  }

  /**
   * A strict RFC 4180 reader: records end with CRLF, fields are separated by commas, a quoted field
   * may hold commas, line breaks and doubled quotes. Anything else (a bare LF between records, a
   * quote inside an unquoted field, text after a closing quote) fails, so the test also proves the
   * file is well formed.
   */
  static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    int n = text.length();
    while (i < n) {
      if (text.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= n) {
            throw new IllegalArgumentException("unterminated quoted field at the end of the file");
          }
          char c = text.charAt(i++);
          if (c == '"') {
            if (i < n && text.charAt(i) == '"') {
              cell.append('"');
              i++;
            } else {
              break;
            }
          } else {
            cell.append(c);
          }
        }
      } else {
        while (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
          if (text.charAt(i) == '"') {
            throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
          }
          cell.append(text.charAt(i++));
        }
      }
      if (i >= n) {
        throw new IllegalArgumentException("the last record does not end with CRLF");
      }
      char next = text.charAt(i);
      if (next == ',') {
        record.add(cell.toString());
        cell.setLength(0);
        i++;
      } else if (next == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
        record.add(cell.toString());
        cell.setLength(0);
        records.add(record);
        record = new ArrayList<>();
        i += 2;
      } else {
        throw new IllegalArgumentException(
            "expected a comma or CRLF at " + i + " but found " + (int) next);
      }
    }
    return records;
  }
}
