package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.InvalidInput;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules every builder of queue settings meets: an admin's request and the first start. */
class QueueSettingsTest {

  private static QueueSettings settings(
      String name, List<OpeningSlot> slots, List<Origin> origins, int retentionDays) {
    return new QueueSettings(
        name,
        ZoneId.of("Europe/Helsinki"),
        slots,
        List.of(),
        ManualOverride.SCHEDULE,
        OfflineMode.FORM,
        Translations.NONE,
        Bot.NONE,
        ContactForm.EMPTY,
        origins,
        retentionDays);
  }

  private static Map<String, String> problems(Runnable build) {
    try {
      build.run();
      return Map.of();
    } catch (InvalidInput e) {
      return e.fields();
    }
  }

  @Test
  void the_name_is_trimmed() {
    assertThat(settings("  Sales ", List.of(), List.of(), 30).name()).isEqualTo("Sales");
  }

  @Test
  void the_name_is_one_line_of_1_to_100_characters() {
    assertThat(problems(() -> settings(" ", List.of(), List.of(), 30)))
        .containsOnly(Map.entry("name", "is required, at most 100 characters"));
    assertThat(problems(() -> settings(null, List.of(), List.of(), 30))).containsOnlyKeys("name");
    assertThat(problems(() -> settings("x".repeat(101), List.of(), List.of(), 30)))
        .containsOnlyKeys("name");
    assertThat(problems(() -> settings("Sales\nEast", List.of(), List.of(), 30)))
        .containsOnly(Map.entry("name", "must be a single line"));
    assertThat(problems(() -> settings("x".repeat(100), List.of(), List.of(), 30))).isEmpty();
  }

  @Test
  void contacts_are_kept_1_to_3650_days() {
    assertThat(problems(() -> settings("Sales", List.of(), List.of(), 0)))
        .containsOnly(Map.entry("retentionDays", "must be between 1 and 3650"));
    assertThat(problems(() -> settings("Sales", List.of(), List.of(), 3651)))
        .containsOnlyKeys("retentionDays");
    assertThat(problems(() -> settings("Sales", List.of(), List.of(), 1))).isEmpty();
    assertThat(problems(() -> settings("Sales", List.of(), List.of(), 3650))).isEmpty();
  }

  @Test
  void hours_and_origins_are_limited_and_every_broken_rule_is_named_at_once() {
    OpeningSlot slot = OpeningSlot.parse(DayOfWeek.MONDAY, "08:00", "16:00");
    List<Origin> origins =
        java.util.stream.IntStream.range(0, 51)
            .mapToObj(i -> new Origin("https://shop" + i + ".example.com"))
            .toList();

    assertThat(problems(() -> settings("", Collections.nCopies(101, slot), origins, 0)))
        .containsOnlyKeys("name", "openingHours", "allowedOrigins", "retentionDays")
        .containsEntry("openingHours", "at most 100 slots")
        .containsEntry("allowedOrigins", "at most 50 origins");
  }

  @Test
  void the_same_origin_is_kept_once() {
    Origin shop = new Origin("https://shop.example.com");

    assertThat(settings("Sales", List.of(), List.of(shop, shop), 30).allowedOrigins())
        .containsExactly(shop);
  }
}
