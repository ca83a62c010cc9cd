package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.util.List;

/**
 * A reply the bot gives when the visitor's text contains its keywords: 1 to {@value #MAX_KEYWORDS}
 * keywords of 1 to {@value #MAX_KEYWORD_LENGTH} characters (trimmed), and a reply in at least one
 * language of at most {@value #MAX_REPLY_LENGTH} characters.
 *
 * <p>The optional {@code label} is the quick-reply button's text per language ("Prices", "Hinnat",
 * "Priser"); without one the chat window shows the first keyword. A label's words match like
 * keywords, so tapping the button in any language finds this answer.
 */
public record BotAnswer(List<String> keywords, Translations reply, Translations label) {

  public static final int MAX_KEYWORDS = 50;
  public static final int MAX_KEYWORD_LENGTH = 100;
  public static final int MAX_REPLY_LENGTH = 5000;
  public static final int MAX_LABEL_LENGTH = 80;

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
    label = label == null ? Translations.NONE : label; // answers stored before labels have none
  }

  /** The quick-reply button's text in the visitor's language, else the first keyword. */
  public String topicIn(String language) {
    return label.isEmpty() ? keywords.get(0) : label.in(language);
  }

  /** What a visitor's text is matched against: the keywords and the label in every language. */
  List<String> phrases() {
    if (label.isEmpty()) {
      return keywords;
    }
    var all = new java.util.ArrayList<>(keywords);
    all.addAll(label.texts().values());
    return all;
  }
}
