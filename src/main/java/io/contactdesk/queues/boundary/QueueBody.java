package io.contactdesk.queues.boundary;

import io.contactdesk.platform.Constraints;
import io.contactdesk.platform.Constraints.TimeZoneId;
import io.contactdesk.platform.Constraints.WireName;
import io.contactdesk.platform.DomainInput;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Bot;
import io.contactdesk.queues.entity.BotAnswer;
import io.contactdesk.queues.entity.ContactForm;
import io.contactdesk.queues.entity.Escalation;
import io.contactdesk.queues.entity.FieldOption;
import io.contactdesk.queues.entity.FieldType;
import io.contactdesk.queues.entity.FormField;
import io.contactdesk.queues.entity.ManualOverride;
import io.contactdesk.queues.entity.OfflineMode;
import io.contactdesk.queues.entity.OpeningSlot;
import io.contactdesk.queues.entity.Origin;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import io.contactdesk.queues.entity.ScheduleException;
import io.contactdesk.queues.entity.Translations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A queue as an admin writes and reads it (SPEC, Admin). Its constraints are the wire's: a time
 * zone id, day and enum names. What the settings mean is checked by the domain objects they become
 * ({@link QueueSettings}, {@link OpeningSlot}, {@link ScheduleException}, {@link Bot}, {@link
 * FormField}, {@link ContactForm}, {@link Origin}, {@link Translations}), in the same validation
 * pass ({@link DomainInput.Meets}), so an admin sees every failing field at once.
 */
