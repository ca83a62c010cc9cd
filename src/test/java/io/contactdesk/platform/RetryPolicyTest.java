package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The back-off of the outboxes (mail, webhooks), rule by rule (see {@link RetryPolicy}). */
class RetryPolicyTest {

  private final RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(30), 8);

  @Test
  void rule1_each_failed_attempt_doubles_the_wait_starting_at_the_base() {
    assertThat(retry.nextAttemptAfter(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(retry.nextAttemptAfter(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(retry.nextAttemptAfter(3)).isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void rule2_no_wait_is_longer_than_an_hour() {
    assertThat(retry.nextAttemptAfter(8)).isEqualTo(Duration.ofHours(1));
    assertThat(retry.nextAttemptAfter(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void rule3_the_mail_is_given_up_after_the_last_attempt() {
    assertThat(retry.givesUpAfter(7)).isFalse();
    assertThat(retry.givesUpAfter(8)).isTrue();
  }
}
