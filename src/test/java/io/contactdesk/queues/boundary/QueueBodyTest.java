package io.contactdesk.queues.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueBodyTest {

  @Test
  void origins_are_compared_in_their_normal_form() {
    assertThat(QueueBody.normaliseOrigin("https://Shop.Example.com:443/"))
        .isEqualTo("https://shop.example.com");
    assertThat(QueueBody.normaliseOrigin("http://localhost:8081"))
        .isEqualTo("http://localhost:8081");
    assertThat(QueueBody.normaliseOrigin("https://shop.example.com/path")).isNull();
    assertThat(QueueBody.normaliseOrigin("javascript:alert(1)")).isNull();
    assertThat(QueueBody.normaliseOrigin("*")).isNull();
  }

  @Test
  void a_minimal_body_gets_the_documented_defaults() {
    QueueSettings settings =
        new QueueBody("Sales", "Europe/Helsinki", null, null, null, null, null, null, null)
            .toSettings();

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
                            List.of("price"), Map.of("en", "See pricing"))))),
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
            30);

    QueueBody stored = QueueBody.of(new Queue("sales", body.toSettings(), Instant.EPOCH));

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
            0);

    assertThatThrownBy(body::toSettings)
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e ->
                assertThat(((InvalidInput) e).fields())
                    .containsKeys(
                        "name",
                        "timeZone",
                        "openingHours[0].day",
                        "openingHours[0].from",
                        "exceptions[0].date",
                        "override",
                        "offline.mode",
                        "allowedOrigins[1]",
                        "retentionDays"));
  }
}
