package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PlainText;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything an admin sets on a queue, applied to a {@link Queue} as a whole. Whoever builds one
 * (an admin's request, the first start's demo queue) meets the same rules, each reported under the
 * field's JSON path in the admin API:
 *
 * <ol>
 *   <li>{@code name}: one line of 1 to {@value #MAX_NAME_LENGTH} characters, trimmed.
 *   <li>At most {@value #MAX_SLOTS} weekly {@code openingHours} and {@value #MAX_EXCEPTIONS} {@code
 *       exceptions}.
 *   <li>At most {@value #MAX_ORIGINS} {@code allowedOrigins}; the same origin twice is kept once.
 *   <li>{@code retentionDays}: contacts are kept 1 to {@value #MAX_RETENTION_DAYS} days, {@value
 *       #DEFAULT_RETENTION_DAYS} unless the admin says otherwise.
 *   <li>The offline message: at most {@value #MAX_MESSAGE_LENGTH} characters per language.
 *   <li>{@code escalation}: none (the queue does not escalate), or an {@link Escalation} with its
 *       own rules.
 *   <li>{@code fallbackEmail}: none, or an e-mail address of at most {@value #MAX_EMAIL_LENGTH}
 *       characters, trimmed; it gets the link-only mail of a contact that would reach nobody.
 * </ol>
 */
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
    List<Origin> allowedOrigins,
    int retentionDays,
    Escalation escalation,
    String fallbackEmail) {

  public static final int MAX_NAME_LENGTH = 100;
  public static final int MAX_SLOTS = 100;
  public static final int MAX_EXCEPTIONS = MAX_SLOTS * 4;
  public static final int MAX_ORIGINS = 50;
  public static final int MIN_RETENTION_DAYS = 1;
  public static final int MAX_RETENTION_DAYS = 3650;
  public static final int DEFAULT_RETENTION_DAYS = 365;
  public static final int MAX_MESSAGE_LENGTH = 5000;
  public static final int MAX_EMAIL_LENGTH = 254;

  /** Settings of a queue that neither escalates nor has a fallback address. */
  public QueueSettings(
      String name,
      ZoneId timeZone,
      List<OpeningSlot> openingHours,
      List<ScheduleException> exceptions,
      ManualOverride override,
      OfflineMode offlineMode,
      Translations offlineMessage,
      Bot bot,
      ContactForm form,
      List<Origin> allowedOrigins,
      int retentionDays) {
    this(
        name,
        timeZone,
        openingHours,
        exceptions,
        override,
        offlineMode,
        offlineMessage,
        bot,
        form,
        allowedOrigins,
        retentionDays,
        null,
        null);
  }

  /**
   * @throws InvalidInput naming every broken rule at once
   */
  public QueueSettings {
    var errors = new InvalidInput.Collector();
    name = name == null ? "" : name.strip();
    if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      errors.add("name", "is required, at most " + MAX_NAME_LENGTH + " characters");
    } else if (PlainText.problem(name, false) != null) {
      errors.add("name", PlainText.problem(name, false));
    }
    Objects.requireNonNull(timeZone);
    openingHours = List.copyOf(openingHours);
    if (openingHours.size() > MAX_SLOTS) {
      errors.add("openingHours", "at most " + MAX_SLOTS + " slots");
    }
    exceptions = List.copyOf(exceptions);
    if (exceptions.size() > MAX_EXCEPTIONS) {
      errors.add("exceptions", "at most " + MAX_EXCEPTIONS + " exceptions");
    }
    Objects.requireNonNull(override);
    Objects.requireNonNull(offlineMode);
    Objects.requireNonNull(offlineMessage);
    Objects.requireNonNull(bot);
    Objects.requireNonNull(form);
    allowedOrigins = List.copyOf(new LinkedHashSet<>(allowedOrigins));
    if (allowedOrigins.size() > MAX_ORIGINS) {
      errors.add("allowedOrigins", "at most " + MAX_ORIGINS + " origins");
    }
    if (retentionDays < MIN_RETENTION_DAYS || retentionDays > MAX_RETENTION_DAYS) {
      errors.add(
          "retentionDays", "must be between " + MIN_RETENTION_DAYS + " and " + MAX_RETENTION_DAYS);
    }
    if (fallbackEmail != null) {
      fallbackEmail = fallbackEmail.strip();
      if (fallbackEmail.isEmpty()) {
        fallbackEmail = null;
      } else if (fallbackEmail.length() > MAX_EMAIL_LENGTH || !PlainText.isEmail(fallbackEmail)) {
        errors.add("fallbackEmail", "must be an e-mail address such as support@example.com");
      }
    }
    errors.throwIfAny();
  }
}
