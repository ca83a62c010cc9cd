package io.contactdesk.statistics.control;

import io.contactdesk.contacts.entity.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts for a queue and date range: per day (in the queue's time zone), per status, and the median
 * time from registration to the first comment. Spam is counted apart and left out of the rest.
 */
@ApplicationScoped
public class QueueStatistics {

  @Inject EntityManager em;

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
    List<Long> waits = new ArrayList<>();
    long[] counts = new long[2];
    em.createQuery(
            "select c.createdAt, c.status,"
                + " (select min(m.at) from Comment m where m.contactId = c.id)"
                + " from Contact c where c.queueId = :queueId and c.createdAt >= :start and c.createdAt < :end",
            Object[].class)
        .setParameter("queueId", queueId)
        .setParameter("start", range.start())
        .setParameter("end", range.end())
        .getResultStream()
        .forEach(
            row -> {
              Instant created = (Instant) row[0];
              Status status = (Status) row[1];
              if (status == Status.SPAM) {
                counts[1]++;
                return;
              }
              counts[0]++;
              perDay.merge(LocalDate.ofInstant(created, range.zone()), 1L, Long::sum);
              perStatus.merge(status, 1L, Long::sum);
              if (row[2] instanceof Instant firstComment) {
                waits.add(Duration.between(created, firstComment).toSeconds());
              }
            });
    return new Summary(
        range.from(), range.to(), counts[0], counts[1], perDay, perStatus, median(waits));
  }

  private static Long median(List<Long> values) {
    if (values.isEmpty()) {
      return null;
    }
    values.sort(null);
    int middle = values.size() / 2;
    return values.size() % 2 == 1
        ? values.get(middle)
        : (values.get(middle - 1) + values.get(middle)) / 2;
  }
}
