package io.contactdesk.queues.entity;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Instants are written with the zone's offset at that moment (Helsinki: +03:00 in summer, +02:00 in
 * winter; New York: -04:00 / -05:00), or in UTC where the exact instant is the point. June 2026
 * starts on a Monday: 2026-06-01 MON ... 2026-06-07 SUN, 2026-06-08 MON.
 */
class OpeningScheduleTest {

  private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static final DayOfWeek[] WEEKDAYS = {MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY};

  // ---------------------------------------------------------------- helpers

  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  private static OpeningSlot slot(DayOfWeek day, String from, String to) {
    return OpeningSlot.parse(day, from, to);
  }

  private static List<OpeningSlot> every(DayOfWeek[] days, String from, String to) {
    List<OpeningSlot> slots = new ArrayList<>();
    for (DayOfWeek day : days) {
      slots.add(slot(day, from, to));
    }
    return slots;
  }

  private static List<OpeningSlot> weekdays(String from, String to) {
    return every(WEEKDAYS, from, to);
  }

  private static List<OpeningSlot> allWeek(String from, String to) {
    return every(DayOfWeek.values(), from, to);
  }

  private static ScheduleException closedOn(String date) {
    return ScheduleException.parse(date, false, null, null, true);
  }

  private static ScheduleException closedEveryYearOn(String date) {
    return ScheduleException.parse(date, true, null, null, true);
  }

  private static ScheduleException hoursOn(String date, String from, String to) {
    return ScheduleException.parse(date, false, from, to, false);
  }

  private static ScheduleException hoursEveryYearOn(String date, String from, String to) {
    return ScheduleException.parse(date, true, from, to, false);
  }

  private static OpeningSchedule helsinki(
      List<OpeningSlot> weekly, ScheduleException... exceptions) {
    return new OpeningSchedule(HELSINKI, weekly, Arrays.asList(exceptions));
  }

  private static OpeningSchedule newYork(
      List<OpeningSlot> weekly, ScheduleException... exceptions) {
    return new OpeningSchedule(NEW_YORK, weekly, Arrays.asList(exceptions));
  }

