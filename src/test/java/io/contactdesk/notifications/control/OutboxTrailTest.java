package io.contactdesk.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.contacts.control.DeliveryTrail.Notice;
import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** "Who was told" (SPEC, Part 2, Follow-up): each owed mail as a notice of the contact's trail. */
class OutboxTrailTest {

  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(30), 2);

  private static OutboxMail mail(OutboxMail.Kind kind, String recipient) {
    return new OutboxMail("m-" + recipient, kind, "c-1", "support", recipient, recipient, T0);
  }

  private static void attempt(OutboxMail mail, Instant at) {
    mail.claim("node", at, LEASE);
    mail.startSending("node", at, LEASE);
  }

  @Test
  void a_mail_is_queued_then_sent_with_when() {
    OutboxMail mail = mail(OutboxMail.Kind.NEW_CONTACT, "mia");
    assertThat(OutboxTrail.notice(mail, false))
        .isEqualTo(new Notice("email", "mia", "NEW_CONTACT", "queued", 0, T0, null));

    attempt(mail, T0);
    mail.sent(T0.plusSeconds(2));

    assertThat(OutboxTrail.notice(mail, false))
        .isEqualTo(new Notice("email", "mia", "NEW_CONTACT", "sent", 1, T0.plusSeconds(2), null));
  }

  @Test
  void a_failing_mail_is_retrying_then_failed_after_its_attempts_and_only_admins_see_why() {
    OutboxMail mail = mail(OutboxMail.Kind.ESCALATION, "olli");
    attempt(mail, T0);
    mail.failed("550 mailbox unavailable", T0, RETRY);

    Notice retrying = OutboxTrail.notice(mail, true);
    assertThat(retrying.status()).isEqualTo("retrying");
    assertThat(retrying.attempts()).isEqualTo(1);
    assertThat(retrying.at()).as("the next attempt").isEqualTo(T0.plusSeconds(30));
    assertThat(retrying.error()).isEqualTo("550 mailbox unavailable");
    assertThat(OutboxTrail.notice(mail, false).error()).as("agents").isNull();

    attempt(mail, T0.plusSeconds(60));
    mail.failed("550 mailbox unavailable", T0.plusSeconds(60), RETRY);

    assertThat(OutboxTrail.notice(mail, true).status()).isEqualTo("failed");
    assertThat(OutboxTrail.notice(mail, true).attempts()).isEqualTo(2);
    assertThat(OutboxTrail.notice(mail, true).kind()).isEqualTo("ESCALATION");
  }

  @Test
  void a_fallback_mail_names_the_address() {
    assertThat(OutboxTrail.notice(mail(OutboxMail.Kind.FALLBACK, "team@example.com"), false))
        .extracting(Notice::recipient, Notice::kind)
        .containsExactly("team@example.com", "FALLBACK");
  }
}
