package io.contactdesk.webhooks.control;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.webhooks.entity.WebhookEvent;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The JSON a webhook is sent (SPEC, Integrations): {@code {"type","timestamp","data":{contactId,
 * reference, queueId, createdAt, status, handler, link, answers}}}, {@code answers} only for a
 * webhook with {@code includeAnswers} on, and never for {@code contact.deleted} (the content is
 * gone). Times are ISO-8601 UTC, as everywhere in the API.
 */
final class DeliveryBody {

  private DeliveryBody() {}

  static String of(
      WebhookEvent event, Contact contact, Instant at, String link, boolean includeAnswers) {
    JsonObjectBuilder data =
        Json.createObjectBuilder()
            .add("contactId", contact.id())
            .add("reference", contact.reference())
            .add("queueId", contact.queueId())
            .add("createdAt", contact.createdAt().toString())
            .add("status", contact.status().name());
    if (contact.handler() == null) {
      data.addNull("handler");
    } else {
      data.add("handler", contact.handler());
    }
    data.add("link", link);
    if (includeAnswers && event != WebhookEvent.DELETED) {
      JsonArrayBuilder answers = Json.createArrayBuilder();
      for (Answer answer : contact.answers()) {
        answers.add(
            Json.createObjectBuilder()
                .add("name", answer.name())
                .add("label", answer.label() == null ? "" : answer.label())
                .add("value", answer.value() == null ? "" : answer.value()));
      }
      data.add("answers", answers);
    }
    return Json.createObjectBuilder()
        .add("type", event.wire())
        .add("timestamp", at.truncatedTo(ChronoUnit.MILLIS).toString())
        .add("data", data)
        .build()
        .toString();
  }
}
