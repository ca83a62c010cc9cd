package io.contactdesk.statistics.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class DateRangeTest {

  private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

  @Test
  void a_range_is_whole_days_in_the_queues_time_zone_both_ends_included() {
    DateRange range = DateRange.parse("2026-03-28", "2026-03-29", HELSINKI, Instant.EPOCH);

    assertThat(range.start()).isEqualTo(Instant.parse("2026-03-27T22:00:00Z"));
    // the clocks go forward on the 29th: the day ends at 21:00 UTC
    assertThat(range.end()).isEqualTo(Instant.parse("2026-03-29T21:00:00Z"));
  }

  @Test
  void without_bounds_it_is_the_last_30_days_up_to_today_there() {
    DateRange range = DateRange.parse(null, null, HELSINKI, Instant.parse("2026-11-25T22:30:00Z"));

    assertThat(range.to()).isEqualTo(LocalDate.parse("2026-11-26"));
    assertThat(range.from()).isEqualTo(LocalDate.parse("2026-10-28"));
  }

  @Test
  void bad_dates_and_reversed_ranges_are_refused() {
    assertThatThrownBy(() -> DateRange.parse("yesterday", "2026-13-01", HELSINKI, Instant.EPOCH))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsOnlyKeys("from", "to"));
    assertThatThrownBy(() -> DateRange.parse("2026-02-01", "2026-01-01", HELSINKI, Instant.EPOCH))
        .isInstanceOf(InvalidInput.class);
  }
}
