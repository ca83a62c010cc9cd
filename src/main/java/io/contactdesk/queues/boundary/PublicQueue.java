package io.contactdesk.queues.boundary;

import io.contactdesk.queues.entity.FormField;
import io.contactdesk.queues.entity.Queue;
import java.time.Instant;
import java.util.List;

/**
 * What the chat window needs to know about a queue (SPEC, Visitor): whether it is open, what to
 * show while closed, and the form, in the visitor's language.
 */
public record PublicQueue(
    String id, String name, boolean open, String timeZone, Offline offline, Form form) {

  public record Offline(
      String mode,
      String message,
      List<QueueBody.SlotBody> openingHours,
      Instant nextOpening,
      String greeting,
      List<String> topics) {}

  public record Form(List<Field> fields) {}

  public record Field(
      String name,
      String label,
      String type,
      boolean required,
      int maxLength,
      boolean hidden,
      List<Option> options) {}

  public record Option(String value, String label) {}

  static PublicQueue of(Queue queue, Instant now, String language) {
    return new PublicQueue(
        queue.id(),
        queue.name(),
        queue.isOpenAt(now),
        queue.zone().getId(),
        new Offline(
            queue.offlineMode().name(),
            queue.offlineMessage().in(language),
            queue.openingHours().stream()
                .map(s -> new QueueBody.SlotBody(s.day().name(), s.fromText(), s.toText()))
                .toList(),
            queue.nextOpening(now).orElse(null),
            queue.bot().greeting().in(language),
            // Each answer is a quick-reply topic: its label in the visitor's language, else its
            // first keyword. The window sends the text shown, which matches the label's words.
            queue.bot().answers().stream().map(a -> a.topicIn(language)).toList()),
        new Form(queue.form().fields().stream().map(f -> field(f, language)).toList()));
  }

  private static Field field(FormField f, String language) {
    return new Field(
        f.name(),
        f.label().in(language),
        f.type().wireName(),
        f.required(),
        f.maxLength(),
        f.hidden(),
        f.options().stream().map(o -> new Option(o.value(), o.label().in(language))).toList());
  }
}
