package io.contactdesk.platform;

import java.time.Duration;
import java.util.Objects;

/**
 * When an outbox row whose attempt failed is tried again, and when it is given up: a mail (set by
 * {@code contactdesk.mail.retry-base-seconds} and {@code contactdesk.mail.max-attempts}) or a
 * webhook delivery (the same keys under {@code contactdesk.webhooks.}):
 *
 * <ol>
 *   <li>After attempt {@code n} failed, the next one comes {@code 2^(n-1)} times {@code base}
 *       later: base, 2 base, 4 base, ...
 *   <li>No wait is longer than {@link #LONGEST_WAIT}.
 *   <li>After {@code maxAttempts} failed attempts the row is given up.
 * </ol>
 */
public record RetryPolicy(Duration base, int maxAttempts) {

  public static final Duration LONGEST_WAIT = Duration.ofHours(1);

  public RetryPolicy {
    Objects.requireNonNull(base);
  }

  /** Rule 3: whether a row with this many failed attempts is given up. */
  public boolean givesUpAfter(int attempts) {
    return attempts >= maxAttempts;
  }

  /** Rules 1 and 2: how long after failed attempt number {@code attempt} (from 1) to try again. */
  public Duration nextAttemptAfter(int attempt) {
    Duration wait = base.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 20));
    return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
  }
}
