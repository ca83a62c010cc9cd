package io.contactdesk.queues.boundary;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PlainText;
import io.contactdesk.queues.entity.Bot;
import io.contactdesk.queues.entity.BotAnswer;
import io.contactdesk.queues.entity.ContactForm;
import io.contactdesk.queues.entity.FieldOption;
import io.contactdesk.queues.entity.FormField;
import io.contactdesk.queues.entity.ManualOverride;
import io.contactdesk.queues.entity.OfflineMode;
import io.contactdesk.queues.entity.OpeningSlot;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import io.contactdesk.queues.entity.ScheduleException;
import io.contactdesk.queues.entity.Translations;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** A queue as an admin writes and reads it (SPEC, Admin). */
public record QueueBody(
    String name,
    String timeZone,
    List<SlotBody> openingHours,
    List<ExceptionBody> exceptions,
    String override,
    OfflineBody offline,
    FormBody form,
    List<String> allowedOrigins,
    Integer retentionDays) {

  public record SlotBody(String day, String from, String to) {}

  public record ExceptionBody(
      String date, Boolean annual, String from, String to, Boolean closed) {}

  public record OfflineBody(String mode, Map<String, String> message, BotBody bot) {}

  public record BotBody(Map<String, String> greeting, List<BotAnswerBody> answers) {}

  public record BotAnswerBody(List<String> keywords, Map<String, String> reply) {}

  public record FormBody(List<FieldBody> fields) {}

  public record FieldBody(
      String name,
      Map<String, String> label,
      String type,
      Boolean required,
      Integer maxLength,
      Boolean hidden,
      List<OptionBody> options) {}

  public record OptionBody(String value, Map<String, String> label) {}

  static final int MAX_SLOTS = 100;
  static final int MAX_ORIGINS = 50;

  /** Checks the whole body and reports every problem at once, keyed by its JSON path. */
  QueueSettings toSettings() {
    var errors = new InvalidInput.Collector();
    String cleanName = name == null ? "" : name.strip();
    if (cleanName.isEmpty() || cleanName.length() > 100) {
      errors.add("name", "is required, at most 100 characters");
    } else if (PlainText.problem(cleanName, false) != null) {
      errors.add("name", PlainText.problem(cleanName, false));
    }
    ZoneId zone = ZoneId.of("UTC");
    if (timeZone == null) {
      errors.add("timeZone", "is required, e.g. Europe/Helsinki");
    } else {
      try {
        zone = ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        errors.add("timeZone", "must be a time zone such as Europe/Helsinki");
      }
    }
    List<OpeningSlot> slots = new ArrayList<>();
    List<SlotBody> givenSlots = openingHours == null ? List.of() : openingHours;
    if (givenSlots.size() > MAX_SLOTS) {
      errors.add("openingHours", "at most " + MAX_SLOTS + " slots");
    }
    for (int i = 0; i < givenSlots.size() && i < MAX_SLOTS; i++) {
      SlotBody s = givenSlots.get(i);
      collect(
          errors,
          "openingHours[" + i + "].",
          s == null ? null : () -> OpeningSlot.parse(s.day(), s.from(), s.to()),
          slots);
    }
    List<ScheduleException> dated = new ArrayList<>();
    List<ExceptionBody> givenExceptions = exceptions == null ? List.of() : exceptions;
    if (givenExceptions.size() > MAX_SLOTS * 4) {
      errors.add("exceptions", "at most " + MAX_SLOTS * 4 + " exceptions");
    }
    for (int i = 0; i < givenExceptions.size() && i < MAX_SLOTS * 4; i++) {
      ExceptionBody e = givenExceptions.get(i);
      collect(
          errors,
          "exceptions[" + i + "].",
          e == null
              ? null
              : () ->
                  ScheduleException.parse(
                      e.date(),
                      Boolean.TRUE.equals(e.annual()),
                      e.from(),
                      e.to(),
                      Boolean.TRUE.equals(e.closed())),
          dated);
    }
    ManualOverride manual =
        parseEnum(ManualOverride.class, override, ManualOverride.SCHEDULE, "override", errors);
    OfflineBody off = offline == null ? new OfflineBody(null, null, null) : offline;
    OfflineMode mode =
        parseEnum(OfflineMode.class, off.mode(), OfflineMode.FORM, "offline.mode", errors);
    Translations message = translations(off.message(), 5000, "offline.message", errors);
    Bot bot = bot(off.bot(), errors);
    ContactForm contactForm = form(errors);
    List<String> origins = origins(errors);
    int retention = retentionDays == null ? QueueSettings.DEFAULT_RETENTION_DAYS : retentionDays;
    if (retention < 1 || retention > 3650) {
      errors.add("retentionDays", "must be between 1 and 3650");
    }
    errors.throwIfAny();
    return new QueueSettings(
        cleanName, zone, slots, dated, manual, mode, message, bot, contactForm, origins, retention);
  }

  private static <T> void collect(
      InvalidInput.Collector errors, String path, Supplier<T> parse, List<T> into) {
    if (parse == null) {
      errors.add(path.substring(0, path.length() - 1), "must not be null");
      return;
    }
    try {
      into.add(parse.get());
    } catch (InvalidInput e) {
      errors.addAll(path, e);
    }
  }

  private static <E extends Enum<E>> E parseEnum(
      Class<E> type, String value, E fallback, String path, InvalidInput.Collector errors) {
    if (value == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(value.toUpperCase(Locale.ROOT))) {
        return constant;
      }
    }
    errors.add(path, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
    return fallback;
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
    Translations greeting = translations(body.greeting(), 2000, "offline.bot.greeting", errors);
    List<BotAnswer> answers = new ArrayList<>();
    List<BotAnswerBody> given = body.answers() == null ? List.of() : body.answers();
    if (given.size() > 200) {
      errors.add("offline.bot.answers", "at most 200 answers");
    }
    for (int i = 0; i < given.size() && i < 200; i++) {
      String path = "offline.bot.answers[" + i + "]";
      BotAnswerBody a = given.get(i);
      if (a == null || a.keywords() == null || a.keywords().isEmpty()) {
        errors.add(path + ".keywords", "needs at least one keyword");
        continue;
      }
      if (a.keywords().size() > 50
          || a.keywords().stream().anyMatch(k -> k == null || k.isBlank() || k.length() > 100)) {
        errors.add(path + ".keywords", "at most 50 keywords of 1 to 100 characters");
      }
      Translations reply = translations(a.reply(), 5000, path + ".reply", errors);
      if (reply.isEmpty()) {
        errors.add(path + ".reply", "needs a text in at least one language");
      }
      answers.add(
          new BotAnswer(
              a.keywords().stream().map(k -> k == null ? "" : k.strip()).toList(), reply));
    }
    return new Bot(greeting, answers);
  }

  private ContactForm form(InvalidInput.Collector errors) {
    List<FieldBody> given = form == null || form.fields() == null ? List.of() : form.fields();
    if (given.size() > ContactForm.MAX_FIELDS) {
      errors.add("form.fields", "a form has at most " + ContactForm.MAX_FIELDS + " fields");
      return ContactForm.EMPTY;
    }
    List<FormField> fields = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      FieldBody f = given.get(i);
      String path = "form.fields[" + i + "]";
      if (f == null) {
        errors.add(path, "must not be null");
        continue;
      }
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
                                  translations(o.label(), 500, path + ".options", errors)))
                  .toList();
      try {
        fields.add(
            FormField.define(
                path,
                f.name(),
                f.label(),
                f.type(),
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

  private List<String> origins(InvalidInput.Collector errors) {
    List<String> given = allowedOrigins == null ? List.of() : allowedOrigins;
    if (given.size() > MAX_ORIGINS) {
      errors.add("allowedOrigins", "at most " + MAX_ORIGINS + " origins");
      return List.of();
    }
    List<String> origins = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String origin = normaliseOrigin(given.get(i));
      if (origin == null) {
        errors.add(
            "allowedOrigins[" + i + "]",
            "must be an origin such as https://www.example.com (no path)");
      } else if (!origins.contains(origin)) {
        origins.add(origin);
      }
    }
    return origins;
  }

  /** {@code https://Example.com:443/} becomes {@code https://example.com}; anything else null. */
  static String normaliseOrigin(String value) {
    if (value == null || value.length() > 300) {
      return null;
    }
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean http = scheme.equals("http") || scheme.equals("https");
      boolean bare =
          (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (!http || uri.getHost() == null || !bare) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return scheme
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + (defaultPort ? "" : ":" + port);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
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
                    .map(a -> new BotAnswerBody(a.keywords(), a.reply().texts()))
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
        queue.allowedOrigins(),
        queue.retentionDays());
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
