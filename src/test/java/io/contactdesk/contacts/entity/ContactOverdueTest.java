package io.contactdesk.contacts.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Answer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overdue (SPEC, Part 2, Follow-up): escalated once, overdue until a comment or a status. */
class ContactOverdueTest {

  private static final Instant AT = Instant.parse("2026-11-25T18:30:00Z");

  private final Contact contact =
      new Contact(
          "c-1",
          "ABC-1234",
          "support",
          AT.minusSeconds(3600),
          Source.FORM,
          "en",
          null,
          List.of(new Answer("email", "E-mail", "Mia@Example.COM")),
          null,
          null);

  @Test
  void a_contact_is_escalated_once_and_is_overdue_from_then() {
    assertThat(contact.overdue()).isFalse();

    assertThat(contact.escalate(AT)).isTrue();
    assertThat(contact.escalate(AT.plusSeconds(60))).isFalse();

    assertThat(contact.overdue()).isTrue();
    assertThat(contact.escalatedAt()).isEqualTo(AT);
  }

  @Test
  void a_comment_ends_overdue_but_the_escalation_stays_on_record() {
    contact.escalate(AT);

    contact.comment(
        "m-1",
        "anna",
        "Anna",
        AT.plusSeconds(5),
        new CommentDraft("On it", null, false, null),
        true,
        new InvalidInput.Collector());

    assertThat(contact.overdue()).isFalse();
    assertThat(contact.escalatedAt()).isEqualTo(AT);
    assertThat(contact.escalate(AT.plusSeconds(60))).isFalse();
  }

  @Test
  void a_status_change_ends_overdue() {
    contact.escalate(AT);

    contact.changeStatus(Status.DONE);

    assertThat(contact.overdue()).isFalse();
  }

  @Test
  void the_visitor_email_is_kept_in_lower_case_for_search() {
    contact.visitorEmail("  Mia@Example.COM ");

    assertThat(contact.visitorEmail()).isEqualTo("mia@example.com");
  }
}
