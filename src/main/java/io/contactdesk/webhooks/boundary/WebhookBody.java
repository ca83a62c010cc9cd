package io.contactdesk.webhooks.boundary;

import io.contactdesk.webhooks.control.WebhookDraft;
import io.contactdesk.webhooks.entity.WebhookEvent;
import jakarta.validation.constraints.NotNull;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A webhook as an admin writes it (SPEC, Integrations): {@code {"url","events":[…],
 * "queues":[…]|null,"includeAnswers":bool}}; {@code includeAnswers} is off when left out. The wire
 * rules are here (lists without nulls, event names); what a URL, a subscription and a queue must be
 * is the domain's ({@code WebhookTarget}, {@code Subscription}, {@code Webhooks}).
 */
public record WebhookBody(
    String url,
    @NotNull(message = "is required, e.g. [\"contact.registered\"]")
        List<@NotNull(message = "must not be null") String> events,
    List<@NotNull(message = "must not be null") String> queues,
    Boolean includeAnswers) {

  /** The draft in the domain's terms; an unknown event name is added to {@code refused}. */
  WebhookDraft draft(Map<String, String> refused) {
    Set<WebhookEvent> kinds = EnumSet.noneOf(WebhookEvent.class);
    List<String> names = events == null ? List.of() : events;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name == null) {
        continue;
      }
      int at = i;
      WebhookEvent.fromWire(name)
          .ifPresentOrElse(
              kinds::add,
              () ->
                  refused.putIfAbsent(
                      "events[" + at + "]", "must be one of " + WebhookEvent.names()));
    }
    List<String> queueIds =
        queues == null ? null : queues.stream().map(q -> q == null ? "" : q).toList();
    return new WebhookDraft(url, kinds, queueIds, Boolean.TRUE.equals(includeAnswers));
  }
}
