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
    this.updatedAt = now;
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

  public static class SlotsColumn extends JsonColumn<List<OpeningSlot>> {}

  public static class ExceptionsColumn extends JsonColumn<List<ScheduleException>> {}

  public static class TranslationsColumn extends JsonColumn<Translations> {}

  public static class BotColumn extends JsonColumn<Bot> {}

  public static class FormColumn extends JsonColumn<ContactForm> {}

  public static class OriginsColumn extends JsonColumn<List<String>> {}
}
