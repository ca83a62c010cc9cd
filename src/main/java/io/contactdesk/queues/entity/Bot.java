package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The queue's small offline bot: a greeting and answers to common questions. It picks the answer
 * whose keywords best cover the visitor's words, and when none fits it offers to take a message
 * (the chat window then asks the form's fields one by one).
 *
 * <p>A keyword word matches a visitor's word that starts with it, so {@code invoice} also finds
 * "invoices" and {@code lasku} finds the Finnish "laskun" or "laskusta". Several words in one
 * keyword must follow each other.
 */
public record Bot(Translations greeting, List<BotAnswer> answers) {

  public static final int MAX_ANSWERS = 200;
  public static final int MAX_GREETING_LENGTH = 2000;

  public static final Bot NONE = new Bot(Translations.NONE, List.of());

  private static final Translations NO_ANSWER =
      new Translations(
          Map.of(
              "en", "Sorry, I don't have an answer to that. Would you like to leave us a message?",
              "fi", "Valitettavasti en osaa vastata tähän. Haluatko jättää meille viestin?",
              "sv", "Tyvärr har jag inget svar på det. Vill du lämna ett meddelande till oss?"));

  private static final Translations NO_ANSWER_NO_FORM =
      new Translations(
          Map.of(
              "en", "Sorry, I don't have an answer to that. Please come back when we're open.",
              "fi",
                  "Valitettavasti en osaa vastata tähän. Tervetuloa uudelleen, kun olemme avoinna.",
              "sv", "Tyvärr har jag inget svar på det. Välkommen tillbaka när vi har öppet."));

  /**
   * @throws InvalidInput under {@code answers} for more than {@value #MAX_ANSWERS} answers
   */
  public Bot {
    greeting = greeting == null ? Translations.NONE : greeting;
    answers = answers == null ? List.of() : List.copyOf(answers);
    if (answers.size() > MAX_ANSWERS) {
      throw InvalidInput.of("answers", "at most " + MAX_ANSWERS + " answers");
    }
  }

  /**
   * The reply to a visitor's text. Without a matching answer the bot offers to take a message, when
   * {@code takesMessages} (the queue has a form); else it can only say it has no answer.
   */
  public BotReply reply(String text, String language, boolean takesMessages) {
    String[] words = words(text);
    BotAnswer best = null;
    int bestScore = 0;
    for (BotAnswer answer : answers) {
      int score = 0;
      for (String keyword : answer.phrases()) {
        String[] keywordWords = words(keyword);
        if (keywordWords.length > 0 && contains(words, keywordWords)) {
          score += String.join("", keywordWords).length();
        }
      }
      if (score > bestScore) {
        best = answer;
        bestScore = score;
      }
    }
    if (best == null) {
      return takesMessages
          ? new BotReply(NO_ANSWER.in(language), false, true)
          : new BotReply(NO_ANSWER_NO_FORM.in(language), false, false);
    }
    return new BotReply(best.reply().in(language), true, false);
  }

  private static boolean contains(String[] words, String[] phrase) {
    for (int start = 0; start + phrase.length <= words.length; start++) {
      int i = 0;
      while (i < phrase.length && words[start + i].startsWith(phrase[i])) {
        i++;
      }
      if (i == phrase.length) {
        return true;
      }
    }
    return false;
  }

  private static String[] words(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    return Arrays.stream(folded.split("[^\\p{L}\\p{N}]+"))
        .filter(w -> !w.isEmpty())
        .toArray(String[]::new);
  }

  /** What the bot says back, and whether the window should offer to leave a message. */
  public record BotReply(String reply, boolean matched, boolean offerForm) {}
}
