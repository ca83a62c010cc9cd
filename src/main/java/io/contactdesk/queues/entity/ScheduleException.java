package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A day whose opening hours differ from the weekly slots: either {@code closed} all day, or open
 * {@code from}–{@code to} instead (the past-midnight rule of {@link OpeningSlot} applies: {@code
 * to} not after {@code from} runs into the next day).
 *
 * <p>A one-time exception ({@code annual == false}) applies to exactly {@code date}. An annual one
 * applies every year on the same month and day of month, in any year (the year of {@code date} is
 * not a start or end); an annual exception on 29 February applies only in leap years.
 *
 * <p>When {@code closed} is true, {@code from} and {@code to} are always {@code null} (any value
 * given is dropped). When it is false, both are required. See {@link OpeningSchedule} for how
 * exceptions replace the weekly slots.
 */
public record ScheduleException(
    LocalDate date, boolean annual, LocalTime from, LocalTime to, boolean closed) {

  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  static final String NOT_A_DATE = "must be a date YYYY-MM-DD";
  static final String TIMES_REQUIRED = "from and to are required unless closed is true";

  /**
   * @throws NullPointerException if {@code date} is null
   * @throws IllegalArgumentException if not {@code closed} and {@code from} or {@code to} is null
   */
  public ScheduleException {
    Objects.requireNonNull(date, "date");
    if (closed) {
      from = null;
      to = null;
    } else if (from == null || to == null) {
      throw new IllegalArgumentException(TIMES_REQUIRED);
    }
  }

  /**
   * Parses API text.
   *
   * @param date {@code YYYY-MM-DD}, a real calendar date
   * @param from opening time {@code HH:mm}, or null when closed
   * @param to closing time {@code HH:mm} ({@code 24:00} = end of the day), or null when closed
   * @param closed true for a day without any opening; {@code from} and {@code to} are then ignored
   * @throws InvalidInput naming every failing field ({@code date}, {@code from}, {@code to}) at
   *     once
   */
  public static ScheduleException parse(
      String date, boolean annual, String from, String to, boolean closed) {
    InvalidInput.Collector errors = new InvalidInput.Collector();
    LocalDate parsedDate = parseDate(errors, "date", date);
    LocalTime parsedFrom = null;
    LocalTime parsedTo = null;
    if (!closed) {
      parsedFrom = OpeningSlot.parseTime(errors, "from", from, false, TIMES_REQUIRED);
      parsedTo = OpeningSlot.parseTime(errors, "to", to, true, TIMES_REQUIRED);
    }
    errors.throwIfAny();
    return new ScheduleException(parsedDate, annual, parsedFrom, parsedTo, closed);
  }

  /**
   * Whether this exception governs local date {@code day}: one-time on the same date; annual on the
   * same month and day of month of any year (so 29 February only in leap years).
   */
  public boolean appliesTo(LocalDate day) {
    Objects.requireNonNull(day, "day");
    if (!annual) {
      return date.equals(day);
    }
    return date.getMonth() == day.getMonth() && date.getDayOfMonth() == day.getDayOfMonth();
  }

  private static LocalDate parseDate(InvalidInput.Collector errors, String field, String text) {
    if (text == null || text.isBlank()) {
      errors.add(field, OpeningSlot.REQUIRED);
      return null;
    }
    if (!DATE.matcher(text).matches()) {
      errors.add(field, NOT_A_DATE);
      return null;
    }
    try {
      // ISO_LOCAL_DATE resolves strictly: 2026-02-30 is rejected, not moved to 2026-02-28.
      return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
    } catch (DateTimeParseException e) {
      errors.add(field, NOT_A_DATE);
      return null;
    }
  }
}
