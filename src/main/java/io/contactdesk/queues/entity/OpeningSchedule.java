package io.contactdesk.queues.entity;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The opening hours of a chat queue: weekly {@link OpeningSlot}s plus dated {@link
 * ScheduleException}s, read in the queue's time zone. Immutable.
 *
 * <h2>Rules</h2>
 *
 * <ol>
 *   <li><b>Slots on a local date.</b> A slot {@code from}–{@code to} on local date D is open during
 *       [D {@code from}, D {@code to}). If {@code to} is not after {@code from} it runs past
 *       midnight: [D {@code from}, D+1 {@code to}). So Friday 22:00–02:00 is open from Friday 22:00
 *       until Saturday 02:00, 08:00–24:00 ({@code to} = midnight) ends at the next midnight, and
 *       {@code from == to} is a full 24 hours. Start is inclusive, end exclusive.
 *   <li><b>Several slots a day</b> are allowed; overlapping or touching slots simply form their
 *       union.
 *   <li><b>Exceptions replace the weekly slots</b> of the local date D they apply to. If any
 *       one-time exception applies to D, only one-time exceptions count for D (a one-time exception
 *       beats an annual one); otherwise the annual ones that apply count. If any exception that
 *       counts is {@code closed}, D has no slots; otherwise each one gives a slot {@code
 *       from}–{@code to} on D, with the past-midnight rule above. An exception only governs the
 *       slots that <em>start</em> on D: a slot that started on D-1 and runs past midnight into D
 *       belongs to D-1 and is still honoured when D has an exception (and a slot of an exception
 *       may likewise run into D+1).
 *   <li><b>Local times become instants</b> with {@link ZonedDateTime#of(LocalDate, LocalTime,
 *       ZoneId)}: a time in a daylight-saving gap moves forward by the length of the gap (02:30 in
 *       a 02:00→03:00 gap becomes 03:30), and in an overlap the earlier offset is used (the first
 *       occurrence of the repeated hour). A slot whose end instant is not after its start instant
 *       (possible around a DST change) is empty.
 *   <li><b>{@link #isOpenAt}</b>: t is inside a slot interval [start, end) of the local date of t
 *       or of the day before (past-midnight slots).
 *   <li><b>{@link #nextOpening}</b>: the earliest slot start s with s strictly after t at which the
 *       queue really opens, i.e. it is not open just before s. A slot start that only continues or
 *       touches another open interval is no opening, so when the queue is open at t this is the
 *       start of the next opening after the current one has closed. Slots starting on local dates
 *       up to 400 days after the local date of t are considered; empty if there is none (no slots
 *       at all, or open around the clock).
 *   <li><b>{@link #openBetween}</b>: how long the queue is open by its schedule within [from, to):
 *       the length of the union of the slot intervals (rules 1–4) clipped to it, so overlapping
 *       slots count once, closed nights, weekends and closed exceptions count nothing, and a DST
 *       change counts the hours that really pass (a 08:00–16:00 slot on a day the clocks go forward
 *       at 03:00 is still 8 hours; one across the change, 01:00–05:00, is 3).
 * </ol>
 */
public final class OpeningSchedule {

  /** How many local dates after the date of {@code t} {@link #nextOpening} looks at. */
  private static final int LOOK_AHEAD_DAYS = 400;

  private final ZoneId zone;
  private final List<OpeningSlot> weekly;
  private final List<ScheduleException> exceptions;

  /**
   * @param zone the queue's time zone, required
   * @param weekly weekly slots; null means none
   * @param exceptions exceptions; null means none
   * @throws NullPointerException if {@code zone} is null or a list holds a null element
   */
  public OpeningSchedule(
      ZoneId zone, List<OpeningSlot> weekly, List<ScheduleException> exceptions) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.weekly = weekly == null ? List.of() : List.copyOf(weekly);
    this.exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
  }

  public ZoneId zone() {
    return zone;
  }

  /** Whether the queue is open at {@code t} (rule 5). */
  public boolean isOpenAt(Instant t) {
    Objects.requireNonNull(t, "t");
    LocalDate today = localDate(t);
    // Slots of today and of yesterday (past midnight). Two days back as well: a closing time
    // pushed forward by a DST gap just before midnight can land one day later than usual.
    for (LocalDate day = today.minusDays(2); !day.isAfter(today); day = day.plusDays(1)) {
      for (Interval interval : intervalsStartingOn(day)) {
        if (interval.contains(t)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The next instant strictly after {@code t} at which the queue goes from closed to open (rule 6),
   * or empty when there is none within the look-ahead of 400 days.
   */
  public Optional<Instant> nextOpening(Instant t) {
    Objects.requireNonNull(t, "t");
    LocalDate today = localDate(t);
    LocalDate last = today.plusDays(LOOK_AHEAD_DAYS);
    Instant best = null;
    // Start one day back: a start pushed forward by a DST gap can land on the next day.
    for (LocalDate day = today.minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
      for (Interval interval : intervalsStartingOn(day)) {
        Instant start = interval.start();
        if (start.isAfter(t)
            && (best == null || start.isBefore(best))
            && !isOpenAt(start.minusNanos(1))) {
          best = start;
        }
      }
      // Slots of later dates cannot start before the first instant of the next date.
      if (best != null && !best.isAfter(day.plusDays(1).atStartOfDay(zone).toInstant())) {
        break;
      }
    }
    return Optional.ofNullable(best);
  }

  /** How long the queue is open within [{@code from}, {@code to}) (rule 7). */
  public Duration openBetween(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    List<Interval> clipped = new ArrayList<>();
    // two days back, as in isOpenAt: slots of earlier dates that run past midnight into the range
    for (LocalDate day = localDate(from).minusDays(2);
        !day.isAfter(localDate(to));
        day = day.plusDays(1)) {
      for (Interval interval : intervalsStartingOn(day)) {
        Instant start = interval.start().isBefore(from) ? from : interval.start();
        Instant end = interval.end().isAfter(to) ? to : interval.end();
        if (end.isAfter(start)) {
          clipped.add(new Interval(start, end));
        }
      }
    }
    clipped.sort(Comparator.comparing(Interval::start));
    Duration open = Duration.ZERO;
    Instant coveredUntil = from;
    for (Interval interval : clipped) {
      Instant start = interval.start().isBefore(coveredUntil) ? coveredUntil : interval.start();
      if (interval.end().isAfter(start)) {
        open = open.plus(Duration.between(start, interval.end()));
        coveredUntil = interval.end();
      }
    }
    return open;
  }

  @Override
  public String toString() {
    return "OpeningSchedule[zone="
        + zone
        + ", weekly="
        + weekly
        + ", exceptions="
        + exceptions
        + "]";
  }

  private LocalDate localDate(Instant t) {
    return t.atZone(zone).toLocalDate();
  }

  /** The non-empty intervals of the slots that belong to local date {@code day} (rules 1, 3, 4). */
  private List<Interval> intervalsStartingOn(LocalDate day) {
    List<Interval> result = new ArrayList<>();
    List<ScheduleException> counting = exceptionsCountingFor(day);
    if (!counting.isEmpty()) {
      for (ScheduleException exception : counting) {
        if (exception.closed()) {
          return List.of();
        }
      }
      for (ScheduleException exception : counting) {
        addInterval(result, day, exception.from(), exception.to());
      }
      return result;
    }
    DayOfWeek dayOfWeek = day.getDayOfWeek();
    for (OpeningSlot slot : weekly) {
      if (slot.day() == dayOfWeek) {
        addInterval(result, day, slot.from(), slot.to());
      }
    }
    return result;
  }

  /** One-time exceptions for {@code day} if there are any, else the annual ones (rule 3). */
  private List<ScheduleException> exceptionsCountingFor(LocalDate day) {
    List<ScheduleException> oneTime = new ArrayList<>();
    List<ScheduleException> annual = new ArrayList<>();
    for (ScheduleException exception : exceptions) {
      if (exception.appliesTo(day)) {
        (exception.annual() ? annual : oneTime).add(exception);
      }
    }
    return oneTime.isEmpty() ? annual : oneTime;
  }

  private void addInterval(List<Interval> into, LocalDate day, LocalTime from, LocalTime to) {
    Instant start = ZonedDateTime.of(day, from, zone).toInstant();
    LocalDate endDay = to.isAfter(from) ? day : day.plusDays(1);
    Instant end = ZonedDateTime.of(endDay, to, zone).toInstant();
    if (end.isAfter(start)) {
      into.add(new Interval(start, end));
    }
  }

  /** [start, end) with start before end. */
  private record Interval(Instant start, Instant end) {
    boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }
}
