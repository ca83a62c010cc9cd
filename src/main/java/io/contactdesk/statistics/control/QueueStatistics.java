package io.contactdesk.statistics.control;

import io.contactdesk.contacts.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
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

  static final String CHUNK = ContactChunks.query("id, created_at, status, first_comment_at", "");

  @Inject DataSource dataSource;

  static final int CHUNK_SIZE = 10_000;

  int chunkSize = CHUNK_SIZE;

  public record Summary(
      LocalDate from,
      LocalDate to,
      long total,
      long spam,
      Map<LocalDate, Long> perDay,
      Map<Status, Long> perStatus,
      Long medianSecondsToFirstComment) {}

  public Summary of(String queueId, DateRange range) {
    Map<LocalDate, Long> perDay = new TreeMap<>();
    for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
      perDay.put(day, 0L);
    }
    Map<Status, Long> perStatus = new EnumMap<>(Status.class);
    for (Status status : Status.values()) {
      if (status != Status.SPAM) {
        perStatus.put(status, 0L);
      }
    }
    Seconds waits = new Seconds();
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
          perDay.merge(LocalDate.ofInstant(created, range.zone()), 1L, Long::sum);
          perStatus.merge(status, 1L, Long::sum);
          Instant firstComment = ContactChunks.instant(row, 4);
          if (firstComment != null) {
            waits.add(Duration.between(created, firstComment).toSeconds());
          }
        });
    long total = perStatus.values().stream().mapToLong(Long::longValue).sum();
    return new Summary(range.from(), range.to(), total, spam[0], perDay, perStatus, waits.median());
  }

  /** Seconds in a growing array: a million of them take 8 MB, not the 24 MB of boxed Longs. */
  private static final class Seconds {
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
