package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.InvalidInput;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a contact nobody answered is due for escalation (SPEC, Part 2, Follow-up): after the queue's
 * {@code afterOpenMinutes} of open time, counted by its schedule, exceptions and overrides.
 * Europe/Helsinki, Monday to Friday 08:00–16:00, 60 open minutes.
 */
class EscalationCutOffTest {

  private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
  private static final Instant MADE = Instant.parse("2026-01-05T00:00:00Z");

  private static QueueSettings settings(
      ManualOverride override, List<ScheduleException> exceptions, Escalation escalation) {
    List<OpeningSlot> weekdays = new ArrayList<>();
    for (DayOfWeek day : List.of(DayOfWeek.values()).subList(0, 5)) {
      weekdays.add(OpeningSlot.parse(day, "08:00", "16:00"));
    }
    return new QueueSettings(
        "Support",
        HELSINKI,
        weekdays,
        exceptions,
        override,
        OfflineMode.FORM,
        Translations.NONE,
        Bot.NONE,
        ContactForm.EMPTY,
        List.of(),
        365,
        escalation,
        null);
  }

  private static Queue queue(ManualOverride override, List<ScheduleException> exceptions) {
    return new Queue("q", settings(override, exceptions, new Escalation(60, List.of())), MADE);
  }

  private static Queue queue() {
    return queue(ManualOverride.SCHEDULE, List.of());
  }

  /** Whether a contact registered at {@code registered} is due at {@code now}. */
  private static boolean due(Queue queue, String registered, String now) {
    return queue
        .escalationCutOff(Instant.parse(now))
        .map(cutOff -> !Instant.parse(registered).isAfter(cutOff))
        .orElse(false);
  }

  @Test
  void the_night_does_not_count() {
    // Wednesday 15:30 in Helsinki: 30 open minutes that day, 30 more on Thursday from 08:00
    String registered = "2026-11-25T13:30:00Z";

    assertThat(due(queue(), registered, "2026-11-25T14:30:01Z"))
        .as("an hour later, closed")
        .isFalse();
    assertThat(due(queue(), registered, "2026-11-26T06:29:00Z")).as("Thursday 08:29").isFalse();
    assertThat(due(queue(), registered, "2026-11-26T06:30:01Z")).as("Thursday 08:30").isTrue();
  }

  @Test
  void the_weekend_does_not_count() {
    // Friday 15:45: 15 minutes on Friday, 45 on Monday
    String registered = "2026-11-27T13:45:00Z";

    assertThat(due(queue(), registered, "2026-11-29T12:00:00Z")).as("Sunday").isFalse();
    assertThat(due(queue(), registered, "2026-11-30T06:44:00Z")).as("Monday 08:44").isFalse();
    assertThat(due(queue(), registered, "2026-11-30T06:45:01Z")).as("Monday 08:45").isTrue();
  }

  @Test
  void a_closed_holiday_does_not_count() {
    Queue queue =
        queue(
            ManualOverride.SCHEDULE,
            List.of(ScheduleException.parse("2026-12-24", true, null, null, true)));
    // Wednesday 23 December 15:30; Christmas Eve (Thursday) is closed, so Friday 08:30
    String registered = "2026-12-23T13:30:00Z";

    assertThat(due(queue, registered, "2026-12-24T06:30:01Z")).as("Christmas Eve").isFalse();
    assertThat(due(queue, registered, "2026-12-25T06:29:00Z")).isFalse();
    assertThat(due(queue, registered, "2026-12-25T06:30:01Z")).as("Friday 08:30").isTrue();
  }

  @Test
  void open_minutes_are_counted_across_a_change_to_summer_time() {
    // Friday 27 March 15:30 (UTC+2); the clocks go forward on Sunday; Monday 08:30 is UTC+3
    String registered = "2026-03-27T13:30:00Z";

    assertThat(due(queue(), registered, "2026-03-30T05:29:00Z")).isFalse();
    assertThat(due(queue(), registered, "2026-03-30T05:30:01Z")).as("Monday 08:30 EEST").isTrue();
  }

