package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.util.List;

/**
 * A reply the bot gives when the visitor's text contains its keywords: 1 to {@value #MAX_KEYWORDS}
 * keywords of 1 to {@value #MAX_KEYWORD_LENGTH} characters (trimmed), and a reply in at least one
 * language of at most {@value #MAX_REPLY_LENGTH} characters.
 */
public record BotAnswer(List<String> keywords, Translations reply) {

  public static final int MAX_KEYWORDS = 50;
  public static final int MAX_KEYWORD_LENGTH = 100;
  public static final int MAX_REPLY_LENGTH = 5000;

  /**
   * @throws InvalidInput under {@code keywords} and {@code reply}
   */
  public BotAnswer {
    var errors = new InvalidInput.Collector();
    List<String> given = keywords == null ? List.of() : keywords;
    if (given.isEmpty()) {
      errors.add("keywords", "needs at least one keyword");
    } else if (given.size() > MAX_KEYWORDS
        || given.stream()
            .anyMatch(k -> k == null || k.isBlank() || k.length() > MAX_KEYWORD_LENGTH)) {
      errors.add(
          "keywords",
          "at most " + MAX_KEYWORDS + " keywords of 1 to " + MAX_KEYWORD_LENGTH + " characters");
    }
    if (reply == null || reply.isEmpty()) {
      errors.add("reply", "needs a text in at least one language");
    }
    errors.throwIfAny();
    keywords = given.stream().map(String::strip).toList();
  }
}
