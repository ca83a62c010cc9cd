package io.contactdesk.platform;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a newest-first page ends (the last row's time and id), as the opaque {@code next} of the
 * lists that are paged that way; the prefix names the list, so one list's cursor is refused by
 * another, and the form can change.
 */
public record TimeCursor(Instant at, String id) {

  public TimeCursor {
    Objects.requireNonNull(at);
    Objects.requireNonNull(id);
  }

  public String encode(String list) {
    String text = list + ":" + at + "/" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The cursor of {@code list}, or a 422 on {@code before}. */
  public static TimeCursor decode(String list, String cursor) {
    String prefix = list + ":";
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int slash = text.indexOf('/');
      if (text.startsWith(prefix) && slash > prefix.length() && slash < text.length() - 1) {
        return new TimeCursor(
            Instant.parse(text.substring(prefix.length(), slash)), text.substring(slash + 1));
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // reported below
    }
    throw InvalidInput.of("before", "is not a cursor from this list; use the value of next");
  }
}
