package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotTest {

  private static BotAnswer answer(List<String> keywords, Translations reply) {
    return new BotAnswer(keywords, reply, Translations.NONE);
  }

  private final Bot bot =
      new Bot(
          new Translations(Map.of("en", "Hi!")),
          List.of(
              answer(
                  List.of("invoice", "lasku"),
                  new Translations(
                      Map.of(
                          "en",
                          "Invoices are under Billing.",
                          "fi",
                          "Laskut ovat kohdassa Laskutus."))),
              answer(
                  List.of("opening hours", "aukiolo"),
                  new Translations(Map.of("en", "Mon–Fri 8–16."))),
              answer(List.of("open"), new Translations(Map.of("en", "We open at 8.")))));

  @Test
  void the_answer_whose_keywords_appear_in_the_question_is_given() {
    Bot.BotReply reply = bot.reply("Where do I find my INVOICE?", "en", true);

    assertThat(reply).isEqualTo(new Bot.BotReply("Invoices are under Billing.", true, false));
  }

  @Test
  void a_keyword_matches_inflected_words_that_start_with_it() {
    assertThat(bot.reply("Missä on laskuni?", "fi", true).reply())
        .isEqualTo("Laskut ovat kohdassa Laskutus.");
    assertThat(bot.reply("two invoices", "en", true).matched()).isTrue();
  }

  @Test
  void the_answer_covering_more_of_the_question_wins() {
    assertThat(bot.reply("what are your opening hours", "en", true).reply())
        .isEqualTo("Mon–Fri 8–16.");
    assertThat(bot.reply("are you open", "en", true).reply()).isEqualTo("We open at 8.");
  }

  @Test
  void a_phrase_keyword_needs_its_words_in_order() {
    assertThat(bot.reply("hours of opening", "en", true).reply()).isEqualTo("We open at 8.");
  }

  @Test
  void without_a_match_the_bot_offers_to_take_a_message_in_the_visitors_language() {
    Bot.BotReply reply = bot.reply("Can I bring my dog?", "fi", true);

    assertThat(reply.matched()).isFalse();
    assertThat(reply.offerForm()).isTrue();
    assertThat(reply.reply()).contains("viestin");
  }

  @Test
  void a_reply_missing_in_the_language_falls_back_to_english() {
    assertThat(bot.reply("aukiolo", "fi", true).reply()).isEqualTo("Mon–Fri 8–16.");
  }

  // ---------------------------------------------------------------- what an admin may configure

  private static Map<String, String> problems(Runnable build) {
    try {
      build.run();
      return Map.of();
    } catch (io.contactdesk.platform.InvalidInput e) {
      return e.fields();
    }
  }

  private static final Translations REPLY = new Translations(Map.of("en", "Yes."));

  @Test
  void an_answer_needs_1_to_50_keywords_of_1_to_100_characters() {
    assertThat(problems(() -> answer(List.of(), REPLY)))
        .containsOnly(Map.entry("keywords", "needs at least one keyword"));
    assertThat(problems(() -> answer(null, REPLY))).containsOnlyKeys("keywords");
    String manyKeywords = "at most 50 keywords of 1 to 100 characters";
    assertThat(problems(() -> answer(java.util.Collections.nCopies(51, "k"), REPLY)))
        .containsOnly(Map.entry("keywords", manyKeywords));
    assertThat(problems(() -> answer(List.of("ok", " "), REPLY)))
        .containsOnly(Map.entry("keywords", manyKeywords));
    assertThat(problems(() -> answer(List.of("x".repeat(101)), REPLY)))
        .containsOnly(Map.entry("keywords", manyKeywords));
  }

  @Test
  void an_answer_needs_a_reply_and_its_keywords_are_trimmed() {
    assertThat(problems(() -> answer(List.of("price"), Translations.NONE)))
        .containsOnly(Map.entry("reply", "needs a text in at least one language"));
    assertThat(answer(List.of(" price "), REPLY).keywords()).containsExactly("price");
  }

  @Test
  void a_bot_has_at_most_200_answers() {
    BotAnswer answer = answer(List.of("price"), REPLY);

    assertThat(
            problems(() -> new Bot(Translations.NONE, java.util.Collections.nCopies(201, answer))))
        .containsOnly(Map.entry("answers", "at most 200 answers"));
    assertThat(new Bot(null, java.util.Collections.nCopies(200, answer)).answers()).hasSize(200);
  }

  // ---- quick-reply labels (issue #19: the buttons showed the first keyword untranslated)

  private static final BotAnswer PRICES =
      new BotAnswer(
          List.of("price"),
          new Translations(Map.of("en", "From 9 €.", "fi", "Alkaen 9 €.")),
          new Translations(Map.of("en", "Prices", "fi", "Hinnat", "sv", "Priser")));

  @Test
  void a_quick_reply_shows_its_label_in_the_visitors_language_else_the_first_keyword() {
    assertThat(PRICES.topicIn("fi")).isEqualTo("Hinnat");
    assertThat(PRICES.topicIn("sv-FI")).isEqualTo("Priser");
    assertThat(PRICES.topicIn("de")).isEqualTo("Prices");
    assertThat(answer(List.of("invoice", "bill"), REPLY).topicIn("fi")).isEqualTo("invoice");
  }

  @Test
  void tapping_a_label_in_any_language_finds_its_answer() {
    Bot withLabels = new Bot(Translations.NONE, List.of(PRICES));

    assertThat(withLabels.reply("Hinnat", "fi", true).reply()).isEqualTo("Alkaen 9 €.");
    assertThat(withLabels.reply("Priser", "sv", true).matched()).isTrue();
  }

  @Test
  void an_answer_stored_before_labels_existed_reads_back_without_one() {
    var column = new Queue.BotColumn();
    Bot old =
        column.convertToEntityAttribute(
            "{\"answers\":[{\"keywords\":[\"price\"],\"reply\":{\"texts\":{\"en\":\"9 €\"}}}],"
                + "\"greeting\":{\"texts\":{}}}");

    assertThat(old.answers().get(0).label().isEmpty()).isTrue();
    assertThat(old.answers().get(0).topicIn("fi")).isEqualTo("price");
    Bot labelled = new Bot(Translations.NONE, List.of(PRICES));
    assertThat(column.convertToEntityAttribute(column.convertToDatabaseColumn(labelled)))
        .isEqualTo(labelled);
  }
}
