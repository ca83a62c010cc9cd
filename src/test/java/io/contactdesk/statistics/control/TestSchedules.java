package io.contactdesk.statistics.control;

import io.contactdesk.queues.entity.OpeningSchedule;
import io.contactdesk.queues.entity.OpeningSlot;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.Arrays;

/** Opening hours for statistics tests. */
final class TestSchedules {

  /** Open around the clock: open minutes are wall-clock minutes. */
  static final OpeningSchedule ALWAYS_OPEN =
      new OpeningSchedule(
          ZoneId.of("Europe/Helsinki"),
          Arrays.stream(DayOfWeek.values())
              .map(d -> OpeningSlot.parse(d, "00:00", "00:00"))
              .toList(),
          null);

  private TestSchedules() {}
}
