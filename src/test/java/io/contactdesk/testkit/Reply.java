package io.contactdesk.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;

/** An answer read whole: status, headers and the body as bytes, readable as text and JSON. */
public record Reply(String request, int status, HttpHeaders headers, byte[] bytes) {

  static Reply of(HttpResponse<byte[]> response) {
    return new Reply(
        response.request().method() + " " + response.request().uri().getPath(),
        response.statusCode(),
        response.headers(),
        response.body());
  }

  /** Asserts the status, showing the whole answer when it differs; returns this answer. */
  public Reply assertStatus(int expected) {
    assertThat(status).as("status of %s", this).isEqualTo(expected);
    return this;
  }

  /** The body as UTF-8 text. */
  public String body() {
    return new String(bytes, UTF_8);
  }

  public String header(String name) {
    return headers.firstValue(name).orElse(null);
  }

  public JsonObject json() {
    return ContactDesk.parse(body()).asJsonObject();
  }

  public JsonArray jsonArray() {
    return ContactDesk.parse(body()).asJsonArray();
  }

  /** The {@code fields} of a 422 error body: every failing field with its message. */
  public JsonObject fields() {
    return json().getJsonObject("fields");
  }

  /** The value of cookie {@code name} from {@code Set-Cookie}, or null. */
  public String cookie(String name) {
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
    return request + " -> " + status + " " + body();
  }
}
