package io.contactdesk.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The deployed app seen from outside: plain HTTP/1.1 requests with {@link HttpClient}, answers with
 * their status, headers and body. No client library of the app is used, so the tests hold the wire
 * contract of SPEC and nothing else.
 */
final class Api {

  static final String ADMIN = "admin";

  /** The failsafe executions give the server this as {@code CONTACTDESK_ADMIN_PASSWORD}. */
  static final String ADMIN_PASSWORD =
      System.getProperty("contactdesk.it.admin-password", "it-admin-password");

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final URI base;

  Api(URL deployment) {
    this.base = Loopback.of(deployment);
  }

  /** {@code path} is relative to the context root, e.g. {@code api/me}. */
  URI uri(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  Call get(String path) {
    return new Call("GET", path);
  }

  Call post(String path) {
    return new Call("POST", path);
  }

  Call put(String path) {
    return new Call("PUT", path);
  }

  Call delete(String path) {
    return new Call("DELETE", path);
  }

  Call options(String path) {
    return new Call("OPTIONS", path);
  }

  static JsonValue parse(String json) {
    try (var reader = Json.createReader(new StringReader(json))) {
      return reader.readValue();
    }
  }

  /** One request being put together; {@link #send()} sends it. */
  final class Call {
    private final String method;
    private final String path;
    private final List<String> headers = new ArrayList<>();
    private BodyPublisher body = BodyPublishers.noBody();

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    Call as(String username, String password) {
      String credentials = username + ":" + password;
      return header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    Call asAdmin() {
      return as(ADMIN, ADMIN_PASSWORD);
    }

    Call as(TestData.Agent agent) {
      return as(agent.username(), agent.password());
    }

    Call header(String name, String value) {
      headers.add(name);
      headers.add(value);
      return this;
    }

    /** A JSON body with {@code Content-Type: application/json} and a {@code Content-Length}. */
    Call json(String json) {
      return body(json, "application/json");
    }

    Call json(JsonStructure json) {
      return json(json.toString());
    }

    Call body(String text, String contentType) {
      if (contentType != null) {
        header("Content-Type", contentType);
      }
      body = BodyPublishers.ofString(text, StandardCharsets.UTF_8);
      return this;
    }

    /** A body of raw bytes (say, ones that are not UTF-8) with {@code Content-Type: type}. */
    Call bytes(byte[] bytes, String contentType) {
      header("Content-Type", contentType);
      body = BodyPublishers.ofByteArray(bytes);
      return this;
    }

    /** A JSON body of unknown length, sent with {@code Transfer-Encoding: chunked}. */
    Call chunkedJson(String json) {
      header("Content-Type", "application/json");
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      body = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
      return this;
    }

    Reply send() {
      try {
        return sendAsync().join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof IOException io) {
          throw new UncheckedIOException(method + " " + path, io);
        }
        throw e;
      }
    }

    CompletableFuture<Reply> sendAsync() {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).method(method, body);
      if (!headers.isEmpty()) {
        request.headers(headers.toArray(String[]::new));
      }
      return CLIENT
          .sendAsync(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8))
          .thenApply(Reply::of);
    }
  }

  /** An answer: status, headers and the body as text, readable as JSON. */
  record Reply(String request, int status, HttpHeaders headers, String body) {

    static Reply of(HttpResponse<String> response) {
      return new Reply(
          response.request().method() + " " + response.request().uri().getPath(),
          response.statusCode(),
          response.headers(),
          response.body());
    }

    /** Asserts the status, showing the whole answer when it differs; returns this answer. */
    Reply assertStatus(int expected) {
      org.assertj.core.api.Assertions.assertThat(status)
          .as("status of %s", this)
          .isEqualTo(expected);
      return this;
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    JsonObject json() {
      return parse(body).asJsonObject();
    }

    JsonArray jsonArray() {
      return parse(body).asJsonArray();
    }

    /** The {@code fields} of a 422 error body: every failing field with its message. */
    JsonObject fields() {
      return json().getJsonObject("fields");
    }

    /** The value of cookie {@code name} from {@code Set-Cookie}, or null. */
    String cookie(String name) {
      for (String setCookie : headers.allValues("Set-Cookie")) {
        String pair = setCookie.split(";", 2)[0].trim();
        if (pair.startsWith(name + "=")) {
          return pair.substring(name.length() + 1);
        }
      }
      return null;
    }

    @Override
    public String toString() {
      return request + " -> " + status + " " + body;
    }
  }
}
