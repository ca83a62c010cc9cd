package io.contactdesk.queues.entity;

import java.util.List;

/** A reply the bot gives when the visitor's text contains its keywords. */
public record BotAnswer(List<String> keywords, Translations reply) {
  public BotAnswer {
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }
}