  private static Map<String, String> fieldsOf(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInput e) {
      return e.fields();
    }
    throw new AssertionError("expected InvalidInput");
  }

  // ---------------------------------------------------------------- weekly slots

  @Nested
  class WeeklySlots {

    @Test
    void a_slot_is_open_from_its_opening_time_inclusive() {
      OpeningSchedule schedule = helsinki(List.of(slot(MONDAY, "09:00", "17:00")));

      assertThat(schedule.isOpenAt(at("2026-06-01T08:59:59+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-01T09:00:00+03:00"))).isTrue();
    }

    @Test
    void a_slot_is_closed_from_its_closing_time_exclusive() {
      OpeningSchedule schedule = helsinki(List.of(slot(MONDAY, "09:00", "17:00")));

      assertThat(schedule.isOpenAt(at("2026-06-01T16:59:59.999999999+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-01T17:00:00+03:00"))).isFalse();
    }

    @Test
    void a_slot_applies_only_to_its_day_of_the_week() {
      OpeningSchedule schedule = helsinki(List.of(slot(MONDAY, "09:00", "17:00")));

      assertThat(schedule.isOpenAt(at("2026-06-02T12:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-07T12:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-08T12:00:00+03:00"))).isTrue();
    }

    @Test
    void several_slots_a_day_leave_the_gap_between_them_closed() {
      OpeningSchedule schedule =
          helsinki(List.of(slot(TUESDAY, "08:00", "12:00"), slot(TUESDAY, "13:00", "16:00")));

      assertThat(schedule.isOpenAt(at("2026-06-02T11:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-02T12:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-02T12:59:59+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-02T13:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-02T16:00:00+03:00"))).isFalse();
    }

    @Test
    void overlapping_and_touching_slots_form_their_union() {
      OpeningSchedule schedule =
          helsinki(
              List.of(
                  slot(TUESDAY, "08:00", "12:00"),
                  slot(TUESDAY, "10:00", "14:00"),
                  slot(TUESDAY, "14:00", "18:00")));

      assertThat(schedule.isOpenAt(at("2026-06-02T12:30:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-02T14:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-02T17:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-02T18:00:00+03:00"))).isFalse();
    }

    @Test
    void a_slot_past_midnight_is_open_after_midnight_on_the_next_day() {
      OpeningSchedule schedule = helsinki(List.of(slot(FRIDAY, "22:00", "02:00")));

      assertThat(schedule.isOpenAt(at("2026-06-05T21:59:59+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-05T22:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-06T00:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-06T01:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-06T02:00:00+03:00"))).isFalse();
    }

    @Test
    void a_slot_past_midnight_does_not_open_the_early_hours_of_its_own_day() {
      OpeningSchedule schedule = helsinki(List.of(slot(FRIDAY, "22:00", "02:00")));

      assertThat(schedule.isOpenAt(at("2026-06-05T01:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-06T22:30:00+03:00"))).isFalse();
    }

    @Test
    void a_sunday_slot_past_midnight_wraps_into_monday() {
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "22:00", "02:00")));

      assertThat(schedule.isOpenAt(at("2026-06-07T23:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-08T01:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-08T02:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-01T01:00:00+03:00"))).isTrue();
    }

    @Test
    void a_slot_until_24_00_ends_at_the_next_midnight() {
      OpeningSchedule schedule = helsinki(List.of(slot(MONDAY, "08:00", "24:00")));

      assertThat(schedule.isOpenAt(at("2026-06-01T23:59:59.999999999+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-02T00:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-01T07:59:59+03:00"))).isFalse();
    }

    @Test
    void a_slot_whose_opening_equals_its_closing_is_open_a_full_24_hours() {
      OpeningSchedule schedule = helsinki(List.of(slot(WEDNESDAY, "06:00", "06:00")));

      assertThat(schedule.isOpenAt(at("2026-06-03T05:59:59+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-03T06:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-04T05:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-04T06:00:00+03:00"))).isFalse();
    }

    @Test
    void a_slot_from_00_00_to_24_00_covers_exactly_the_whole_day() {
      OpeningSchedule schedule = helsinki(List.of(slot(THURSDAY, "00:00", "24:00")));

      assertThat(schedule.isOpenAt(at("2026-06-03T23:59:59+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-04T00:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-04T23:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-05T00:00:00+03:00"))).isFalse();
    }

    @Test
    void a_schedule_without_slots_is_always_closed() {
      OpeningSchedule schedule = new OpeningSchedule(HELSINKI, null, null);

      assertThat(schedule.isOpenAt(at("2026-06-03T12:00:00+03:00"))).isFalse();
    }
  }

  // ---------------------------------------------------------------- exceptions

  @Nested
  class Exceptions {

    @Test
    void a_one_time_closed_exception_closes_only_that_date() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"), closedOn("2026-06-03"));

      assertThat(schedule.isOpenAt(at("2026-06-02T12:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-03T12:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-04T12:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-06-03T12:00:00+03:00"))).isTrue();
    }

    @Test
    void a_one_time_exception_with_other_hours_replaces_the_weekly_slots() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), hoursOn("2026-06-03", "10:00", "14:00"));

      assertThat(schedule.isOpenAt(at("2026-06-03T09:30:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-03T10:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-03T13:59:59+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-03T14:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-03T16:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-04T16:00:00+03:00"))).isTrue();
    }

    @Test
    void an_exception_can_open_a_day_without_weekly_slots() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), hoursOn("2026-06-06", "10:00", "12:00"));

      assertThat(schedule.isOpenAt(at("2026-06-06T11:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-06T12:00:00+03:00"))).isFalse();
    }

    @Test
    void several_one_time_exceptions_on_a_date_give_several_slots() {
      OpeningSchedule schedule =
          helsinki(
              weekdays("09:00", "17:00"),
              hoursOn("2026-06-03", "09:00", "11:00"),
              hoursOn("2026-06-03", "15:00", "17:00"));

      assertThat(schedule.isOpenAt(at("2026-06-03T10:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-03T12:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-03T16:00:00+03:00"))).isTrue();
    }

    @Test
    void a_closed_exception_wins_over_an_exception_with_hours_on_the_same_date() {
      OpeningSchedule schedule =
          helsinki(
              weekdays("09:00", "17:00"),
              hoursOn("2026-06-03", "10:00", "14:00"),
              closedOn("2026-06-03"));

      assertThat(schedule.isOpenAt(at("2026-06-03T11:00:00+03:00"))).isFalse();
    }

    @Test
    void an_annual_closed_exception_closes_christmas_eve_every_year() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), closedEveryYearOn("2026-12-24"));

      assertThat(schedule.isOpenAt(at("2026-12-23T12:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-12-24T12:00:00+02:00"))).isFalse(); // Thursday
      assertThat(schedule.isOpenAt(at("2027-12-23T12:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-12-24T12:00:00+02:00"))).isFalse(); // Friday
    }

    @Test
    void an_annual_exception_with_other_hours_applies_every_year() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), hoursEveryYearOn("2026-12-24", "09:00", "12:00"));

      assertThat(schedule.isOpenAt(at("2026-12-24T11:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-12-24T13:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2027-12-24T11:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-12-24T13:00:00+02:00"))).isFalse();
    }

    @Test
    void a_one_time_exception_beats_an_annual_exception_on_the_same_date() {
      OpeningSchedule schedule =
          helsinki(
              weekdays("09:00", "17:00"),
              closedEveryYearOn("2026-12-24"),
              hoursOn("2026-12-24", "10:00", "13:00"));

      assertThat(schedule.isOpenAt(at("2026-12-24T11:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-12-24T14:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2027-12-24T11:00:00+02:00"))).isFalse();
    }

    @Test
    void a_one_time_closed_exception_beats_an_annual_exception_with_hours() {
      OpeningSchedule schedule =
          helsinki(
              weekdays("09:00", "17:00"),
              hoursEveryYearOn("2026-12-31", "10:00", "14:00"),
              closedOn("2026-12-31"));

      assertThat(schedule.isOpenAt(at("2026-12-31T11:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2027-12-31T11:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-12-31T15:00:00+02:00"))).isFalse();
    }

    @Test
    void an_annual_exception_on_february_29_applies_only_in_leap_years() {
      ScheduleException leapDay = closedEveryYearOn("2028-02-29");
      OpeningSchedule schedule = helsinki(allWeek("08:00", "16:00"), leapDay);

      assertThat(schedule.isOpenAt(at("2028-02-29T12:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2032-02-29T12:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2024-02-29T12:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2027-02-28T12:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-03-01T12:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2028-03-01T12:00:00+02:00"))).isTrue();
      assertThat(leapDay.appliesTo(LocalDate.of(2027, 2, 28))).isFalse();
      assertThat(leapDay.appliesTo(LocalDate.of(2027, 3, 1))).isFalse();
      assertThat(leapDay.appliesTo(LocalDate.of(2032, 2, 29))).isTrue();
    }

    @Test
    void a_past_midnight_slot_of_the_day_before_is_honoured_on_a_closed_exception_date() {
      OpeningSchedule schedule =
          helsinki(List.of(slot(FRIDAY, "22:00", "02:00")), closedOn("2026-06-06"));

      assertThat(schedule.isOpenAt(at("2026-06-06T01:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-06T02:00:00+03:00"))).isFalse();
    }

    @Test
    void a_past_midnight_slot_of_the_day_before_is_honoured_when_the_exception_date_has_hours() {
      OpeningSchedule schedule =
          helsinki(
              List.of(slot(FRIDAY, "22:00", "02:00")), hoursOn("2026-06-06", "10:00", "12:00"));

      assertThat(schedule.isOpenAt(at("2026-06-06T01:00:00+03:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-06-06T03:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-06T11:00:00+03:00"))).isTrue();
    }

    @Test
    void a_closed_exception_on_the_day_a_past_midnight_slot_starts_cancels_all_of_it() {
      OpeningSchedule schedule =
          helsinki(List.of(slot(FRIDAY, "22:00", "02:00")), closedOn("2026-06-05"));

      assertThat(schedule.isOpenAt(at("2026-06-05T23:00:00+03:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-06-06T01:00:00+03:00"))).isFalse();
    }

    @Test
    void an_exception_slot_runs_past_midnight_into_the_next_day() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), hoursOn("2026-12-31", "20:00", "02:00"));

      assertThat(schedule.isOpenAt(at("2026-12-31T12:00:00+02:00"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-12-31T20:00:00+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-01-01T01:59:59+02:00"))).isTrue();
      assertThat(schedule.isOpenAt(at("2027-01-01T02:00:00+02:00"))).isFalse();
    }
  }

  // ---------------------------------------------------------------- daylight saving time

  @Nested
  class DaylightSavingTime {

    @Test
    void a_slot_across_the_helsinki_spring_forward_lasts_one_hour_less() {
      // 2026-03-29: 03:00 EET (+02:00) jumps to 04:00 EEST (+03:00) at 01:00Z.
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "02:00", "05:00")));

      assertThat(schedule.isOpenAt(at("2026-03-28T23:59:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-29T00:00:00Z"))).isTrue(); // 02:00 EET
      assertThat(schedule.isOpenAt(at("2026-03-29T01:59:59Z"))).isTrue(); // 04:59:59 EEST
      assertThat(schedule.isOpenAt(at("2026-03-29T02:00:00Z"))).isFalse(); // 05:00 EEST
    }

    @Test
    void a_slot_opening_inside_the_helsinki_spring_forward_gap_opens_an_hour_later() {
      // 03:30 does not exist that day; it moves forward by the gap to 04:30 EEST = 01:30Z.
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "03:30", "06:00")));

      assertThat(schedule.isOpenAt(at("2026-03-29T01:00:00Z"))).isFalse(); // 04:00 EEST
      assertThat(schedule.isOpenAt(at("2026-03-29T01:29:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-29T01:30:00Z"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-03-29T02:59:59Z"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-03-29T03:00:00Z"))).isFalse(); // 06:00 EEST
    }

    @Test
    void a_slot_that_ends_before_it_starts_after_the_spring_forward_shift_is_empty() {
      // 03:30 moves to 04:30 EEST, after the closing 04:00 EEST: nothing is left of the slot.
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "03:30", "04:00")));

      assertThat(schedule.isOpenAt(at("2026-03-29T00:59:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-29T01:00:00Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-29T01:15:00Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-29T01:30:00Z"))).isFalse();
      // the following Sunday it is a normal half hour: 03:30-04:00 EEST
      assertThat(schedule.isOpenAt(at("2026-04-05T00:30:00Z"))).isTrue();
    }

    @Test
    void a_slot_past_midnight_into_the_helsinki_spring_forward_lasts_one_hour_less() {
      OpeningSchedule schedule = helsinki(List.of(slot(SATURDAY, "22:00", "06:00")));

      assertThat(schedule.isOpenAt(at("2026-03-28T20:00:00Z"))).isTrue(); // 22:00 EET
      assertThat(schedule.isOpenAt(at("2026-03-29T02:59:59Z"))).isTrue(); // 05:59:59 EEST
      assertThat(schedule.isOpenAt(at("2026-03-29T03:00:00Z"))).isFalse(); // 06:00 EEST
    }

    @Test
    void a_slot_across_the_helsinki_fall_back_lasts_one_hour_more() {
      // 2026-10-25: 04:00 EEST (+03:00) falls back to 03:00 EET (+02:00) at 01:00Z.
      // 03:30 happens twice; the earlier offset is used: 03:30 EEST = 00:30Z.
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "03:30", "05:00")));

      assertThat(schedule.isOpenAt(at("2026-10-25T00:29:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-10-25T00:30:00Z"))).isTrue(); // first 03:30
      assertThat(schedule.isOpenAt(at("2026-10-25T01:45:00Z"))).isTrue(); // second 03:45
      assertThat(schedule.isOpenAt(at("2026-10-25T02:59:59Z"))).isTrue(); // 04:59:59 EET
      assertThat(schedule.isOpenAt(at("2026-10-25T03:00:00Z"))).isFalse(); // 05:00 EET
    }

    @Test
    void a_slot_inside_the_repeated_helsinki_hour_uses_its_first_occurrence() {
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "03:00", "03:30")));

      assertThat(schedule.isOpenAt(at("2026-10-25T00:00:00Z"))).isTrue(); // 03:00 EEST
      assertThat(schedule.isOpenAt(at("2026-10-25T00:29:59Z"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-10-25T00:30:00Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-10-25T01:15:00Z"))).isFalse(); // 03:15 EET
    }

    @Test
    void a_slot_across_the_new_york_spring_forward_lasts_one_hour_less() {
      // 2026-03-08: 02:00 EST (-05:00) jumps to 03:00 EDT (-04:00) at 07:00Z.
      OpeningSchedule schedule = newYork(List.of(slot(SUNDAY, "01:00", "03:00")));

      assertThat(schedule.isOpenAt(at("2026-03-08T05:59:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-08T06:00:00Z"))).isTrue(); // 01:00 EST
      assertThat(schedule.isOpenAt(at("2026-03-08T06:59:59Z"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-03-08T07:00:00Z"))).isFalse(); // 03:00 EDT
    }

    @Test
    void a_slot_opening_inside_the_new_york_spring_forward_gap_opens_an_hour_later() {
      // 02:30 does not exist; it becomes 03:30 EDT = 07:30Z.
      OpeningSchedule schedule = newYork(List.of(slot(SUNDAY, "02:30", "04:00")));

      assertThat(schedule.isOpenAt(at("2026-03-08T07:29:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-03-08T07:30:00Z"))).isTrue();
      assertThat(schedule.isOpenAt(at("2026-03-08T08:00:00Z"))).isFalse(); // 04:00 EDT
    }

    @Test
    void a_slot_across_the_new_york_fall_back_lasts_one_hour_more() {
      // 2026-11-01: 02:00 EDT (-04:00) falls back to 01:00 EST (-05:00) at 06:00Z.
      OpeningSchedule schedule = newYork(List.of(slot(SUNDAY, "01:00", "02:00")));

      assertThat(schedule.isOpenAt(at("2026-11-01T04:59:59Z"))).isFalse();
      assertThat(schedule.isOpenAt(at("2026-11-01T05:00:00Z"))).isTrue(); // first 01:00 EDT
      assertThat(schedule.isOpenAt(at("2026-11-01T06:30:00Z"))).isTrue(); // second 01:30 EST
      assertThat(schedule.isOpenAt(at("2026-11-01T07:00:00Z"))).isFalse(); // 02:00 EST
    }
  }

  // ---------------------------------------------------------------- nextOpening

  @Nested
  class NextOpening {

    @Test
    void before_opening_time_the_next_opening_is_later_the_same_day() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"));

      assertThat(schedule.nextOpening(at("2026-06-03T07:00:00+03:00")))
          .contains(at("2026-06-03T06:00:00Z"));
    }

    @Test
    void after_closing_time_the_next_opening_is_the_next_morning() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"));

      assertThat(schedule.nextOpening(at("2026-06-02T18:00:00+03:00")))
          .contains(at("2026-06-03T06:00:00Z"));
    }

    @Test
    void the_next_opening_is_strictly_after_t() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"));

      assertThat(schedule.nextOpening(at("2026-06-03T08:59:59.999999999+03:00")))
          .contains(at("2026-06-03T09:00:00+03:00"));
      assertThat(schedule.nextOpening(at("2026-06-03T09:00:00+03:00")))
          .contains(at("2026-06-04T09:00:00+03:00"));
    }

    @Test
    void while_open_the_next_opening_is_the_one_after_the_current_closing() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"));

      assertThat(schedule.nextOpening(at("2026-06-03T10:00:00+03:00")))
          .contains(at("2026-06-04T09:00:00+03:00"));
    }

    @Test
    void a_slot_touching_an_open_slot_is_not_an_opening() {
      OpeningSchedule schedule =
          helsinki(List.of(slot(MONDAY, "08:00", "12:00"), slot(MONDAY, "12:00", "16:00")));

      assertThat(schedule.nextOpening(at("2026-06-01T09:00:00+03:00")))
          .contains(at("2026-06-08T08:00:00+03:00"));
    }

    @Test
    void a_slot_starting_inside_an_open_slot_is_not_an_opening() {
      OpeningSchedule schedule =
          helsinki(List.of(slot(MONDAY, "08:00", "12:00"), slot(MONDAY, "10:00", "14:00")));

      assertThat(schedule.nextOpening(at("2026-06-01T07:00:00+03:00")))
          .contains(at("2026-06-01T08:00:00+03:00"));
      assertThat(schedule.nextOpening(at("2026-06-01T09:00:00+03:00")))
          .contains(at("2026-06-08T08:00:00+03:00"));
    }

    @Test
    void a_later_slot_after_a_gap_on_the_same_day_is_an_opening() {
      OpeningSchedule schedule =
          helsinki(List.of(slot(MONDAY, "08:00", "12:00"), slot(MONDAY, "13:00", "16:00")));

      assertThat(schedule.nextOpening(at("2026-06-01T09:00:00+03:00")))
          .contains(at("2026-06-01T13:00:00+03:00"));
    }

    @Test
    void while_open_past_midnight_the_next_opening_is_the_next_evening() {
      OpeningSchedule schedule = helsinki(allWeek("22:00", "02:00"));

      assertThat(schedule.nextOpening(at("2026-06-06T00:30:00+03:00")))
          .contains(at("2026-06-06T22:00:00+03:00"));
    }

    @Test
    void the_next_opening_skips_the_weekend() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"));

      assertThat(schedule.nextOpening(at("2026-06-05T17:00:00+03:00")))
          .contains(at("2026-06-08T06:00:00Z"));
    }

    @Test
    void the_next_opening_skips_a_closed_exception() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"), closedOn("2026-06-08"));

      assertThat(schedule.nextOpening(at("2026-06-05T17:00:00+03:00")))
          .contains(at("2026-06-09T06:00:00Z"));
    }

    @Test
    void the_next_opening_follows_an_exception_with_other_hours() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), hoursOn("2026-06-08", "12:00", "14:00"));

      assertThat(schedule.nextOpening(at("2026-06-05T17:00:00+03:00")))
          .contains(at("2026-06-08T09:00:00Z"));
    }

    @Test
    void the_next_opening_skips_christmas_closed_every_year() {
      OpeningSchedule schedule =
          helsinki(weekdays("09:00", "17:00"), closedEveryYearOn("2026-12-24"));

      // Thursday 2027-12-23 after closing: Friday 24th is closed, next is Monday 27th.
      assertThat(schedule.nextOpening(at("2027-12-23T17:00:00+02:00")))
          .contains(at("2027-12-27T07:00:00Z"));
    }

    @Test
    void the_next_opening_across_the_new_york_spring_forward_uses_the_new_offset() {
      OpeningSchedule schedule = newYork(weekdays("09:00", "17:00"));

      // Friday 17:00 EST; Monday 09:00 is EDT (-04:00) after the change on Sunday 2026-03-08.
      assertThat(schedule.nextOpening(at("2026-03-06T22:00:00Z")))
          .contains(at("2026-03-09T13:00:00Z"));
    }

    @Test
    void the_next_opening_across_the_helsinki_fall_back_uses_the_new_offset() {
      OpeningSchedule schedule = helsinki(weekdays("09:00", "17:00"));

      // Friday 17:00 EEST; Monday 09:00 is EET (+02:00) after the change on Sunday 2026-10-25.
      assertThat(schedule.nextOpening(at("2026-10-23T14:00:00Z")))
          .contains(at("2026-10-26T07:00:00Z"));
    }

    @Test
    void the_next_opening_inside_the_spring_forward_gap_is_the_shifted_time() {
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "03:30", "06:00")));

      assertThat(schedule.nextOpening(at("2026-03-28T12:00:00Z")))
          .contains(at("2026-03-29T01:30:00Z"));
    }

    @Test
    void the_next_opening_skips_a_slot_emptied_by_the_spring_forward() {
      OpeningSchedule schedule = helsinki(List.of(slot(SUNDAY, "03:30", "04:00")));

      assertThat(schedule.nextOpening(at("2026-03-28T12:00:00Z")))
          .contains(at("2026-04-05T00:30:00Z"));
    }

    @Test
    void an_empty_schedule_has_no_next_opening() {
      assertThat(new OpeningSchedule(HELSINKI, null, null).nextOpening(at("2026-06-01T00:00:00Z")))
          .isEmpty();
      assertThat(
              new OpeningSchedule(HELSINKI, List.of(), List.of())
                  .nextOpening(at("2026-06-01T00:00:00Z")))
          .isEmpty();
    }

    @Test
    void a_schedule_open_around_the_clock_has_no_next_opening() {
      OpeningSchedule schedule = helsinki(allWeek("00:00", "24:00"));

      assertThat(schedule.isOpenAt(at("2026-06-01T00:00:00Z"))).isTrue();
      assertThat(schedule.nextOpening(at("2026-06-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void a_schedule_closed_by_exceptions_only_has_no_next_opening() {
      OpeningSchedule schedule = helsinki(List.of(), closedOn("2026-06-03"));

      assertThat(schedule.nextOpening(at("2026-06-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void an_opening_by_exception_within_400_days_is_found() {
      OpeningSchedule schedule = helsinki(List.of(), hoursOn("2027-03-01", "10:00", "14:00"));

      assertThat(schedule.nextOpening(at("2026-06-01T12:00:00+03:00")))
          .contains(at("2027-03-01T10:00:00+02:00"));
    }

    @Test
    void an_opening_on_the_400th_day_is_found_but_not_one_on_the_401st() {
      Instant t = at("2026-06-01T12:00:00+03:00");
      LocalDate day400 = LocalDate.of(2026, 6, 1).plusDays(400); // 2027-07-06

      assertThat(helsinki(List.of(), hoursOn(day400.toString(), "10:00", "14:00")).nextOpening(t))
          .contains(at(day400 + "T10:00:00+03:00"));
      assertThat(
              helsinki(List.of(), hoursOn(day400.plusDays(1).toString(), "10:00", "14:00"))
                  .nextOpening(t))
          .isEmpty();
    }
  }

  // ---------------------------------------------------------------- OpeningSlot

  @Nested
  class SlotParsing {

    @Test
    void parse_reads_times_and_text_writes_them_back() {
      OpeningSlot slot = OpeningSlot.parse(TUESDAY, "08:05", "16:30");

      assertThat(slot)
          .isEqualTo(new OpeningSlot(TUESDAY, LocalTime.of(8, 5), LocalTime.of(16, 30)));
      assertThat(slot.fromText()).isEqualTo("08:05");
      assertThat(slot.toText()).isEqualTo("16:30");
    }

    @Test
    void parse_stores_24_00_as_midnight_and_writes_it_back_as_24_00() {
      OpeningSlot slot = OpeningSlot.parse(MONDAY, "08:00", "24:00");

      assertThat(slot.to()).isEqualTo(LocalTime.MIDNIGHT);
      assertThat(slot.toText()).isEqualTo("24:00");
    }

    @Test
    void a_full_day_from_midnight_writes_its_closing_time_as_00_00() {
      assertThat(OpeningSlot.parse(MONDAY, "00:00", "24:00").toText()).isEqualTo("00:00");
      assertThat(OpeningSlot.parse(MONDAY, "00:00", "00:00").toText()).isEqualTo("00:00");
      assertThat(OpeningSlot.parse(MONDAY, "00:00", "24:00"))
          .isEqualTo(OpeningSlot.parse(MONDAY, "00:00", "00:00"));
    }

    @Test
    void a_past_midnight_slot_writes_its_times_as_given() {
      OpeningSlot slot = OpeningSlot.parse(FRIDAY, "22:00", "02:00");

      assertThat(slot.fromText()).isEqualTo("22:00");
      assertThat(slot.toText()).isEqualTo("02:00");
    }

    @Test
    void parse_reports_every_failing_field_at_once() {
      Map<String, String> fields = fieldsOf(() -> OpeningSlot.parse(MONDAY, "8:00", "25:00"));

      assertThat(fields)
          .containsOnlyKeys("from", "to")
          .containsEntry("from", "must be a time HH:mm")
          .containsEntry("to", "must be a time HH:mm, or 24:00 for the end of the day");
    }

    @Test
    void parse_reports_missing_values_as_required() {
      Map<String, String> fields = fieldsOf(() -> OpeningSlot.parse(MONDAY, "", " "));

      assertThat(fields)
          .containsOnlyKeys("from", "to")
          .containsEntry("from", "is required")
          .containsEntry("to", "is required");
    }

    @Test
    void parse_reports_only_the_failing_field() {
      assertThat(fieldsOf(() -> OpeningSlot.parse(MONDAY, "08:00", "8pm"))).containsOnlyKeys("to");
    }

    @Test
    void parse_rejects_24_00_as_opening_time() {
      assertThat(fieldsOf(() -> OpeningSlot.parse(MONDAY, "24:00", "08:00")))
          .containsOnly(
              Map.entry("from", "must be a time HH:mm; 24:00 is only allowed as the closing time"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "8:00",
          "08:0",
          "08:60",
          "24:01",
          "25:00",
          "08:00:00",
          "0800",
          "08-00",
          " 08:00",
          "ab:cd",
          "٠٨:٠٠"
        })
    void parse_rejects_times_not_in_hh_mm_form(String text) {
      assertThat(fieldsOf(() -> OpeningSlot.parse(MONDAY, text, "17:00")))
          .containsOnly(Map.entry("from", "must be a time HH:mm"));
      assertThat(fieldsOf(() -> OpeningSlot.parse(MONDAY, "07:00", text))).containsOnlyKeys("to");
    }

    @Test
    void the_constructor_requires_day_and_times() {
      assertThatNullPointerException()
          .isThrownBy(() -> new OpeningSlot(null, LocalTime.NOON, LocalTime.NOON));
      assertThatNullPointerException()
          .isThrownBy(() -> new OpeningSlot(MONDAY, null, LocalTime.NOON));
      assertThatNullPointerException()
          .isThrownBy(() -> new OpeningSlot(MONDAY, LocalTime.NOON, null));
    }
  }

  // ---------------------------------------------------------------- ScheduleException

  @Nested
  class ExceptionParsing {

    @Test
    void parse_reads_a_date_with_other_hours() {
      ScheduleException exception =
          ScheduleException.parse("2026-12-24", true, "09:00", "24:00", false);

      assertThat(exception)
          .isEqualTo(
              new ScheduleException(
                  LocalDate.of(2026, 12, 24), true, LocalTime.of(9, 0), LocalTime.MIDNIGHT, false));
    }

    @Test
    void parse_of_a_closed_day_drops_any_times() {
      assertThat(ScheduleException.parse("2026-12-24", false, "09:00", "12:00", true))
          .isEqualTo(new ScheduleException(LocalDate.of(2026, 12, 24), false, null, null, true));
      assertThat(ScheduleException.parse("2026-12-24", false, "junk", null, true).from()).isNull();
    }

    @Test
    void parse_requires_from_and_to_unless_closed() {
      Map<String, String> fields =
          fieldsOf(() -> ScheduleException.parse("2026-12-24", false, null, null, false));

      assertThat(fields)
          .containsOnly(
              Map.entry("from", "from and to are required unless closed is true"),
              Map.entry("to", "from and to are required unless closed is true"));
    }

    @Test
    void parse_reports_every_failing_field_at_once() {
      Map<String, String> fields =
          fieldsOf(() -> ScheduleException.parse("2026-02-30", false, "9", "24:30", false));

      assertThat(fields)
          .containsOnlyKeys("date", "from", "to")
          .containsEntry("date", "must be a date YYYY-MM-DD")
          .containsEntry("from", "must be a time HH:mm")
          .containsEntry("to", "must be a time HH:mm, or 24:00 for the end of the day");
    }

    @Test
    void parse_rejects_24_00_as_opening_time() {
      Map<String, String> fields =
          fieldsOf(() -> ScheduleException.parse("2026-12-24", false, "24:00", "02:00", false));

      assertThat(fields).containsOnlyKeys("from");
    }

    @Test
    void parse_reports_a_missing_date_as_required() {
      assertThat(fieldsOf(() -> ScheduleException.parse(null, false, null, null, true)))
          .containsOnly(Map.entry("date", "is required"));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "24.12.2026",
          "2026-12-4",
          "2026/12/24",
          "26-12-24",
          "2026-13-01",
          "2027-02-29",
          "+2026-12-24",
          "2026-12-24T00:00"
        })
    void parse_rejects_dates_not_in_yyyy_mm_dd_form(String text) {
      assertThat(fieldsOf(() -> ScheduleException.parse(text, false, null, null, true)))
          .containsOnly(Map.entry("date", "must be a date YYYY-MM-DD"));
    }

    @Test
    void the_constructor_drops_times_of_a_closed_day() {
      ScheduleException exception =
          new ScheduleException(
              LocalDate.of(2026, 12, 24), false, LocalTime.of(9, 0), LocalTime.NOON, true);

      assertThat(exception.from()).isNull();
      assertThat(exception.to()).isNull();
    }

    @Test
    void the_constructor_requires_a_date_and_times_unless_closed() {
      LocalDate date = LocalDate.of(2026, 12, 24);

      assertThatNullPointerException()
          .isThrownBy(() -> new ScheduleException(null, false, null, null, true));
      assertThatThrownBy(() -> new ScheduleException(date, false, null, LocalTime.NOON, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("from and to are required unless closed is true");
      assertThatThrownBy(() -> new ScheduleException(date, false, LocalTime.NOON, null, false))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_one_time_exception_applies_to_its_date_only() {
      ScheduleException exception = closedOn("2026-12-24");

      assertThat(exception.appliesTo(LocalDate.of(2026, 12, 24))).isTrue();
      assertThat(exception.appliesTo(LocalDate.of(2026, 12, 25))).isFalse();
      assertThat(exception.appliesTo(LocalDate.of(2027, 12, 24))).isFalse();
    }

    @Test
    void an_annual_exception_applies_to_the_same_month_and_day_of_any_year() {
      ScheduleException exception = closedEveryYearOn("2026-12-24");

      assertThat(exception.appliesTo(LocalDate.of(2026, 12, 24))).isTrue();
      assertThat(exception.appliesTo(LocalDate.of(2027, 12, 24))).isTrue();
      assertThat(exception.appliesTo(LocalDate.of(2025, 12, 24))).isTrue();
      assertThat(exception.appliesTo(LocalDate.of(2027, 12, 25))).isFalse();
      assertThat(exception.appliesTo(LocalDate.of(2027, 11, 24))).isFalse();
    }
  }

  // ---------------------------------------------------------------- OpeningSchedule

  @Nested
  class Construction {

    @Test
    void the_zone_is_required() {
      assertThatNullPointerException()
          .isThrownBy(() -> new OpeningSchedule(null, List.of(), List.of()));
    }

    @Test
    void the_zone_is_kept() {
      assertThat(new OpeningSchedule(NEW_YORK, null, null).zone()).isEqualTo(NEW_YORK);
    }

    @Test
    void later_changes_to_the_given_lists_do_not_change_the_schedule() {
      List<OpeningSlot> weekly = new ArrayList<>(List.of(slot(MONDAY, "09:00", "17:00")));
      List<ScheduleException> exceptions = new ArrayList<>();
      OpeningSchedule schedule = new OpeningSchedule(HELSINKI, weekly, exceptions);

      weekly.clear();
      exceptions.add(closedOn("2026-06-01"));

      assertThat(schedule.isOpenAt(at("2026-06-01T12:00:00+03:00"))).isTrue();
      assertThat(schedule.nextOpening(at("2026-06-01T12:00:00+03:00")))
          .isEqualTo(Optional.of(at("2026-06-08T09:00:00+03:00")));
    }
  }

  // ---------------------------------------------------------------- rule 7: openBetween

  @Nested
  class OpenBetween {

    private Duration open(OpeningSchedule schedule, String from, String to) {
      return schedule.openBetween(at(from), at(to));
    }

    @Test
    void a_closed_night_counts_nothing() {
      var schedule = new OpeningSchedule(HELSINKI, weekdays("09:00", "17:00"), null);

      assertThat(open(schedule, "2026-06-01T16:00:00+03:00", "2026-06-02T10:00:00+03:00"))
          .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void a_weekend_counts_nothing() {
      var schedule = new OpeningSchedule(HELSINKI, weekdays("09:00", "17:00"), null);

      assertThat(open(schedule, "2026-06-05T16:30:00+03:00", "2026-06-08T09:45:00+03:00"))
          .isEqualTo(Duration.ofMinutes(75));
    }

    @Test
    void a_closed_holiday_counts_nothing() {
      var schedule =
          new OpeningSchedule(
              HELSINKI, weekdays("09:00", "17:00"), List.of(closedEveryYearOn("2026-12-24")));

      // Wednesday 16:00 to Friday 10:00 across Christmas Eve, a Thursday
      assertThat(open(schedule, "2026-12-23T16:00:00+02:00", "2026-12-25T10:00:00+02:00"))
          .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void a_dst_change_counts_the_hours_that_really_pass() {
      var early = new OpeningSchedule(HELSINKI, allWeek("01:00", "05:00"), null);
      var day = new OpeningSchedule(HELSINKI, allWeek("08:00", "16:00"), null);

      // 2026-03-29: 03:00 becomes 04:00; 2026-10-25: 04:00 becomes 03:00
      assertThat(open(early, "2026-03-29T00:00:00+02:00", "2026-03-29T12:00:00+03:00"))
          .isEqualTo(Duration.ofHours(3));
      assertThat(open(day, "2026-03-29T00:00:00+02:00", "2026-03-30T00:00:00+03:00"))
          .isEqualTo(Duration.ofHours(8));
      assertThat(open(early, "2026-10-25T00:00:00+03:00", "2026-10-25T12:00:00+02:00"))
          .isEqualTo(Duration.ofHours(5));
    }

    @Test
    void overlapping_slots_count_once_and_a_slot_past_midnight_counts_into_the_next_day() {
      var overlapping =
          new OpeningSchedule(
              HELSINKI,
              List.of(slot(MONDAY, "09:00", "12:00"), slot(MONDAY, "11:00", "14:00")),
              null);
      var lateFriday = new OpeningSchedule(HELSINKI, List.of(slot(FRIDAY, "22:00", "02:00")), null);

      assertThat(open(overlapping, "2026-06-01T00:00:00+03:00", "2026-06-02T00:00:00+03:00"))
          .isEqualTo(Duration.ofHours(5));
      assertThat(open(lateFriday, "2026-06-06T00:00:00+03:00", "2026-06-06T12:00:00+03:00"))
          .isEqualTo(Duration.ofHours(2));
    }

    @Test
    void an_empty_or_backwards_range_is_no_time() {
      var always = new OpeningSchedule(HELSINKI, allWeek("00:00", "00:00"), null);

      assertThat(open(always, "2026-06-01T12:00:00Z", "2026-06-01T12:00:00Z")).isZero();
      assertThat(open(always, "2026-06-01T12:00:00Z", "2026-06-01T11:00:00Z")).isZero();
      assertThat(open(always, "2026-06-01T12:00:00Z", "2026-06-03T12:00:00Z"))
          .isEqualTo(Duration.ofDays(2));
    }
  }
}