  @Test
  void the_hour_that_repeats_when_summer_time_ends_counts_as_the_time_that_passed() {
    Queue queue = queue(ManualOverride.OPEN, List.of());
    // Sunday 25 October: 03:00–04:00 comes twice; 02:30 local (UTC+3) is 23:30 UTC on Saturday
    String registered = "2026-10-24T23:30:00Z";

    assertThat(due(queue, registered, "2026-10-25T00:29:00Z")).isFalse();
    assertThat(due(queue, registered, "2026-10-25T00:30:01Z"))
        .as("60 minutes later, whatever the clocks on the wall say")
        .isTrue();
  }

  @Test
  void open_by_hand_counts_every_minute_and_closed_by_hand_none() {
    String registered = "2026-11-28T10:00:00Z"; // a Saturday

    assertThat(due(queue(ManualOverride.OPEN, List.of()), registered, "2026-11-28T11:00:01Z"))
        .isTrue();
    assertThat(due(queue(ManualOverride.CLOSED, List.of()), registered, "2026-12-09T11:00:00Z"))
        .isFalse();
  }

  @Test
  void a_week_closed_by_hand_does_not_count_once_the_queue_follows_its_schedule_again() {
    Queue queue = queue();
    Instant closed = Instant.parse("2026-11-22T22:00:00Z"); // Monday 00:00
    Instant reopened = Instant.parse("2026-11-29T22:00:00Z"); // the next Monday 00:00
    queue.reconfigure(
        settings(ManualOverride.CLOSED, List.of(), new Escalation(60, List.of())), closed);
    queue.reconfigure(
        settings(ManualOverride.SCHEDULE, List.of(), new Escalation(60, List.of())), reopened);

    assertThat(queue.openBetween(closed, reopened)).isZero();
    assertThat(
            queue.openBetween(closed.minus(Duration.ofDays(7)), reopened.plus(Duration.ofDays(1))))
        .as("the week before by the schedule, the closed week nothing, Monday 8 hours")
        .isEqualTo(Duration.ofHours(5 * 8 + 8));
    // registered on the closed Tuesday: due on Monday 09:00, after the first open hour
    assertThat(due(queue, "2026-11-24T10:00:00Z", "2026-11-30T06:59:00Z")).isFalse();
    assertThat(due(queue, "2026-11-24T10:00:00Z", "2026-11-30T07:00:01Z")).isTrue();
  }

  @Test
  void a_queue_that_does_not_escalate_has_nothing_due() {
    Queue queue = new Queue("q", settings(ManualOverride.OPEN, List.of(), null), MADE);

    assertThat(queue.escalationCutOff(Instant.parse("2026-11-30T12:00:00Z"))).isEmpty();
  }

  @Test
  void contacts_from_before_escalation_was_switched_on_are_not_chased() {
    Queue queue = new Queue("q", settings(ManualOverride.OPEN, List.of(), null), MADE);
    Instant switchedOn = Instant.parse("2026-11-30T12:00:00Z");
    queue.reconfigure(
        settings(ManualOverride.OPEN, List.of(), new Escalation(60, List.of())), switchedOn);

    assertThat(queue.escalationCutOff(switchedOn.plus(Duration.ofMinutes(59)))).isEmpty();
    assertThat(queue.escalationCutOff(switchedOn.plus(Duration.ofMinutes(61))))
        .hasValueSatisfying(
            cutOff -> assertThat(cutOff).isBetween(switchedOn, switchedOn.plusSeconds(61)));
    assertThat(queue.escalationSince()).isEqualTo(switchedOn);
    queue.reconfigure(
        settings(ManualOverride.OPEN, List.of(), new Escalation(30, List.of())),
        switchedOn.plus(Duration.ofDays(1)));
    assertThat(queue.escalationSince()).as("a new threshold keeps the start").isEqualTo(switchedOn);
  }

  @Test
  void an_escalation_waits_1_to_10080_open_minutes_and_names_each_user_once() {
    assertThat(problems(() -> new Escalation(0, List.of()))).containsOnlyKeys("afterOpenMinutes");
    assertThat(problems(() -> new Escalation(10_081, List.of())))
        .containsOnlyKeys("afterOpenMinutes");
    assertThat(problems(() -> new Escalation(60, java.util.Arrays.asList("mia", " "))))
        .containsOnlyKeys("notify[1]");
    assertThat(new Escalation(10_080, List.of("mia", "olli", "mia")).notified())
        .containsExactly("mia", "olli");
  }

  private static Map<String, String> problems(Runnable build) {
    try {
      build.run();
      return Map.of();
    } catch (InvalidInput e) {
      return e.fields();
    }
  }
}
