package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactFormTest {

  static final ContactForm FORM =
      ContactForm.of(
          List.of(
              FormField.define(
                  "f",
                  "name",
                  Map.of("en", "Name", "fi", "Nimi"),
                  FieldType.TEXT,
                  true,
                  50,
                  false,
                  null),
              FormField.define(
                  "f", "email", Map.of("en", "Email"), FieldType.EMAIL, true, null, false, null),
              FormField.define(
                  "f", "phone", Map.of("en", "Phone"), FieldType.PHONE, false, null, false, null),
              FormField.define(
                  "f",
                  "message",
                  Map.of("en", "Message"),
                  FieldType.TEXTAREA,
                  true,
                  100,
                  false,
                  null),
              FormField.define(
                  "f",
                  "topic",
                  Map.of("en", "Topic"),
                  FieldType.SELECT,
                  false,
                  null,
                  false,
                  List.of(new FieldOption("billing", new Translations(Map.of("en", "Billing"))))),
              FormField.define(
                  "f",
                  "newsletter",
                  Map.of("en", "Send me news"),
                  FieldType.CHECKBOX,
                  false,
                  null,
                  false,
                  null),
              FormField.define(
                  "f",
                  "consent",
                  Map.of("en", "I agree to the privacy policy", "fi", "Hyväksyn"),
                  FieldType.CONSENT,
                  false,
                  null,
                  false,
                  null),
              FormField.define(
                  "f",
                  "customerNo",
                  Map.of("en", "Customer number"),
                  FieldType.TEXT,
                  false,
                  20,
                  true,
                  null)));

  private static Map<String, Object> valid() {
    Map<String, Object> answers = new HashMap<>();
    answers.put("name", "  Mia Virtanen ");
    answers.put("email", "mia@example.com");
    answers.put("message", "Please call me.\nTomorrow is fine.");
    answers.put("consent", true);
    return answers;
  }

  private static Map<String, String> problems(Map<String, Object> answers) {
    try {
      FORM.answer(answers, "en");
    } catch (InvalidInput e) {
      return e.fields();
    }
    throw new AssertionError("expected the answers to be refused");
  }

  @Test
  void valid_answers_are_kept_in_form_order_with_the_labels_of_the_visitors_language() {
    List<Answer> answers = FORM.answer(valid(), "fi");

    assertThat(answers)
        .extracting(Answer::name)
        .containsExactly("name", "email", "message", "consent");
    assertThat(answers.get(0)).isEqualTo(new Answer("name", "Nimi", "Mia Virtanen"));
    assertThat(answers.get(1).label()).as("falls back to English").isEqualTo("Email");
    assertThat(answers.get(2).value()).contains("\n");
  }

  @Test
  void a_consent_answer_keeps_the_consent_text_it_was_given_under() {
    Answer consent = FORM.answer(valid(), "en").get(3);

    assertThat(consent).isEqualTo(new Answer("consent", "I agree to the privacy policy", "true"));
  }

  @Test
  void every_failing_field_is_reported_at_once() {
    Map<String, Object> answers = new HashMap<>();
    answers.put("email", "not-an-address");
    answers.put("phone", "call me");
    answers.put("topic", "sales");
    answers.put("consent", false);
    answers.put("extra", "x");

    assertThat(problems(answers))
        .containsOnlyKeys("name", "email", "phone", "message", "topic", "consent", "extra")
        .containsEntry("name", "is required")
        .containsEntry("consent", "must be accepted")
        .containsEntry("extra", "is not a field of this form")
        .containsEntry("topic", "must be one of the offered choices");
  }

  @Test
  void a_one_line_field_refuses_line_breaks_that_could_inject_mail_headers() {
    Map<String, Object> answers = valid();
    answers.put("name", "Mia\r\nBcc: victim@example.com");

    assertThat(problems(answers)).containsEntry("name", "must be a single line");
  }

  @Test
  void control_characters_and_broken_unicode_are_refused() {
    Map<String, Object> answers = valid();
    answers.put("name", "Mia\u0000");
    answers.put("message", "half a pair \ud800 here");

    assertThat(problems(answers))
        .containsEntry("name", "contains characters that are not allowed")
        .containsEntry("message", "contains characters that are not allowed");
  }

  @Test
  void answers_longer_than_the_field_allows_are_refused() {
    Map<String, Object> answers = valid();
    answers.put("message", "x".repeat(101));

    assertThat(problems(answers)).containsEntry("message", "must be at most 100 characters");
  }

  @Test
  void markup_is_text_like_any_other_and_stored_as_typed() {
    Map<String, Object> answers = valid();
    answers.put("message", "<img src=x onerror=alert(1)>");

    assertThat(FORM.answer(answers, "en").get(2).value()).isEqualTo("<img src=x onerror=alert(1)>");
  }

  @Test
  void numbers_objects_and_lists_are_not_answers() {
    Map<String, Object> answers = valid();
    answers.put("name", 42);
    answers.put("message", Map.of("a", "b"));
    answers.put("newsletter", List.of(true));

    assertThat(problems(answers))
        .containsEntry("name", "must be text")
        .containsEntry("message", "must be text")
        .containsEntry("newsletter", "must be true or false");
  }

  @Test
  void a_checkbox_takes_a_boolean_or_its_usual_spellings() {
    Map<String, Object> answers = valid();
    answers.put("newsletter", "on");
    assertThat(FORM.answer(answers, "en"))
        .contains(new Answer("newsletter", "Send me news", "true"));

    answers.put("newsletter", "maybe");
    assertThat(problems(answers)).containsEntry("newsletter", "must be true or false");
  }

  @Test
  void a_hidden_field_filled_by_the_embedding_page_is_checked_like_the_others() {
    Map<String, Object> answers = valid();
    answers.put("customerNo", "C-12345");
    assertThat(FORM.answer(answers, "en"))
        .contains(new Answer("customerNo", "Customer number", "C-12345"));

    answers.put("customerNo", "C".repeat(21));
    assertThat(problems(answers)).containsKey("customerNo");
  }

  @Test
  void a_queue_without_a_form_takes_no_messages() {
    assertThatThrownBy(() -> ContactForm.EMPTY.answer(Map.of(), "en"))
        .isInstanceOf(InvalidInput.class)
        .hasMessage("this queue does not take messages");
  }

  @Test
  void a_form_definition_refuses_duplicate_names_and_selects_without_options() {
    FormField name =
        FormField.define(
            "f", "name", Map.of("en", "Name"), FieldType.TEXT, true, null, false, null);

    assertThatThrownBy(() -> ContactForm.of(List.of(name, name)))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsKey("form.fields[1].name"));
    assertThatThrownBy(
            () ->
                FormField.define(
                    "form.fields[0]",
                    "topic",
                    Map.of("en", "Topic"),
                    FieldType.SELECT,
                    true,
                    null,
                    false,
                    List.of()))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e -> assertThat(((InvalidInput) e).fields()).containsKey("form.fields[0].options"));
  }

  @Test
  void a_consent_field_is_always_required() {
    FormField consent =
        FormField.define(
            "f", "ok", Map.of("en", "I agree"), FieldType.CONSENT, false, null, false, null);

    assertThat(consent.required()).isTrue();
  }

  @Test
  void an_address_with_a_control_character_is_not_an_email() {
    Map<String, Object> answers = valid();
    answers.put("email", "mia\u0001@example.com");

    assertThat(problems(answers)).containsKey("email");
  }
}
