package io.contactdesk.queues.entity;

import io.contactdesk.platform.JsonColumn;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where chats and registered contacts arrive. A queue is open when its manual override says so, or
 * when it follows its schedule (weekly hours and exceptions in its own time zone) and the schedule
 * is open. While closed it shows its offline mode: the form, a message, or the bot.
 *
 * <p>The form, bot, hours and exceptions are value objects stored as JSON documents: they are
 * always read and replaced as a whole.
 */
@Entity
@Table(name = "queue")
@NamedQuery(name = Queue.ALL, query = "select q from Queue q order by lower(q.name), q.id")
public class Queue {

  public static final String ALL = "Queue.all";

  @Id private String id;

  @Column(nullable = false)
  private String name;

  @Column(name = "time_zone", nullable = false)
  private String timeZone;

  @Enumerated(EnumType.STRING)
  @Column(name = "override_mode", nullable = false)
  private ManualOverride override;

  @Enumerated(EnumType.STRING)
  @Column(name = "offline_mode", nullable = false)
  private OfflineMode offlineMode;

  @Convert(converter = SlotsColumn.class)
  @Column(name = "opening_hours", nullable = false, length = 1_000_000)
  private List<OpeningSlot> openingHours;

  @Convert(converter = ExceptionsColumn.class)
  @Column(name = "schedule_exceptions", nullable = false, length = 1_000_000)
  private List<ScheduleException> exceptions;

  @Convert(converter = TranslationsColumn.class)
  @Column(name = "offline_message", nullable = false, length = 1_000_000)
  private Translations offlineMessage;

  @Convert(converter = BotColumn.class)
  @Column(name = "bot", nullable = false, length = 1_000_000)
  private Bot bot;

  @Convert(converter = FormColumn.class)
  @Column(name = "form", nullable = false, length = 1_000_000)
  private ContactForm form;

  @Convert(converter = OriginsColumn.class)
  @Column(name = "allowed_origins", nullable = false, length = 1_000_000)
  private List<String> allowedOrigins;

  @Column(name = "retention_days", nullable = false)
  private int retentionDays;

  // null: this queue does not escalate
  @Convert(converter = EscalationColumn.class)
  @Column(name = "escalation", length = 10_000)
  private Escalation escalation;

  // when escalation was switched on: contacts registered before are not chased
  @Column(name = "escalation_since")
  private Instant escalationSince;

  @Column(name = "fallback_email")
  private String fallbackEmail;

  // null for a queue stored before the history was kept (OverrideChange rule 1)
  @Convert(converter = OverrideHistoryColumn.class)
  @Column(name = "override_history", length = 100_000)
  private List<OverrideChange> overrideHistory;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version private long version;

  protected Queue() {}

