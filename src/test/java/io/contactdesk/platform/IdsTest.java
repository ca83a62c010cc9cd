package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdsTest {

  @Test
  void timeOrderedIdsAreWellFormedAndAsLongAsRandomOnes() {
    String id = Ids.timeOrdered(Instant.parse("2026-11-30T12:00:00Z"));

    assertThat(Ids.isWellFormed(id)).isTrue();
    assertThat(id).hasSameSizeAs(Ids.random());
  }

  @Test
  void idsMadeLaterSortAfterEarlierOnes() {
    Instant start = Instant.parse("2026-11-30T12:00:00Z");
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      // every millisecond of the first second, then ever longer steps, to about 4,000 years on
      made.add(Ids.timeOrdered(start.plusMillis(i < 1000 ? i : (long) i * i * i * 1000)));
    }

    assertThat(made).isSorted();
  }

  @Test
  void idsOfTheSameMillisecondDifferInTheirRandomPart() {
    Instant now = Instant.parse("2026-11-30T12:00:00.123Z");
    var seen = new HashSet<String>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(Ids.timeOrdered(now));
    }

    String timePart = Ids.timeOrdered(now).substring(0, 8);
    assertThat(seen).hasSize(10_000);
    assertThat(seen).allSatisfy(id -> assertThat(id).startsWith(timePart));
  }
}
