package io.contactdesk.queues.entity;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/** Everything an admin sets on a queue, already checked; applied to a {@link Queue} as a whole. */
public record QueueSettings(
    String name,
    ZoneId timeZone,
    List<OpeningSlot> openingHours,
    List<ScheduleException> exceptions,
    ManualOverride override,
    OfflineMode offlineMode,
    Translations offlineMessage,
    Bot bot,
    ContactForm form,
    List<String> allowedOrigins,
    int retentionDays) {

  public static final int DEFAULT_RETENTION_DAYS = 365;

  public QueueSettings {
    Objects.requireNonNull(name);
    Objects.requireNonNull(timeZone);
    openingHours = List.copyOf(openingHours);
    exceptions = List.copyOf(exceptions);
    Objects.requireNonNull(override);
    Objects.requireNonNull(offlineMode);
    Objects.requireNonNull(offlineMessage);
    Objects.requireNonNull(bot);
    Objects.requireNonNull(form);
    allowedOrigins = List.copyOf(allowedOrigins);
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retentionDays must be positive");
    }
  }
}
