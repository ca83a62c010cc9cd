package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One weekly opening period of a chat queue: on every {@code day} the queue opens at {@code from}
 * and closes at {@code to}, in the queue's time zone.
 *
 * <p>If {@code to} is not after {@code from} the slot runs past midnight into the next day: {@code
 * FRIDAY 22:00–02:00} is open from Friday 22:00 until Saturday 02:00. A {@code to} of {@link
 * LocalTime#MIDNIGHT} therefore means "until the end of the day" (written {@code 24:00} in the
 * API), and {@code from == to} means a full 24 hours. See {@link OpeningSchedule} for the rules
 * that turn slots into instants.
 */
public record OpeningSlot(DayOfWeek day, LocalTime from, LocalTime to) {

  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final String END_OF_DAY = "24:00";
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

  static final String REQUIRED = "is required";
  static final String NOT_A_TIME = "must be a time HH:mm";
  static final String NOT_AN_END_TIME = "must be a time HH:mm, or 24:00 for the end of the day";
  static final String END_OF_DAY_ONLY_AS_END =
      "must be a time HH:mm; 24:00 is only allowed as the closing time";

  public OpeningSlot {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * Parses API text.
   *
   * @param day the day of the week (the admin API's day names are read at the boundary)
   * @param from opening time {@code HH:mm} ({@code 00:00}..{@code 23:59})
   * @param to closing time {@code HH:mm}; {@code 24:00} means midnight at the end of the day and is
   *     stored as {@link LocalTime#MIDNIGHT}
   * @throws InvalidInput naming every failing field ({@code from}, {@code to}) at once
   */
  public static OpeningSlot parse(DayOfWeek day, String from, String to) {
    Objects.requireNonNull(day, "day");
    InvalidInput.Collector errors = new InvalidInput.Collector();
    LocalTime parsedFrom = parseTime(errors, "from", from, false, REQUIRED);
    LocalTime parsedTo = parseTime(errors, "to", to, true, REQUIRED);
    errors.throwIfAny();
    return new OpeningSlot(day, parsedFrom, parsedTo);
  }

  /** The opening time as {@code HH:mm}. */
  public String fromText() {
    return HH_MM.format(from);
  }

  /**
   * The closing time as {@code HH:mm}. A closing time of midnight is written {@code 24:00} (end of
   * the day) when the slot opens after {@code 00:00}; for {@code 00:00–00:00} (a full day) it stays
   * {@code 00:00}.
   */
  public String toText() {
    if (LocalTime.MIDNIGHT.equals(to) && !LocalTime.MIDNIGHT.equals(from)) {
      return END_OF_DAY;
    }
    return HH_MM.format(to);
  }

  // ---- helpers shared with ScheduleException (package-private, not API) ----

  /**
   * Parses {@code HH:mm}; {@code 24:00} only when {@code isEnd}. Records a message under {@code
   * field} and returns {@code null} when the text is missing or malformed.
   */
  static LocalTime parseTime(
      InvalidInput.Collector errors,
      String field,
      String text,
      boolean isEnd,
      String missingMessage) {
    if (text == null || text.isBlank()) {
      errors.add(field, missingMessage);
      return null;
    }
    if (END_OF_DAY.equals(text)) {
      if (isEnd) {
        return LocalTime.MIDNIGHT;
      }
      errors.add(field, END_OF_DAY_ONLY_AS_END);
      return null;
    }
    if (!TIME.matcher(text).matches()) {
      errors.add(field, isEnd ? NOT_AN_END_TIME : NOT_A_TIME);
      return null;
    }
    return LocalTime.of(
        Integer.parseInt(text.substring(0, 2)), Integer.parseInt(text.substring(3, 5)));
  }
}
