package io.contactdesk.contacts.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contacts.boundary.PublicContactsResource.ContactBody;
import io.contactdesk.contacts.control.Submission;
import io.contactdesk.contacts.entity.PageUrl;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.ViolationFields;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The visitor's body at the edge: its own rules, its translation, its fingerprint. */
class ContactBodyTest {

  private static final Map<String, Object> ANSWERS = Map.of("name", "Mia");

  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  private Map<String, String> refused(ContactBody body) {
    return ViolationFields.of(validator.validate(body));
  }

  @Test
  void language_page_address_and_source_may_be_left_out() {
    assertThat(refused(new ContactBody(ANSWERS, null, null, null))).isEmpty();
    assertThat(refused(new ContactBody(ANSWERS, " ", "", null))).isEmpty();
  }

  @Test
  void a_bad_language_page_address_and_source_are_each_named() {
    assertThat(refused(new ContactBody(ANSWERS, "not a language", "javascript:alert(1)", "EMAIL")))
        .containsOnlyKeys("language", "pageUrl", "source")
        .containsEntry("language", "must be a language tag such as en or fi")
        .containsEntry("pageUrl", "must be an http or https address")
        .containsEntry("source", "must be FORM or BOT");
  }

  @Test
  void a_page_address_over_2000_characters_is_refused_with_the_length() {
    String tooLong = "https://shop.example.com/" + "x".repeat(PageUrl.MAX_LENGTH);

    assertThat(refused(new ContactBody(ANSWERS, "en", tooLong, "BOT")))
        .containsExactly(Map.entry("pageUrl", "must be at most 2000 characters"));
  }

  @Test
  void the_wire_values_become_the_domains_with_their_defaults() {
    Submission bot =
        new ContactBody(ANSWERS, "fi", "https://shop.example.com/", "BOT")
            .submission("k", "fp", Map.of());
    Submission plain = new ContactBody(ANSWERS, null, " ", null).submission(null, null, Map.of());

    assertThat(bot)
        .isEqualTo(
            new Submission(
                ANSWERS, "fi", new PageUrl("https://shop.example.com/"), Source.BOT, "k", "fp"));
    assertThat(plain).isEqualTo(new Submission(ANSWERS, "en", null, Source.FORM, null, null));
  }

  @Test
  void a_refused_value_is_replaced_by_its_default_so_the_form_can_still_be_checked() {
    var body = new ContactBody(ANSWERS, "english!", "ftp://x", "CHAT");

    assertThat(body.submission(null, null, refused(body)))
        .isEqualTo(new Submission(ANSWERS, "en", null, Source.FORM, null, null));
  }

  @Test
  void the_fingerprint_ignores_key_order_and_sees_every_value() {
    Map<String, Object> forwards = new LinkedHashMap<>();
    forwards.put("name", "Mia");
    forwards.put("topics", List.of("a", Map.of("y", 1, "x", true)));
    Map<String, Object> backwards = new LinkedHashMap<>();
    backwards.put("topics", List.of("a", new TreeMap<>(Map.of("x", true, "y", 1))));
    backwards.put("name", "Mia");

    assertThat(new ContactBody(forwards, "en", null, null).fingerprint())
        .isEqualTo(new ContactBody(backwards, "en", null, null).fingerprint())
        .hasSize(64)
        .isNotEqualTo(new ContactBody(forwards, "en", null, "FORM").fingerprint())
        .isNotEqualTo(new ContactBody(forwards, "fi", null, null).fingerprint())
        .isNotEqualTo(
            new ContactBody(forwards, "en", "https://shop.example.com/", null).fingerprint())
        .isNotEqualTo(new ContactBody(Map.of("name", "Mia"), "en", null, null).fingerprint());
    assertThat(new ContactBody(Map.of("a", "b\",c"), null, null, null).fingerprint())
        .as("a value cannot pass for a key")
        .isNotEqualTo(new ContactBody(Map.of("a", "b", "c", ""), null, null, null).fingerprint());
  }

  @Test
  void the_fingerprint_is_the_one_stored_before_the_body_moved_to_the_edge() {
    // contacts stored by earlier versions keep their fingerprints: a retry after an upgrade must
    // still be recognised, so the canonical form may not change
    assertThat(new ContactBody(Map.of("name", "Mia"), "en", null, "FORM").fingerprint())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(sha256("{\"name\":\"Mia\"}\n\"en\"\nnull\n\"FORM\"")));
  }

  private static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
