package io.contactdesk.statistics.control;

import io.contactdesk.platform.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The periods a statistics range is counted in, in the range's time zone: hours, days or months.
 * Each bucket starts where the last ended; the first starts with the range and the last ends with
 * it (a month bucket of a range that starts mid-month starts with the range). Hours are real hours,
 * so a day when the clocks go forward has 23 of them and one when they go back 25; days and months
 * start at local midnight.
 */
public final class Buckets {

  /** The grain of a bucket, by its wire name. */
  public enum Grain {
    HOUR,
    DAY,
    MONTH;

    public static Grain of(String wire) {
      if (wire == null || wire.isBlank()) {
        return DAY;
      }
      try {
        return valueOf(wire.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("granularity", "must be one of hour, day, month");
      }
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** An hourly range covers at most this many days: 2,208 buckets. */
  static final int MAX_HOURLY_DAYS = 92;

  private final Grain grain;
  private final Instant[] starts;
  private final Instant end;

  public Buckets(DateRange range, Grain grain) {
    this.grain = grain;
    if (grain == Grain.HOUR && !range.from().plusDays(MAX_HOURLY_DAYS).isAfter(range.to())) {
      throw InvalidInput.of("from", "an hourly range is at most " + MAX_HOURLY_DAYS + " days");
    }
    List<Instant> list = new ArrayList<>();
    Instant start = range.start();
    this.end = range.end();
    while (start.isBefore(end)) {
      list.add(start);
      start = next(start, range);
    }
    this.starts = list.toArray(Instant[]::new);
  }

  private Instant next(Instant start, DateRange range) {
    ZonedDateTime local = start.atZone(range.zone());
    return switch (grain) {
      case HOUR -> start.plusSeconds(3600);
      case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(range.zone()).toInstant();
      case MONTH -> {
        LocalDate firstOfNext = YearMonth.from(local).plusMonths(1).atDay(1);
        yield firstOfNext.atStartOfDay(range.zone()).toInstant();
      }
    };
  }

  public Grain grain() {
    return grain;
  }

  public int size() {
    return starts.length;
  }

  public Instant start(int bucket) {
    return starts[bucket];
  }

  /** The bucket {@code t} falls in; {@code t} is in the range. */
  public int indexOf(Instant t) {
    int found = Arrays.binarySearch(starts, t);
    return found >= 0 ? found : -found - 2;
  }
}
