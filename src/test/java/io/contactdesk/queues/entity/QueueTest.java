package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest {

  // Wednesday 2026-11-25 12:00 in Helsinki (UTC+2)
  private static final Instant WEDNESDAY_NOON = Instant.parse("2026-11-25T10:00:00Z");

  private static Queue queue(ManualOverride override) {
    return new Queue(
        "q",
        new QueueSettings(
            "Support",
            ZoneId.of("Europe/Helsinki"),
            List.of(
                OpeningSlot.parse(java.time.DayOfWeek.WEDNESDAY, "08:00", "16:00"),
                OpeningSlot.parse(java.time.DayOfWeek.THURSDAY, "08:00", "16:00")),
            List.of(),
            override,
            OfflineMode.FORM,
            Translations.NONE,
            Bot.NONE,
            ContactForm.EMPTY,
            List.of(),
            30),
        WEDNESDAY_NOON);
  }

  @Test
  void a_queue_on_schedule_is_open_in_its_hours_and_says_when_it_opens_next() {
    Queue queue = queue(ManualOverride.SCHEDULE);

    assertThat(queue.isOpenAt(WEDNESDAY_NOON)).isTrue();
    assertThat(queue.nextOpening(WEDNESDAY_NOON)).as("open now: nothing to wait for").isEmpty();
    Instant evening = Instant.parse("2026-11-25T17:00:00Z");
    assertThat(queue.isOpenAt(evening)).isFalse();
    assertThat(queue.nextOpening(evening)).contains(Instant.parse("2026-11-26T06:00:00Z"));
  }

  @Test
  void closed_by_hand_is_closed_in_its_hours_and_has_no_next_opening() {
    Queue queue = queue(ManualOverride.CLOSED);

    assertThat(queue.isOpenAt(WEDNESDAY_NOON)).isFalse();
    assertThat(queue.nextOpening(WEDNESDAY_NOON)).isEmpty();
  }

  @Test
  void opened_by_hand_is_open_outside_its_hours() {
    assertThat(queue(ManualOverride.OPEN).isOpenAt(Instant.parse("2026-11-29T03:00:00Z"))).isTrue();
  }
}
