package io.contactdesk.webhooks.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A delivery's way out, rule by rule ({@link WebhookDelivery}). */
class WebhookDeliveryTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(30), 3);

  private final WebhookDelivery delivery =
      new WebhookDelivery("d-1", "w-1", WebhookEvent.REGISTERED, "c-1", "q-1", "{}", T0);

  @Test
  void rule1_a_due_delivery_is_claimed_by_one_node_for_its_lease() {
    delivery.claim("node-a", T0, LEASE);
    assertThat(delivery.claimedBy("node-a")).isTrue();
    assertThat(delivery.claimable(T0.plusSeconds(59))).isFalse();
    assertThatThrownBy(() -> delivery.claim("node-b", T0.plusSeconds(10), LEASE))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rule2_an_attempt_is_counted_before_it_connects_and_only_by_the_claiming_node() {
    delivery.claim("node-a", T0, LEASE);
    assertThatThrownBy(() -> delivery.startAttempt("node-b", T0, LEASE))
        .isInstanceOf(IllegalStateException.class);
    delivery.startAttempt("node-a", T0, LEASE);
    assertThat(delivery.attempts()).isEqualTo(1);
  }

  @Test
  void rule3_a_failed_attempt_waits_with_back_off_and_the_last_one_gives_up() {
    for (int attempt = 1; attempt <= 3; attempt++) {
      Instant now = T0.plus(Duration.ofMinutes(attempt * 10L));
      delivery.claim("node-a", now, LEASE);
      delivery.startAttempt("node-a", now, LEASE);
      delivery.failed(500, "the receiver answered 500", now, RETRY);
      if (attempt < 3) {
        assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.PENDING);
        assertThat(delivery.nextAttemptAt()).isEqualTo(now.plus(RETRY.nextAttemptAfter(attempt)));
      }
    }
    assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.FAILED);
    assertThat(delivery.lastStatusCode()).isEqualTo(500);
    assertThat(delivery.nextAttemptAt()).isNull();
  }

  @Test
  void rule3_a_2xx_delivers_and_a_late_failure_does_not_undo_it() {
    delivery.claim("node-a", T0, LEASE);
    delivery.startAttempt("node-a", T0, LEASE);
    delivery.delivered(204, T0.plusSeconds(1));
    delivery.failed(null, "timeout", T0.plusSeconds(2), RETRY);
    assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.DELIVERED);
    assertThat(delivery.lastStatusCode()).isEqualTo(204);
    assertThat(delivery.deliveredAt()).isEqualTo(T0.plusSeconds(1));
  }

  @Test
  void rule4_a_node_that_stopped_mid_attempt_leaves_it_to_be_sent_again_after_the_lease() {
    delivery.claim("node-a", T0, LEASE);
    delivery.startAttempt("node-a", T0, LEASE); // node-a stops here
    assertThat(delivery.claimable(T0.plusSeconds(30))).isFalse();
    assertThat(delivery.claimable(T0.plusSeconds(61))).isTrue();
    delivery.claim("node-b", T0.plusSeconds(61), LEASE);
    delivery.startAttempt("node-b", T0.plusSeconds(61), LEASE);
    assertThat(delivery.attempts()).isEqualTo(2);
    assertThat(delivery.id()).isEqualTo("d-1"); // the same webhook-id, so a receiver can drop it
  }

  @Test
  void rule5_redeliver_makes_even_a_given_up_delivery_due_now_with_every_attempt_ahead() {
    for (int attempt = 1; attempt <= 3; attempt++) {
      delivery.claim("node-a", T0.plus(Duration.ofHours(attempt)), LEASE);
      delivery.startAttempt("node-a", T0.plus(Duration.ofHours(attempt)), LEASE);
      delivery.failed(null, "refused", T0.plus(Duration.ofHours(attempt)), RETRY);
    }
    assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.FAILED);

    Instant later = T0.plus(Duration.ofDays(1));
    delivery.redeliver(later);
    assertThat(delivery.state()).isEqualTo(WebhookDelivery.State.PENDING);
    assertThat(delivery.attempts()).isZero();
    assertThat(delivery.claimable(later)).isTrue();
  }
}
