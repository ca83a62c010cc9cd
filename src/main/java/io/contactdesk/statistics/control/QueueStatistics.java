package io.contactdesk.statistics.control;

import io.contactdesk.contacts.entity.Status;
import io.contactdesk.queues.entity.OpeningSchedule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Counts for a queue and date range: per day (in the queue's time zone), per status, and the median
 * time from registration to the first comment. Spam is counted apart and left out of the rest.
 *
 * <p>Every column read is in the index the range is read from, so neither database touches the
 * contact rows; the counting happens here, in one pass over chunks (docs/benchmarks.md, Scale).
 */
@ApplicationScoped
public class QueueStatistics {

  static final String CHUNK =
      ContactChunks.query("id, created_at, status, first_comment_at, escalated_at", "");

  @Inject DataSource dataSource;

  static final int CHUNK_SIZE = 10_000;

  int chunkSize = CHUNK_SIZE;

  /**
   * The counts of a range. {@code perDay} and {@code perStatus} are the first version's, kept for
   * the clients that read them; {@code buckets} count the same contacts at the chosen grain.
   */
  public record Summary(
      LocalDate from,
      LocalDate to,
      String granularity,
      String timeZone,
      long total,
      long spam,
      long escalated,
      List<Bucket> buckets,
      Map<LocalDate, Long> perDay,
      Map<Status, Long> perStatus,
      Long medianSecondsToFirstComment,
      Long medianOpenMinutesToFirstComment) {}

  /** One period: when it starts (in the range's zone), and its contacts but spam. */
  public record Bucket(
      OffsetDateTime start, long registered, long escalated, Map<Status, Long> byStatus) {}

  /**
   * Counts the queue's contacts of {@code range} in {@code buckets}; the open minutes to a first
   * comment are counted by {@code schedule} (opening hours and exceptions only).
   */
  public Summary of(String queueId, DateRange range, Buckets buckets, OpeningSchedule schedule) {
    return of(queueId, range, buckets, (from, to) -> schedule.openBetween(from, to));
  }

  /**
   * The same with the open time between two instants given as a function, such as the queue's
   * {@code openBetween} (its schedule, exceptions and overrides, as escalation counts them).
   */
  public Summary of(
      String queueId,
      DateRange range,
      Buckets buckets,
      java.util.function.BiFunction<Instant, Instant, Duration> openTime) {
    Map<LocalDate, Long> perDay = new TreeMap<>();
    for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
      perDay.put(day, 0L);
    }
    long[] registered = new long[buckets.size()];
    long[] escalated = new long[buckets.size()];
    long[][] byStatus = new long[buckets.size()][Status.values().length];
    Values waits = new Values();
    Values openWaits = new Values();
    long[] spam = new long[1];
    ContactChunks.forEach(
        dataSource,
        CHUNK,
        queueId,
        range,
        chunkSize,
        (row, created) -> {
          Status status = Status.valueOf(row.getString(3));
          if (status == Status.SPAM) {
            spam[0]++;
            return;
          }
          int bucket = buckets.indexOf(created);
          registered[bucket]++;
          byStatus[bucket][status.ordinal()]++;
          if (ContactChunks.instant(row, 5) != null) {
            escalated[bucket]++;
          }
          perDay.merge(LocalDate.ofInstant(created, range.zone()), 1L, Long::sum);
          Instant firstComment = ContactChunks.instant(row, 4);
          if (firstComment != null) {
            waits.add(Duration.between(created, firstComment).toSeconds());
            openWaits.add(openTime.apply(created, firstComment).toMinutes());
          }
        });
    List<Bucket> counted = new ArrayList<>(buckets.size());
    Map<Status, Long> perStatus = statusCounts(new long[Status.values().length]);
    for (int i = 0; i < buckets.size(); i++) {
      counted.add(
          new Bucket(
              buckets.start(i).atZone(range.zone()).toOffsetDateTime(),
              registered[i],
              escalated[i],
              statusCounts(byStatus[i])));
      for (Status status : perStatus.keySet()) {
        perStatus.merge(status, byStatus[i][status.ordinal()], Long::sum);
      }
    }
    long total = Arrays.stream(registered).sum();
    return new Summary(
        range.from(),
        range.to(),
        buckets.grain().wireName(),
        range.zone().getId(),
        total,
        spam[0],
        Arrays.stream(escalated).sum(),
        counted,
        perDay,
        perStatus,
        waits.median(),
        openWaits.median());
  }

  private static Map<Status, Long> statusCounts(long[] counts) {
    Map<Status, Long> byStatus = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      if (status != Status.SPAM) {
        byStatus.put(status, counts[status.ordinal()]);
      }
    }
    return byStatus;
  }

  /** Longs in a growing array: a million of them take 8 MB, not the 24 MB of boxed Longs. */
  private static final class Values {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    Long median() {
      if (size == 0) {
        return null;
      }
      Arrays.sort(values, 0, size);
      int middle = size / 2;
      return size % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
  }
}