  public Queue(String id, QueueSettings settings, Instant now) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a queue needs an id");
    }
    this.id = id;
    this.createdAt = now;
    reconfigure(settings, now);
  }

  /** Replaces every setting at once, as an admin's PUT does. */
  public void reconfigure(QueueSettings settings, Instant now) {
    List<OverrideChange> historyBefore = overrideHistory();
    this.name = settings.name();
    this.timeZone = settings.timeZone().getId();
    this.openingHours = settings.openingHours();
    this.exceptions = settings.exceptions();
    this.override = settings.override();
    this.offlineMode = settings.offlineMode();
    this.offlineMessage = settings.offlineMessage();
    this.bot = settings.bot();
    this.form = settings.form();
    this.allowedOrigins = settings.allowedOrigins().stream().map(Origin::value).toList();
    this.retentionDays = settings.retentionDays();
    this.overrideHistory = OverrideChange.after(historyBefore, settings.override(), now);
    if (settings.escalation() == null) {
      this.escalationSince = null;
    } else if (this.escalation == null) {
      this.escalationSince = now;
    }
    this.escalation = settings.escalation();
    this.fallbackEmail = settings.fallbackEmail();
    this.updatedAt = now;
  }

  /**
   * How long the queue was open within [{@code from}, {@code to}): by its schedule ({@link
   * OpeningSchedule} rule 7) while it followed it, all the time while an admin had it open by hand,
   * none while closed by hand, as its history of overrides says ({@link OverrideChange}).
   */
  public Duration openBetween(Instant from, Instant to) {
    List<OverrideChange> history = overrideHistory();
    OpeningSchedule schedule = schedule();
    Duration open = Duration.ZERO;
    for (int i = 0; i < history.size(); i++) {
      Instant start = i == 0 ? from : later(from, history.get(i).at());
      Instant end = i + 1 < history.size() ? earlier(to, history.get(i + 1).at()) : to;
      if (end.isAfter(start)) {
        open =
            open.plus(
                switch (history.get(i).override()) {
                  case OPEN -> Duration.between(start, end);
                  case CLOSED -> Duration.ZERO;
                  case SCHEDULE -> schedule.openBetween(start, end);
                });
      }
    }
    return open;
  }

  /**
   * The latest registration time at which a contact has, by {@code now}, waited the escalation's
   * {@code afterOpenMinutes} of open time: every contact registered at or before it is due, none
   * registered after it (to the second; a later one is due at a later check). Empty when the queue
   * does not escalate or no contact can be due yet; it looks back no further than when escalation
   * was switched on and the queue's retention.
   */
  public Optional<Instant> escalationCutOff(Instant now) {
    if (escalation == null) {
      return Optional.empty();
    }
    Duration needed = Duration.ofMinutes(escalation.afterOpenMinutes());
    Instant earliest = now.minus(Duration.ofDays(retentionDays));
    if (escalationSince != null) {
      earliest = later(earliest, escalationSince);
    }
    // open time never exceeds the time that passed: the cut-off is at most now - needed
    Instant notEnough = now.minus(needed).plusNanos(1);
    Instant enough = now.minus(needed);
    Duration step = needed;
    while (openBetween(enough, now).compareTo(needed) < 0) {
      if (!enough.isAfter(earliest)) {
        return Optional.empty();
      }
      notEnough = enough;
      enough = later(enough.minus(step), earliest);
      step = step.multipliedBy(2);
    }
    while (Duration.between(enough, notEnough).compareTo(Duration.ofSeconds(1)) > 0) {
      Instant middle = enough.plus(Duration.between(enough, notEnough).dividedBy(2));
      if (openBetween(middle, now).compareTo(needed) >= 0) {
        enough = middle;
      } else {
        notEnough = middle;
      }
    }
    return enough.isBefore(earliest) ? Optional.empty() : Optional.of(enough);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  public boolean isOpenAt(Instant moment) {
    return switch (override) {
      case OPEN -> true;
      case CLOSED -> false;
      case SCHEDULE -> schedule().isOpenAt(moment);
    };
  }

  /**
   * When the queue opens next, if it is closed and will open by its schedule. Closed by hand has no
   * next opening: nobody knows when an admin will open it again.
   */
  public Optional<Instant> nextOpening(Instant moment) {
    if (override != ManualOverride.SCHEDULE || isOpenAt(moment)) {
      return Optional.empty();
    }
    return schedule().nextOpening(moment);
  }

  public boolean allowsOrigin(Origin origin) {
    return allowedOrigins.contains(origin.value());
  }

  public OpeningSchedule schedule() {
    return new OpeningSchedule(zone(), openingHours, exceptions);
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ZoneId zone() {
    return ZoneId.of(timeZone);
  }

  public ManualOverride override() {
    return override;
  }

  public OfflineMode offlineMode() {
    return offlineMode;
  }

  public Translations offlineMessage() {
    return offlineMessage;
  }

  public Bot bot() {
    return bot;
  }

  public ContactForm form() {
    return form;
  }

  public List<OpeningSlot> openingHours() {
    return openingHours;
  }

  public List<ScheduleException> exceptions() {
    return exceptions;
  }

  public List<Origin> allowedOrigins() {
    return allowedOrigins.stream().map(Origin::new).toList();
  }

  public int retentionDays() {
    return retentionDays;
  }

  public Optional<Escalation> escalation() {
    return Optional.ofNullable(escalation);
  }

  /** When escalation was switched on; null while it is off. */
  public Instant escalationSince() {
    return escalationSince;
  }

  /** Where a contact that would reach nobody is mailed; null when unset. */
  public String fallbackEmail() {
    return fallbackEmail;
  }

  /** The overrides of the queue and from when each held, oldest first ({@link OverrideChange}). */
  public List<OverrideChange> overrideHistory() {
    if (overrideHistory == null || overrideHistory.isEmpty()) {
      return override == null
          ? List.of()
          : List.of(new OverrideChange(createdAt == null ? Instant.EPOCH : createdAt, override));
    }
    return overrideHistory;
  }

  public static class SlotsColumn extends JsonColumn<List<OpeningSlot>> {}

  public static class ExceptionsColumn extends JsonColumn<List<ScheduleException>> {}

  public static class TranslationsColumn extends JsonColumn<Translations> {}

  public static class BotColumn extends JsonColumn<Bot> {}

  public static class FormColumn extends JsonColumn<ContactForm> {}

  public static class OriginsColumn extends JsonColumn<List<String>> {}

  public static class EscalationColumn extends JsonColumn<Escalation> {}

  public static class OverrideHistoryColumn extends JsonColumn<List<OverrideChange>> {}
}
