package io.contactdesk.contacts.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Answer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link Contact#comment}: what a comment may say, and what it must change. */
class ContactCommentTest {

  private static final Instant AT = Instant.parse("2026-11-25T18:30:00Z");

  private final Contact contact =
      new Contact(
          "c-1",
          "ABC-1234",
          "support",
          AT.minusSeconds(60),
          Source.FORM,
          "en",
          null,
          List.of(new Answer("name", "Name", "Mia")),
          null,
          null);

  private Contact.Commented comment(CommentDraft draft, boolean member) {
    return comment(draft, member, new InvalidInput.Collector());
  }

  private Contact.Commented comment(
      CommentDraft draft, boolean member, InvalidInput.Collector errors) {
    return contact.comment("m-1", "anna", "Anna Agent", AT, draft, member, errors);
  }

  private static InvalidInput refusal(Runnable comment) {
    try {
      comment.run();
    } catch (InvalidInput refused) {
      return refused;
    }
    throw new AssertionError("the comment was not refused");
  }

  @Test
  void a_comment_that_moves_the_status_and_hands_over_says_both() {
    Contact.Commented commented =
        comment(new CommentDraft("  Taking this  ", Status.IN_PROGRESS, true, "bob"), true);

    assertThat(commented.statusChanged()).isTrue();
    assertThat(commented.handlerChanged()).isTrue();
    assertThat(commented.comment().body()).isEqualTo("Taking this");
    assertThat(commented.comment().newStatus()).isEqualTo(Status.IN_PROGRESS);
    assertThat(commented.comment().newHandler()).isEqualTo("bob");
    assertThat(contact.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(contact.handler()).isEqualTo("bob");
  }

  @Test
  void releasing_the_handler_is_a_change_with_nobody_as_the_new_handler() {
    comment(new CommentDraft(null, null, true, "bob"), true);

    Contact.Commented released = comment(new CommentDraft(null, null, true, null), true);

    assertThat(released.handlerChanged()).isTrue();
    assertThat(released.comment().handlerChanged())
        .as("kept on the comment, so it reads apart from one that left the handler alone")
        .isTrue();
    assertThat(released.comment().newHandler()).isNull();
    assertThat(released.handlerBefore()).isEqualTo("bob");
    assertThat(contact.handler()).isNull();
    assertThat(comment(new CommentDraft("Still nobody's", null, false, null), true))
        .satisfies(kept -> assertThat(kept.comment().handlerChanged()).isFalse());
  }

  @Test
  void a_status_change_says_what_it_moved_from() {
    Contact.Commented moved = comment(new CommentDraft(null, Status.DONE, false, null), true);

    assertThat(moved.statusBefore()).isEqualTo(Status.NEW);
    assertThat(comment(new CommentDraft("ok", Status.DONE, false, null), true).statusChanged())
        .isFalse();
  }

  @Test
  void a_handler_outside_the_queue_is_refused_and_nothing_changes() {
    InvalidInput refused =
        refusal(() -> comment(new CommentDraft("For you", Status.DONE, true, "eve"), false));

    assertThat(refused.fields()).containsOnlyKeys("handler");
    assertThat(contact.status()).isEqualTo(Status.NEW);
    assertThat(contact.handler()).isNull();
  }

  @Test
  void text_with_control_characters_or_over_10000_characters_is_refused() {
    for (String text : List.of("bell \u0007 rings", "nul \u0000 byte", "x".repeat(10_001))) {
      assertThat(refusal(() -> comment(new CommentDraft(text, null, false, null), true)).fields())
          .as(text.length() > 20 ? "10001 characters" : text)
          .containsOnlyKeys("text");
    }
    assertThat(comment(new CommentDraft("x".repeat(10_000), null, false, null), true).comment())
        .isNotNull();
    assertThat(
            comment(new CommentDraft("tab\tand\r\nlines are fine", null, false, null), true)
                .comment()
                .body())
        .isEqualTo("tab\tand\r\nlines are fine");
  }

  @Test
  void a_comment_that_says_nothing_and_changes_nothing_is_refused() {
    comment(new CommentDraft(null, Status.IN_PROGRESS, true, "bob"), true);

    for (CommentDraft empty :
        List.of(
            new CommentDraft(null, null, false, null),
            new CommentDraft("   ", null, false, null),
            new CommentDraft("", Status.IN_PROGRESS, false, null),
            new CommentDraft(null, Status.IN_PROGRESS, true, "bob"))) {
      assertThat(refusal(() -> comment(empty, true)).fields())
          .as("%s", empty)
          .containsOnlyKeys("text");
    }
  }

  @Test
  void what_the_caller_refused_is_named_with_the_contacts_own_failures_and_nothing_else() {
    var errors = new InvalidInput.Collector();
    errors.add("status", "must be one of NEW, IN_PROGRESS, DONE, SPAM");

    InvalidInput refused =
        refusal(() -> comment(new CommentDraft("Both wrong", null, true, "eve"), false, errors));
    var onlyStatus = new InvalidInput.Collector();
    onlyStatus.add("status", "must be one of NEW, IN_PROGRESS, DONE, SPAM");
    InvalidInput statusAlone =
        refusal(() -> comment(new CommentDraft(null, null, false, null), true, onlyStatus));

    assertThat(refused.fields()).containsOnlyKeys("status", "handler");
    assertThat(statusAlone.fields())
        .as("saying nothing is not added to another failure")
        .containsOnlyKeys("status");
  }

  @Test
  void the_first_comment_is_when_an_agent_first_responded() {
    comment(new CommentDraft("On it", null, false, null), true);

    assertThatThrownBy(() -> comment(new CommentDraft(null, null, false, null), true))
        .isInstanceOf(InvalidInput.class);
    assertThat(comment(new CommentDraft("Later", null, false, null), true).comment().at())
        .isEqualTo(AT);
  }
}
