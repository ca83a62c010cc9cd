package io.contactdesk.queues.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.ViolationFields;
import io.contactdesk.queues.entity.Origin;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueBodyTest {

  private static final Validator VALIDATOR =
      Validation.buildDefaultValidatorFactory().getValidator();

  /**
   * What the admin API answers in {@code fields}: the wire's constraints and the domain's rules.
   */
  private static Map<String, String> problems(QueueBody body) {
    return ViolationFields.of(VALIDATOR.validate(body));
  }

  private static QueueBody withSlot(QueueBody.SlotBody slot) {
    return new QueueBody(
        "Sales",
        "Europe/Helsinki",
        List.of(slot),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void a_minimal_body_gets_the_documented_defaults() {
    QueueBody body =
        new QueueBody(
            "Sales", "Europe/Helsinki", null, null, null, null, null, null, null, null, null, null);
    QueueSettings settings = body.toSettings();

    assertThat(problems(body)).isEmpty();
    assertThat(settings.override().name()).isEqualTo("SCHEDULE");
    assertThat(settings.offlineMode().name()).isEqualTo("FORM");
    assertThat(settings.retentionDays()).isEqualTo(QueueSettings.DEFAULT_RETENTION_DAYS);
  }

  @Test
  void what_an_admin_stores_reads_back_the_same() {
    QueueBody body =
        new QueueBody(
            "Sales",
            "Europe/Helsinki",
            List.of(
                new QueueBody.SlotBody("FRIDAY", "22:00", "02:00"),
                new QueueBody.SlotBody("MONDAY", "08:00", "24:00")),
            List.of(
                new QueueBody.ExceptionBody("2026-12-24", true, null, null, true),
                new QueueBody.ExceptionBody("2026-12-31", false, "10:00", "14:00", false)),
            "CLOSED",
            new QueueBody.OfflineBody(
                "BOT",
                Map.of("en", "Closed"),
                new QueueBody.BotBody(
                    Map.of("en", "Hi"),
                    List.of(
                        new QueueBody.BotAnswerBody(
                            List.of("price"),
                            Map.of("en", "See pricing"),
                            Map.of("fi", "Hinnat"))))),
            new QueueBody.FormBody(
                List.of(
                    new QueueBody.FieldBody(
                        "topic",
                        Map.of("en", "Topic"),
                        "select",
                        true,
                        50,
                        false,
                        List.of(new QueueBody.OptionBody("billing", Map.of("en", "Billing")))))),
            List.of("https://shop.example.com"),
            30,
            null,
            null,
            null);

    QueueBody stored = QueueBody.of(new Queue("sales", body.toSettings(), Instant.EPOCH));

    assertThat(problems(body)).isEmpty();
    assertThat(stored).isEqualTo(body);
  }

  @Test
  void every_problem_of_a_queue_is_reported_with_its_path() {
    QueueBody body =
        new QueueBody(
            " ",
            "Mars/Olympus",
            List.of(new QueueBody.SlotBody("FUNDAY", "8", "16:00")),
            List.of(new QueueBody.ExceptionBody("2026-13-01", false, null, null, false)),
            "SOMETIMES",
            new QueueBody.OfflineBody("CHAT", null, null),
            null,
            List.of("https://ok.example.com", "https://bad.example.com/page"),
            0,
            null,
            null,
            null);

    assertThat(problems(body))
        .containsKeys(
            "name",
            "timeZone",
            "openingHours[0].day",
            "openingHours[0].from",
            "exceptions[0].date",
            "override",
            "offline.mode",
            "allowedOrigins[1]",
            "retentionDays")
        .containsEntry("allowedOrigins[1]", Origin.PROBLEM)
        .containsEntry("override", "must be one of [SCHEDULE, OPEN, CLOSED]");
  }

  @Test
  void escalation_and_fallback_address_read_back_the_same() {
    QueueBody body =
        new QueueBody(
            "Sales",
            "Europe/Helsinki",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new QueueBody.EscalationBody(60, List.of("mia", "olli")),
            "team@example.com",
            null);

    QueueBody stored = QueueBody.of(new Queue("sales", body.toSettings(), Instant.EPOCH));

    assertThat(problems(body)).isEmpty();
    assertThat(stored.escalation()).isEqualTo(body.escalation());
    assertThat(stored.fallbackEmail()).isEqualTo("team@example.com");
    assertThat(
            QueueBody.of(
                    new Queue(
                        "q",
                        withSlot(new QueueBody.SlotBody("MONDAY", "08:00", "16:00")).toSettings(),
                        Instant.EPOCH))
                .escalation())
        .as("no escalation unless asked for")
        .isNull();
  }

  @Test
  void escalation_and_fallback_problems_are_reported_with_their_paths() {
    QueueBody body =
        new QueueBody(
            "Sales",
            "Europe/Helsinki",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new QueueBody.EscalationBody(0, java.util.Arrays.asList("mia", null)),
            "not an address",
            null);

    assertThat(problems(body))
        .containsOnlyKeys("escalation.afterOpenMinutes", "escalation.notify[1]", "fallbackEmail");
    assertThat(
            problems(
                new QueueBody(
                    "Sales",
                    "Europe/Helsinki",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    new QueueBody.EscalationBody(null, null),
                    null,
                    null)))
        .containsOnlyKeys("escalation.afterOpenMinutes");
  }

  @Test
  void a_missing_list_element_is_reported_under_its_index() {
    QueueBody body =
        new QueueBody(
            "Sales",
            "Europe/Helsinki",
            java.util.Arrays.asList((QueueBody.SlotBody) null),
            null,
            null,
            null,
            new QueueBody.FormBody(java.util.Arrays.asList((QueueBody.FieldBody) null)),
            null,
            null,
            null,
            null,
            null);

    assertThat(problems(body))
        .containsOnly(
            Map.entry("openingHours[0]", "must not be null"),
            Map.entry("form.fields[0]", "must not be null"));
  }

  @Test
  void the_day_of_a_slot_is_read_in_any_letter_case() {
    for (String day : List.of("monday", "Sunday", "FRIDAY")) {
      QueueBody body = withSlot(new QueueBody.SlotBody(day, "08:00", "16:00"));

      assertThat(problems(body)).isEmpty();
      assertThat(body.toSettings().openingHours().get(0).day())
          .isEqualTo(DayOfWeek.valueOf(day.toUpperCase()));
    }
  }

  @Test
  void a_slot_reports_its_day_with_its_times_at_once() {
    assertThat(problems(withSlot(new QueueBody.SlotBody("Funday", "8:00", "25:00"))))
        .containsOnlyKeys("openingHours[0].day", "openingHours[0].from", "openingHours[0].to")
        .containsEntry("openingHours[0].day", "must be a day of the week such as MONDAY")
        .containsEntry("openingHours[0].from", "must be a time HH:mm");
    assertThat(problems(withSlot(new QueueBody.SlotBody(null, "", " "))))
        .containsOnly(
            Map.entry("openingHours[0].day", "is required"),
            Map.entry("openingHours[0].from", "is required"),
            Map.entry("openingHours[0].to", "is required"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"MON", "1", "Montag", "MONDAYS", " MONDAY"})
  void a_slot_refuses_anything_but_a_full_english_day_name(String day) {
    assertThat(problems(withSlot(new QueueBody.SlotBody(day, "08:00", "16:00"))))
        .containsOnly(Map.entry("openingHours[0].day", "must be a day of the week such as MONDAY"));
  }

  @Test
  void a_field_type_is_one_of_the_wire_names_in_lower_case() {
    QueueBody body =
        new QueueBody(
            "Sales",
            "Europe/Helsinki",
            null,
            null,
            null,
            null,
            new QueueBody.FormBody(
                List.of(
                    new QueueBody.FieldBody("a", Map.of("en", "A"), "TEXT", null, null, null, null),
                    new QueueBody.FieldBody("b", Map.of("en", "B"), null, null, null, null, null),
                    new QueueBody.FieldBody(
                        "c", Map.of("en", "C"), "textarea", null, null, null, null))),
            null,
            null,
            null,
            null,
            null);

    assertThat(problems(body)).containsOnlyKeys("form.fields[0].type", "form.fields[1].type");
  }

  @Test
  void what_a_client_sent_is_quoted_in_a_message_not_evaluated() {
    QueueBody body =
        new QueueBody(
            "Sales",
            "Europe/Helsinki",
            null,
            null,
            null,
            new QueueBody.OfflineBody(null, Map.of("${1+1}", "x"), null),
            null,
            null,
            null,
            null,
            null,
            null);

    assertThat(problems(body))
        .containsOnly(
            Map.entry(
                "offline.message", "languages are tags such as en or fi; '${1+1}' is not one"));
  }
}
