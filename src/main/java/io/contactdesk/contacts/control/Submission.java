package io.contactdesk.contacts.control;

import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a visitor sends: the answers and where they were when they sent them. */
public record Submission(
    Map<String, Object> answers, String language, String pageUrl, String source) {

  // Json.createValue looks the provider up through the ServiceLoader on every call: 42 % of a
  // submission's CPU in a profile (docs/benchmarks.md)
  private static final JsonProvider JSON = JsonProvider.provider();

  /**
   * The SHA-256 (hex) of this submission in a canonical form: the answers as JSON with every
   * object's keys sorted, then language, page URL and source. Two bodies that differ only in key
   * order or whitespace have the same fingerprint; any other difference changes it.
   */
  public String fingerprint() {
    StringBuilder canonical = new StringBuilder();
    write(answers, canonical);
    for (String value : new String[] {language, pageUrl, source}) {
      canonical.append('\n');
      write(value, canonical);
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (var entry : new TreeMap<>(map).entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        write(String.valueOf(entry.getKey()), out);
        out.append(':');
        write(entry.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String text) {
      out.append(JSON.createValue(text));
    } else {
      out.append(value); // a number, true, false or null
    }
  }
}
