package io.contactdesk.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The requests the scenarios send and what they read from the answers (docs/SPEC.md). */
final class Requests {

  static final String BODY_TEMPLATE =
      "{\"answers\":{\"name\":\"Bench Visitor %06d\",\"email\":\"visitor%06d@example.com\","
          + "\"message\":\"Please call me back about my order, the parcel has not arrived yet. Thanks!\"},"
          + "\"language\":\"en\",\"pageUrl\":\"https://shop.example.com/contact\",\"source\":\"FORM\"}";
  static final String ADMIN_PASSWORD = "bench-admin-password";
  static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private Requests() {}

  static Req contactReq(String path, int i) {
    byte[] body =
        String.format(Locale.ROOT, BODY_TEMPLATE, i % 1_000_000, i % 1_000_000)
            .getBytes(StandardCharsets.UTF_8);
    return new Req(
        "POST",
        path,
        List.of("Content-Type: application/json", "Idempotency-Key: bench-" + UUID.randomUUID()),
        body);
  }

  static Req jsonReq(String method, String path, String auth, String json) {
    return new Req(
        method,
        path,
        List.of(auth, "Content-Type: application/json"),
        json.getBytes(StandardCharsets.UTF_8));
  }

  static String basic(String user, String password) {
    return "Authorization: Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void expect(Http.Response r, int status) {
    if (r.status() != status) {
      throw new IllegalStateException(
          "expected " + status + ", got " + r.status() + " " + r.text());
    }
  }

  static List<String> registeredIds(String page) {
    List<String> ids = new ArrayList<>();
    Matcher entry = Pattern.compile("\\{[^{}]*\\}").matcher(page);
    Pattern contactId = Pattern.compile("\"contactId\":\"([^\"]+)\"");
    while (entry.find()) {
      String e = entry.group();
      Matcher m = contactId.matcher(e);
      if (e.contains("\"type\":\"CONTACT_REGISTERED\"") && m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  static int countOf(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** The cursor ActivityResource gives for the entries below {@code id}. */
  static String activityCursor(long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("a1:" + id).getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] concatBytes(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
