package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Housekeeping's round: every expiring kind is purged, whatever another one does. */
class HousekeepingTest {

  private final List<String> purged = new ArrayList<>();

  @Test
  void a_purge_that_fails_is_left_to_the_next_round_and_the_others_still_run() {
    Housekeeping.purgeAll(
        List.of(kind("sessions", false), kind("windows", true), kind("failures", false)));

    assertThat(purged).containsExactly("sessions", "failures");
  }

  private Expiring kind(String name, boolean fails) {
    return new Expiring() {
      @Override
      public int purge() {
        if (fails) {
          throw new IllegalStateException("the database is away");
        }
        purged.add(name);
        return 1;
      }

      @Override
      public String expiring() {
        return name;
      }
    };
  }
}
