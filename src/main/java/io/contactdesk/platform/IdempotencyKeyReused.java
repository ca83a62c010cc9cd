package io.contactdesk.platform;

/**
 * An {@code Idempotency-Key} sent again with a different body (SPEC rule 12): {@code 422
 * idempotency_key_reused}; nothing is stored and the first request's answer is not replayed.
 */
public class IdempotencyKeyReused extends RuntimeException {
  public IdempotencyKeyReused() {
    super(
        "This Idempotency-Key was already used with a different body; send a new key for a new"
            + " message",
        null,
        false,
        false);
  }
}
