package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** Generators of hostile requests, and checks of what hostile input left behind. */
final class Fuzz {

  record Case(String kind, byte[] raw) {}

  static final String[] PAYLOADS = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://evil\",\"x\")",
    "=1+1",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\tTAB",
    "\r=1",
    "x\r\nBcc: victim@example.com",
    "'; DROP TABLE contact; --",
    "${jndi:ldap://127.0.0.1/x}",
    "\u0000nul",
    "\u202Eevil",
    "𝕏 emoji 😀",
    "javascript:alert(1)",
    "{{7*7}}",
    "%00%0d%0a",
    "../../etc/passwd",
    "\uFEFFbom"
  };

  static Case next(Random r, String admin) {
    int pick = r.nextInt(19);
    String q = "/api/public/queues/support";
    String contacts = q + "/contacts";
    return switch (pick) {
      case 0 ->
          json(
              "valid-with-payload",
              "POST",
              contacts,
              body(pick(r), r.nextBoolean() ? "a@example.com" : pick(r), pick(r)),
              List.of());
      case 1 ->
          json(
              "malformed",
              "POST",
              contacts,
              truncate(r, body("a", "a@example.com", "m")),
              List.of());
      case 2 ->
          json("mutated", "POST", contacts, mutate(r, body("a", "a@example.com", "m")), List.of());
      case 3 ->
          json(
              "wrong-types",
              "POST",
              pickOf(r, contacts, q + "/bot", "/api/bench/echo", "/api/bench/floor/support"),
              wrongTypes(r),
              List.of());
      case 4 ->
          json(
              "deep-nesting",
              "POST",
              pickOf(r, contacts, q + "/bot", "/api/session"),
              deep(r),
              List.of());
      case 5 -> oversized(r, contacts);
      case 6 ->
          json("invalid-utf8", "POST", pickOf(r, contacts, q + "/bot"), invalidUtf8(r), List.of());
      case 7 -> longHeaders(r, contacts);
      case 8 ->
          json(
              "content-type",
              "POST",
              contacts,
              body("a", "a@example.com", "m"),
              List.of(
                  "Content-Type: "
                      + pickOf(
                          r,
                          "text/plain",
                          "application/xml",
                          "application/json; charset=ISO-8859-1",
                          "multipart/form-data; boundary=x",
                          "application/x-www-form-urlencoded",
                          "application/json;;;",
                          "*/*",
                          "")),
              false);
      case 9 ->
          raw(
              "method",
              pickOf(r, "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO")
                  + " "
                  + pickOf(r, contacts, q, q + "/bot")
                  + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      case 10 ->
          raw(
              "path",
              "GET "
                  + pickOf(
                      r,
                      "/api/public/queues/%00",
                      "/api/public/queues/" + "x".repeat(5000),
                      "/api/public/queues/%C0%AE%C0%AE/",
                      "/api/public/queues/support?lang=" + "%FF".repeat(100),
                      "/api/public/queues/support?lang=<script>",
                      "/api/public/queues/..%2F..%2F",
                      "/api/contacts/%00",
                      "/api/contacts/" + "A".repeat(70),
                      "/api/public/queues/%E2%80%AE",
                      "/api/queues/support/activity?limit=99999999999999999999",
                      "/api/queues/support/activity?before=%00%FF",
                      "/api/queues/support/activity?before=YTE6LTE",
                      "/api/queues/support/activity?before=YTE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk")
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + admin
                  + "\r\n\r\n");
      case 11 ->
          json(
              "bot",
              "POST",
              q + "/bot",
              "{\"text\":"
                  + jsonString(pick(r) + "x".repeat(r.nextInt(3) * 3000))
                  + ",\"language\":"
                  + pickOf(r, "\"en\"", "\"fi\"", "\"xx-YYYY-zzzzzz\"", "1", "null", "[]")
                  + "}",
              List.of());
      case 12 ->
          json(
              "numbers",
              "POST",
              contacts,
              "{\"answers\":{\"name\":"
                  + pickOf(
                      r,
                      "1e999999",
                      "-0",
                      "123456789012345678901234567890",
                      "NaN",
                      "Infinity",
                      "0x10",
                      "1.5")
                  + ",\"email\":\"a@example.com\",\"message\":\"m\"}}",
              List.of());
      case 13 ->
          json(
              "admin-queue",
              "POST",
              "/api/admin/queues",
              pickOf(
                  r,
                  "{\"name\":" + jsonString(pick(r)) + ",\"timeZone\":\"Mars/Olympus\"}",
                  "{\"name\":\"q\",\"timeZone\":\"UTC\",\"openingHours\":[{\"day\":\"FUNDAY\",\"from\":\"25:00\",\"to\":\"-1\"}]}",
                  "{\"name\":\"q\",\"timeZone\":\"UTC\",\"form\":{\"fields\":[{\"name\":null,\"type\":\"rocket\"}]}}",
                  "{\"name\":\"q\",\"timeZone\":\"UTC\",\"retentionDays\":-5,\"allowedOrigins\":[\"javascript:x\"]}",
                  "{\"name\":"
                      + jsonString("x".repeat(500))
                      + ",\"timeZone\":\"UTC\",\"exceptions\":[{\"date\":\"2024-02-30\"}]}",
                  "[]",
                  "null",
                  "{\"name\":{}}"),
              List.of(admin));
      case 15 ->
          json(
              "trailing-data",
              "POST",
              pickOf(r, contacts, q + "/bot", "/api/admin/queues"),
              body("a", "a@example.com", "m")
                  + pickOf(r, " x", "{}", "}", "]", ",", "\u0000", " {\"answers\":{}}", "\n\n[1]"),
              List.of(admin));
      case 16 ->
          json(
              "duplicate-keys",
              "POST",
              pickOf(r, contacts, "/api/admin/queues", "/api/session"),
              pickOf(
                  r,
                  "{\"answers\":{\"name\":\"a\",\"name\":\"b\",\"email\":\"a@example.com\",\"message\":\"m\"}}",
                  "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"},\"answers\":{}}",
                  "{\"source\":\"FORM\",\"source\":\"BOT\",\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"}}",
                  "{\"name\":\"q\",\"name\":\"r\",\"timeZone\":\"UTC\"}",
                  "{\"username\":\"admin\",\"username\":\"x\",\"password\":\"p\"}"),
              List.of(admin));
      case 17 ->
          json(
              "invalid-utf8-admin",
              "POST",
              pickOf(r, "/api/admin/queues", "/api/me/settings", "/api/session"),
              "{\"name\":\"q"
                  + pickOf(r, "\u00c3\u0028", "\u00ff", "\u00c0\u00af", "\u00ed\u00a0\u0080")
                  + "\",\"timeZone\":\"UTC\"}",
              List.of(admin));
        // a handful of keys, each sent again and again with one of a few bodies: replayed or 422
      case 18 ->
          json(
              "reused-key",
              "POST",
              contacts,
              body(pickOf(r, "a", "b"), "a@example.com", pickOf(r, "m", "n")),
              List.of("Idempotency-Key: fuzz-reused-" + r.nextInt(8)));
      default ->
          json(
              "settings-comment",
              pickOf(r, "PUT", "POST"),
              pickOf(
                  r,
                  "/api/me/settings",
                  "/api/contacts/AAAAAAAAAAAAAAAAAAAAAA/comments",
                  "/api/admin/users"),
              pickOf(
                  r,
                  "{\"notifications\":{\"registeredContacts\":{\"sound\":\"yes\"}}}",
                  "{\"notifications\":null}",
                  "{\"text\":" + jsonString(pick(r)) + ",\"status\":\"EXPLODED\"}",
                  "{\"username\":\"a b\",\"roles\":[\"root\"],\"password\":\"\"}",
                  "{\"username\":"
                      + jsonString(pick(r))
                      + ",\"displayName\":\"x\",\"email\":\"not-mail\",\"password\":\"p\",\"roles\":[\"agent\"]}"),
              List.of(admin));
    };
  }

  static String body(String name, String email, String message) {
    return "{\"answers\":{\"name\":"
        + jsonString(name)
        + ",\"email\":"
        + jsonString(email)
        + ",\"message\":"
        + jsonString(message)
        + "},\"language\":\"en\",\"pageUrl\":\"https://example.com/\",\"source\":\"FORM\"}";
  }

  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String pick(Random r) {
    return PAYLOADS[r.nextInt(PAYLOADS.length)];
  }

  @SafeVarargs
  static <T> T pickOf(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  static String truncate(Random r, String s) {
    return s.substring(0, r.nextInt(s.length()));
  }

  static String mutate(Random r, String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < 1 + r.nextInt(4); i++) {
      c[r.nextInt(c.length)] = "{}[]\":,\\ x0\u0000\u00e9".charAt(r.nextInt(13));
    }
    return new String(c);
  }

  static String wrongTypes(Random r) {
    return pickOf(
        r,
        "{\"answers\":[]}",
        "{\"answers\":[1,2,3]}",
        "{\"answers\":\"name\"}",
        "{\"answers\":42}",
        "{\"answers\":null}",
        "{\"answers\":{\"name\":[\"a\"],\"email\":{\"x\":1},\"message\":true}}",
        "{\"answers\":{\"name\":null,\"email\":null}}",
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"},\"language\":7,\"source\":\"SPAM\",\"pageUrl\":{}}",
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"},\"pageUrl\":\"javascript:alert(1)\"}",
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\",\"unknown\":\"x\",\"\":\"\"}}",
        "[]",
        "\"string\"",
        "true",
        "null",
        "",
        "{}",
        "{\"text\":5}",
        "{\"username\":[],\"password\":{}}");
  }

  static String deep(Random r) {
    int n = pickOf(r, 33, 100, 5000, 60000);
    return r.nextBoolean()
        ? "{\"answers\":" + "[".repeat(n) + "]".repeat(n) + "}"
        : "{\"answers\":{\"name\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n) + "}}";
  }

  static String invalidUtf8(Random r) {
    String bad =
        pickOf(
            r,
            "\u00c3\u0028",
            "\u00ff\u00fe",
            "\u00c0\u00af",
            "\u00ed\u00a0\u0080",
            "\u00f8\u0088\u0080\u0080\u0080",
            "\u00e2\u0082");
    String esc = pickOf(r, "\\ud800", "\\udfff", "\\u0000", "\\uffff", "\\u", "\\x41");
    return "{\"answers\":{\"name\":\"a"
        + bad
        + "b\",\"email\":\"a@example.com\",\"message\":\"m"
        + esc
        + "\"}}";
  }

  static Case json(String kind, String method, String path, String body, List<String> headers) {
    return json(kind, method, path, body, headers, true);
  }

  static Case json(
      String kind,
      String method,
      String path,
      String body,
      List<String> headers,
      boolean jsonType) {
    // the body as ISO-8859-1 bytes for invalid-utf8 (its chars are the raw bytes), else UTF-8
    byte[] b =
        kind.startsWith("invalid-utf8")
            ? body.getBytes(StandardCharsets.ISO_8859_1)
            : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (jsonType) {
      h.append("Content-Type: application/json\r\n");
    }
    headers.forEach(x -> h.append(x).append("\r\n"));
    h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    return new Case(kind, Requests.concatBytes(h.toString().getBytes(StandardCharsets.UTF_8), b));
  }

  static Case raw(String kind, String request) {
    return new Case(kind, request.getBytes(StandardCharsets.UTF_8));
  }

  static Case oversized(Random r, String path) {
    int variant = r.nextInt(4);
    String big =
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\""
            + "x".repeat(pickOf(r, 65_000, 70_000, 1_000_000))
            + "\"}}";
    byte[] b = big.getBytes(StandardCharsets.UTF_8);
    if (variant == 0) {
      // chunked, no length
      StringBuilder s =
          new StringBuilder(
              "POST "
                  + path
                  + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < b.length; i += 8192) {
        int n = Math.min(8192, b.length - i);
        s.append(Integer.toHexString(n)).append("\r\n").append(big, i, i + n).append("\r\n");
      }
      s.append("0\r\n\r\n");
      return raw("oversized-chunked", s.toString());
    }
    if (variant == 1) {
      // a lying Content-Length: small declared, big sent
      return raw(
          "oversized-lying-length",
          "POST "
              + path
              + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n"
              + big.substring(0, 2000));
    }
    if (variant == 2) {
      // a field over its maxLength but the body under 64 KiB
      return json(
          "oversized-field",
          "POST",
          path,
          body("x".repeat(20_000), "a@example.com", "y".repeat(30_000)),
          List.of());
    }
    return json("oversized-body", "POST", path, big, List.of());
  }

  static Case longHeaders(Random r, String path) {
    String body = body("a", "a@example.com", "m");
    List<String> h =
        switch (r.nextInt(5)) {
          case 0 -> List.of("Idempotency-Key: " + "k".repeat(pickOf(r, 201, 5000, 60000)));
          case 1 -> List.of("X-Long: " + "v".repeat(pickOf(r, 10_000, 100_000)));
          case 2 -> {
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
              many.add("X-H" + i + ": v");
            }
            yield many;
          }
          case 3 ->
              List.of("Idempotency-Key: k\u00e9y\u0001", "Accept-Language: " + "fi,".repeat(3000));
          default ->
              List.of(
                  "Origin: https://" + "o".repeat(8000) + ".example",
                  "Accept: " + pickOf(r, "text/csv", "application/xml", "*/*;q=x", "\u00ff"));
        };
    return json("long-headers", "POST", path, body, h);
  }

  /** The request with "Connection: close" after its request line. */
  static byte[] closing(byte[] raw) {
    int eol = 0;
    while (eol < raw.length - 1 && !(raw[eol] == '\r' && raw[eol + 1] == '\n')) {
      eol++;
    }
    byte[] header = "\r\nConnection: close".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[raw.length + header.length];
    System.arraycopy(raw, 0, out, 0, eol);
    System.arraycopy(header, 0, out, eol, header.length);
    System.arraycopy(raw, eol, out, eol + header.length, raw.length - eol);
    return out;
  }

  static String shorten(String s) {
    String one = s.replace("\r", "\\r").replace("\n", "\\n");
    return one.length() > 300 ? one.substring(0, 300) + "…(" + one.length() + " chars)" : one;
  }

  /** Why a stored contact (its JSON as the API shows it) should not have been stored, or null. */
  static String badStored(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x20) {
        return "raw control character in JSON";
      }
    }
    if (json.contains("\\u0000")) {
      return "NUL stored";
    }
    Matcher answer = Pattern.compile("\\{[^{}]*\"name\":\"email\"[^{}]*\\}").matcher(json);
    if (answer.find()) {
      Matcher value =
          Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(answer.group());
      if (value.find() && !value.group(1).matches("[^@\\s\\\\]+@[^@\\s\\\\]+\\.[^@\\s\\\\]+")) {
        return "invalid e-mail stored: " + value.group(1);
      }
    }
    return null;
  }

  /** CSV cells (after the header) that a spreadsheet would run as a formula. */
  static int formulaCells(String csv) {
    int n = 0;
    boolean atCellStart = true;
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (atCellStart) {
        char first = c;
        if (c == '"' && i + 1 < csv.length()) {
          first = csv.charAt(i + 1);
        }
        if (first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r' && c == '"') {
          n++;
        }
        atCellStart = false;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ',' || c == ';' || c == '\n')) {
        atCellStart = true;
      }
    }
    return n;
  }
}