@DomainInput.Meets
public record QueueBody(
    String name,
    @NotNull(message = "is required, e.g. Europe/Helsinki") @TimeZoneId String timeZone,
    List<@NotNull(message = "must not be null") @Valid SlotBody> openingHours,
    List<@NotNull(message = "must not be null") ExceptionBody> exceptions,
    @WireName(value = ManualOverride.class, message = "must be one of [SCHEDULE, OPEN, CLOSED]")
        String override,
    @Valid OfflineBody offline,
    @Valid FormBody form,
    List<String> allowedOrigins,
    Integer retentionDays,
    EscalationBody escalation,
    String fallbackEmail,
    Reach reach)
    implements DomainInput {

  /**
   * Who a new contact of the queue reaches now, answered by a GET and ignored in a PUT: its
   * members, those of them who get e-mail, those online with sound or desktop on.
   */
  public record Reach(int members, int email, int live) {}

  /** The same queue answered with its reach. */
  QueueBody withReach(Reach now) {
    return new QueueBody(
        name,
        timeZone,
        openingHours,
        exceptions,
        override,
        offline,
        form,
        allowedOrigins,
        retentionDays,
        escalation,
        fallbackEmail,
        now);
  }

  /**
   * When a contact nobody answered is chased, and who is told ({@link Escalation}); absent or null:
   * the queue does not escalate.
   */
  public static final class EscalationBody {
    // a class with public fields, not a record: a record component cannot be called notify
    public Integer afterOpenMinutes;
    public List<String> notify;

    public EscalationBody() {}

    public EscalationBody(Integer afterOpenMinutes, List<String> notify) {
      this.afterOpenMinutes = afterOpenMinutes;
      this.notify = notify;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof EscalationBody that
          && java.util.Objects.equals(afterOpenMinutes, that.afterOpenMinutes)
          && java.util.Objects.equals(notify, that.notify);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(afterOpenMinutes, notify);
    }
  }

  /** One weekly slot; the day in any letter case, the times as {@link OpeningSlot} reads them. */
  public record SlotBody(
      @NotNull(message = "is required")
          @WireName(value = DayOfWeek.class, message = "must be a day of the week such as MONDAY")
          String day,
      String from,
      String to) {}

  public record ExceptionBody(
      String date, Boolean annual, String from, String to, Boolean closed) {}

  public record OfflineBody(
      @WireName(value = OfflineMode.class, message = "must be one of [FORM, MESSAGE, BOT]")
          String mode,
      Map<String, String> message,
      BotBody bot) {}

  public record BotBody(Map<String, String> greeting, List<BotAnswerBody> answers) {}

  public record BotAnswerBody(
      List<String> keywords, Map<String, String> reply, Map<String, String> label) {}

  public record FormBody(List<@NotNull(message = "must not be null") FieldBody> fields) {}

  /** A form field; {@code type} is the wire name ({@code text}, {@code select}, ...). */
  public record FieldBody(
      String name,
      Map<String, String> label,
      String type,
      Boolean required,
      Integer maxLength,
      Boolean hidden,
      List<OptionBody> options) {}

  public record OptionBody(String value, Map<String, String> label) {}

  @Override
  public void checkDomainRules() {
    toSettings();
  }

  /**
   * The settings this body describes. Throws {@link InvalidInput} with every domain rule it breaks
   * at once; a value the wire constraints refuse is replaced by its default here, so the rest is
   * still checked and the constraint alone reports it.
   */
  QueueSettings toSettings() {
    var errors = new InvalidInput.Collector();
    ZoneId zone = zone(timeZone);
    List<OpeningSlot> slots = new ArrayList<>();
    List<SlotBody> givenSlots = openingHours == null ? List.of() : openingHours;
    for (int i = 0; i < givenSlots.size(); i++) {
      SlotBody s = givenSlots.get(i);
      if (s != null) {
        // a day the constraint refuses stands in as Monday, so the times are still checked
        DayOfWeek day =
            Constraints.wireValue(DayOfWeek.class, s.day(), false).orElse(DayOfWeek.MONDAY);
        collect(
            errors,
            "openingHours[" + i + "].",
            () -> OpeningSlot.parse(day, s.from(), s.to()),
            slots);
      }
    }
    List<ScheduleException> dated = new ArrayList<>();
    List<ExceptionBody> givenExceptions = exceptions == null ? List.of() : exceptions;
    for (int i = 0; i < givenExceptions.size(); i++) {
      ExceptionBody e = givenExceptions.get(i);
      if (e != null) {
        collect(
            errors,
            "exceptions[" + i + "].",
            () ->
                ScheduleException.parse(
                    e.date(),
                    Boolean.TRUE.equals(e.annual()),
                    e.from(),
                    e.to(),
                    Boolean.TRUE.equals(e.closed())),
            dated);
      }
    }
    ManualOverride manual =
        Constraints.wireValue(ManualOverride.class, override, false)
            .orElse(ManualOverride.SCHEDULE);
    OfflineBody off = offline == null ? new OfflineBody(null, null, null) : offline;
    OfflineMode mode =
        Constraints.wireValue(OfflineMode.class, off.mode(), false).orElse(OfflineMode.FORM);
    Translations message =
        translations(off.message(), QueueSettings.MAX_MESSAGE_LENGTH, "offline.message", errors);
    Bot bot = bot(off.bot(), errors);
    ContactForm contactForm = form(errors);
    List<Origin> origins = origins(errors);
    int retention = retentionDays == null ? QueueSettings.DEFAULT_RETENTION_DAYS : retentionDays;
    Escalation chase = escalation(errors);
    QueueSettings settings = null;
    try {
      settings =
          new QueueSettings(
              name,
              zone,
              slots,
              dated,
              manual,
              mode,
              message,
              bot,
              contactForm,
              origins,
              retention,
              chase,
              fallbackEmail);
    } catch (InvalidInput e) {
      errors.addAll("", e);
    }
    errors.throwIfAny();
    return settings;
  }

  private static ZoneId zone(String timeZone) {
    try {
      return ZoneId.of(timeZone);
    } catch (RuntimeException e) {
      return ZoneId.of("UTC"); // refused by @TimeZoneId
    }
  }

  private static <T> void collect(
      InvalidInput.Collector errors, String path, Supplier<T> parse, List<T> into) {
    try {
      into.add(parse.get());
    } catch (InvalidInput e) {
      errors.addAll(path, e);
    }
  }

  private static Translations translations(
      Map<String, String> texts, int maxLength, String path, InvalidInput.Collector errors) {
    try {
      return Translations.parse(texts, maxLength, path);
    } catch (InvalidInput e) {
      errors.addAll("", e);
      return Translations.NONE;
    }
  }

  private static Bot bot(BotBody body, InvalidInput.Collector errors) {
    if (body == null) {
      return Bot.NONE;
    }
    Translations greeting =
        translations(body.greeting(), Bot.MAX_GREETING_LENGTH, "offline.bot.greeting", errors);
    List<BotAnswer> answers = new ArrayList<>();
    List<BotAnswerBody> given = body.answers() == null ? List.of() : body.answers();
    for (int i = 0; i < given.size(); i++) {
      String path = "offline.bot.answers[" + i + "].";
      BotAnswerBody a = given.get(i) == null ? new BotAnswerBody(null, null, null) : given.get(i);
      Translations reply =
          translations(a.reply(), BotAnswer.MAX_REPLY_LENGTH, path + "reply", errors);
      Translations label =
          translations(a.label(), BotAnswer.MAX_LABEL_LENGTH, path + "label", errors);
      collect(errors, path, () -> new BotAnswer(a.keywords(), reply, label), answers);
    }
    try {
      return new Bot(greeting, answers);
    } catch (InvalidInput e) {
      errors.addAll("offline.bot.", e);
      return Bot.NONE;
    }
  }

  private ContactForm form(InvalidInput.Collector errors) {
    List<FieldBody> given = form == null || form.fields() == null ? List.of() : form.fields();
    List<FormField> fields = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      FieldBody f = given.get(i);
      if (f == null) {
        continue; // refused by @NotNull
      }
      String path = "form.fields[" + i + "]";
      List<FieldOption> options =
          f.options() == null
              ? null
              : f.options().stream()
                  .map(
                      o ->
                          o == null
                              ? null
                              : new FieldOption(
                                  o.value(),
                                  translations(
                                      o.label(),
                                      FieldOption.MAX_LABEL_LENGTH,
                                      path + ".options",
                                      errors)))
                  .toList();
      try {
        fields.add(
            FormField.define(
                path,
                f.name(),
                f.label(),
                FieldType.fromWire(f.type()).orElse(null),
                f.required(),
                f.maxLength(),
                f.hidden(),
                options));
      } catch (InvalidInput e) {
        errors.addAll("", e);
      }
    }
    try {
      return ContactForm.of(fields);
    } catch (InvalidInput e) {
      errors.addAll("", e);
      return ContactForm.EMPTY;
    }
  }

  private Escalation escalation(InvalidInput.Collector errors) {
    if (escalation == null) {
      return null;
    }
    if (escalation.afterOpenMinutes == null) {
      errors.add("escalation.afterOpenMinutes", "is required, e.g. 60");
      return null;
    }
    try {
      return new Escalation(escalation.afterOpenMinutes, escalation.notify);
    } catch (InvalidInput e) {
      errors.addAll("escalation.", e);
      return null;
    }
  }

  private List<Origin> origins(InvalidInput.Collector errors) {
    List<String> given = allowedOrigins == null ? List.of() : allowedOrigins;
    List<Origin> origins = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String path = "allowedOrigins[" + i + "]";
      Origin.parse(given.get(i))
          .ifPresentOrElse(origins::add, () -> errors.add(path, Origin.PROBLEM));
    }
    return origins;
  }

  static QueueBody of(Queue queue) {
    return new QueueBody(
        queue.name(),
        queue.zone().getId(),
        queue.openingHours().stream()
            .map(s -> new SlotBody(s.day().name(), s.fromText(), s.toText()))
            .toList(),
        queue.exceptions().stream()
            .map(
                e ->
                    new ExceptionBody(
                        e.date().toString(),
                        e.annual(),
                        text(e.from()),
                        e.to() == null ? null : endText(e),
                        e.closed()))
            .toList(),
        queue.override().name(),
        new OfflineBody(
            queue.offlineMode().name(),
            queue.offlineMessage().texts(),
            new BotBody(
                queue.bot().greeting().texts(),
                queue.bot().answers().stream()
                    .map(a -> new BotAnswerBody(a.keywords(), a.reply().texts(), a.label().texts()))
                    .toList())),
        new FormBody(
            queue.form().fields().stream()
                .map(
                    f ->
                        new FieldBody(
                            f.name(),
                            f.label().texts(),
                            f.type().wireName(),
                            f.required(),
                            f.maxLength(),
                            f.hidden(),
                            f.options().stream()
                                .map(o -> new OptionBody(o.value(), o.label().texts()))
                                .toList()))
                .toList()),
        queue.allowedOrigins().stream().map(Origin::value).toList(),
        queue.retentionDays(),
        queue
            .escalation()
            .map(e -> new EscalationBody(e.afterOpenMinutes(), e.notified()))
            .orElse(null),
        queue.fallbackEmail(),
        null);
  }

  private static String text(java.time.LocalTime time) {
    return time == null ? null : String.format("%02d:%02d", time.getHour(), time.getMinute());
  }

  private static String endText(ScheduleException e) {
    return e.to().equals(java.time.LocalTime.MIDNIGHT)
            && !e.from().equals(java.time.LocalTime.MIDNIGHT)
        ? "24:00"
        : text(e.to());
  }
}
