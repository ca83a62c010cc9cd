package io.contactdesk.webhooks.entity;

import java.util.Arrays;
import java.util.Optional;

/** What a webhook can be told of, by its wire name (SPEC, Integrations). */
public enum WebhookEvent {
  /** A visitor's contact was stored. */
  REGISTERED("contact.registered"),
  /** An agent wrote a comment (whatever it changed). */
  COMMENTED("contact.commented"),
  /** The contact's status moved (sent beside {@link #COMMENTED} for the comment that moved it). */
  STATUS_CHANGED("contact.status_changed"),
  /** Nobody answered in time (issue #17 fires it; see {@code WebhookOutbox#owe}). */
  ESCALATED("contact.escalated"),
  /** The contact was erased (an admin's DELETE or retention); its body carries no answers. */
  DELETED("contact.deleted");

  private final String wire;

  WebhookEvent(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The event of this wire name, exactly as written (names are lower case). */
  public static Optional<WebhookEvent> fromWire(String name) {
    return Arrays.stream(values()).filter(e -> e.wire.equals(name)).findFirst();
  }

  public static String names() {
    return Arrays.stream(values()).map(WebhookEvent::wire).toList().toString();
  }
}
