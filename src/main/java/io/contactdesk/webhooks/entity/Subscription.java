package io.contactdesk.webhooks.entity;

import io.contactdesk.platform.InvalidInput;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a webhook is told of and where: its target, the events, the queues (null for every queue)
 * and whether the visitor's answers go along. Rules:
 *
 * <ol>
 *   <li>At least one event.
 *   <li>Queues are null (every queue, also those made later) or at least one queue id.
 *   <li>Answers go along only when {@code includeAnswers} is on; it is off unless asked for, as in
 *       the e-mail, which never carries them.
 * </ol>
 *
 * That the queues exist and that the target is allowed are checked where the database and the
 * network are ({@code Webhooks}).
 */
public record Subscription(
    WebhookTarget target, Set<WebhookEvent> events, List<String> queues, boolean includeAnswers) {

  public Subscription {
    Objects.requireNonNull(target);
    check(events, queues);
    events = Set.copyOf(events);
    queues = queues == null ? null : List.copyOf(queues);
  }

  /** Rules 1 and 2, on their own: {@link InvalidInput} naming each that is broken. */
  public static Void check(Set<WebhookEvent> events, List<String> queues) {
    var errors = new InvalidInput.Collector();
    if (events == null || events.isEmpty()) {
      errors.add("events", "name at least one of " + WebhookEvent.names());
    }
    if (queues != null && queues.isEmpty()) {
      errors.add("queues", "name at least one queue, or send null for every queue");
    }
    errors.throwIfAny();
    return null;
  }

  /** Whether an event of this kind in this queue is this subscription's. */
  public boolean covers(WebhookEvent event, String queueId) {
    return events.contains(event) && (queues == null || queues.contains(queueId));
  }
}
