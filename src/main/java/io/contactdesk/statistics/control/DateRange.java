package io.contactdesk.statistics.control;

import io.contactdesk.platform.InvalidInput;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Whole days from {@code from} to {@code to}, both included, in the queue's time zone: what a
 * person means by "from Monday to Friday" in the queue's own office.
 */
public record DateRange(LocalDate from, LocalDate to, ZoneId zone) {

  static final int MAX_DAYS = 3660;

  /** Parses {@code YYYY-MM-DD} bounds; without them, the last 30 days up to today. */
  public static DateRange parse(String from, String to, ZoneId zone, Instant now) {
    var errors = new InvalidInput.Collector();
    LocalDate end = date(to, "to", errors);
    LocalDate start = date(from, "from", errors);
    errors.throwIfAny();
    if (end == null) {
      end = LocalDate.ofInstant(now, zone);
    }
    if (start == null) {
      start = end.minusDays(29);
    }
    if (start.isAfter(end)) {
      throw InvalidInput.of("from", "must not be after to");
    }
    if (start.plusDays(MAX_DAYS).isBefore(end)) {
      throw InvalidInput.of("from", "a range is at most " + MAX_DAYS + " days");
    }
    return new DateRange(start, end, zone);
  }

  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** The first instant after the range: midnight at the end of {@code to}. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  private static LocalDate date(String text, String field, InvalidInput.Collector errors) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException e) {
      errors.add(field, "must be a date YYYY-MM-DD");
      return null;
    }
  }
}
