package io.contactdesk.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.EventStream;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Escalation over HTTP on the real WAR (SPEC, Part 2, Follow-up): with a 1-minute threshold, a
 * contact nobody answers in an open queue is escalated once (a link-only mail beside the new
 * contact's, a live {@code contact-escalated} event, overdue in the list and the contact) until a
 * comment; in a queue closed by hand the minute never passes. The app checks every 5 s here ({@code
 * CONTACTDESK_ESCALATION_CHECK_SECONDS} in the failsafe pass).
 */
class EscalationIT extends DeployedContactDesk {

  private static final String SECRET = "Secret-" + UUID.randomUUID();
  private static GreenMail smtp;
  private final List<EventStream> streams = new ArrayList<>();

  @BeforeAll
  static void startSmtp() {
    smtp =
        new GreenMail(
            new ServerSetup(
                Integer.getInteger("contactdesk.it.smtp-port"),
                "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(EventStream::close);
  }

  @Test
  void an_unanswered_contact_of_an_open_queue_is_escalated_once_and_one_of_a_closed_queue_is_not()
      throws Exception {
    User chaser = agent();
    User watcher = agent();
    String open = queue("OPEN", chaser, watcher);
    String closed = queue("CLOSED", chaser, watcher);
    api.notificationSettings(chaser, false, false, true);
    api.notificationSettings(watcher, true, false, false);
    EventStream live = api.notifications(watcher);
    streams.add(live);
    assertThat(live.connectedWithin(Duration.ofSeconds(10))).isTrue();

    String contactId = submit(open);
    String waiting = submit(closed);

    assertThat(live.next(10).name()).isEqualTo("registered-contact");
    assertThat(live.next(10).name()).isEqualTo("registered-contact");
    EventStream.Event escalated = live.next(120);
    assertThat(escalated).as("the live event of the escalation").isNotNull();
    assertThat(escalated.name()).isEqualTo("contact-escalated");
    assertThat(escalated.json().getString("contactId")).isEqualTo(contactId);
    assertThat(escalated.json().getString("queueId")).isEqualTo(open);
    assertThat(escalated.json().getString("link")).isEqualTo("/#/contacts/" + contactId);
    assertThat(escalated.data()).doesNotContain(SECRET);

    List<MimeMessage> mails = mailsAbout(contactId, 2);
    assertThat(mails)
        .as("the new contact's mail and the escalation's, both to the chaser")
        .hasSize(2)
        .allSatisfy(
            m ->
                assertThat(m.getAllRecipients()[0].toString())
                    .isEqualTo(chaser.username() + "@example.com"));
    assertThat(mails.stream().map(EscalationIT::subject))
        .anyMatch(s -> s.startsWith("Nobody has answered a contact in"));
    assertThat(mails)
        .allSatisfy(
            m ->
                assertThat(GreenMailUtil.getWholeMessage(m))
                    .contains("/#/contacts/" + contactId)
                    .doesNotContain(SECRET));

    JsonObject overdue = api.contacts("overdue=true&queue=" + open, watcher);
    assertThat(ids(overdue)).containsExactly(contactId);
    JsonObject viewed = api.contact(contactId, watcher);
    assertThat(viewed.getBoolean("overdue")).isTrue();
    assertThat(viewed.isNull("escalatedAt")).isFalse();
    assertThat(api.activity(open, watcher))
        .anySatisfy(
            entry -> {
              assertThat(entry.getString("type")).isEqualTo("CONTACT_ESCALATED");
              assertThat(entry.getString("contactId")).isEqualTo(contactId);
            });
    assertThat(api.contact(waiting, watcher).getBoolean("overdue"))
        .as("a queue closed by hand has no open minutes")
        .isFalse();

    api.comment(contactId, watcher, "Calling them now", null, null).assertStatus(201);

    assertThat(api.contact(contactId, watcher).getBoolean("overdue")).isFalse();
    assertThat(ids(api.contacts("overdue=true&queue=" + open, watcher))).isEmpty();
    Thread.sleep(6_000); // a second check runs meanwhile
    assertThat(mailsAbout(contactId, 2)).as("escalated once").hasSize(2);
  }

  @Test
  void an_admin_sets_and_reads_escalation_and_fallback_and_unknown_users_are_refused() {
    User chaser = agent();
    String queue = queue("OPEN", chaser);

    JsonObject stored = api.adminQueue(queue);
    assertThat(stored.getJsonObject("escalation").getInt("afterOpenMinutes")).isEqualTo(1);
    assertThat(stored.getJsonObject("escalation").getJsonArray("notify").getString(0))
        .isEqualTo(chaser.username());
    assertThat(stored.getString("fallbackEmail")).isEqualTo("team@example.com");

    JsonObject wrong =
        Json.createObjectBuilder(stored)
            .remove("reach")
            .add(
                "escalation",
                Json.createObjectBuilder()
                    .add("afterOpenMinutes", 0)
                    .add("notify", Json.createArrayBuilder().add("nobody-" + UUID.randomUUID())))
            .add("fallbackEmail", "not an address")
            .build();
    JsonObject refused =
        api.put("api/admin/queues/" + queue)
            .asAdmin()
            .json(wrong)
            .send()
            .assertStatus(422)
            .fields();
    assertThat(refused.keySet()).contains("escalation.afterOpenMinutes", "fallbackEmail");

    JsonObject unknown =
        Json.createObjectBuilder(stored)
            .remove("reach")
            .add(
                "escalation",
                Json.createObjectBuilder()
                    .add("afterOpenMinutes", 30)
                    .add("notify", Json.createArrayBuilder().add("nobody-" + UUID.randomUUID())))
            .build();
    assertThat(
            api.put("api/admin/queues/" + queue)
                .asAdmin()
                .json(unknown)
                .send()
                .assertStatus(422)
                .fields()
                .keySet())
        .containsExactly("escalation.notify[0]");
  }

  @Test
  void a_contact_nobody_would_hear_of_goes_to_the_fallback_address_and_the_trail_says_so()
      throws Exception {
    User quiet = agent(); // all notifications off
    String address = "fallback-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String queue =
        fixtures
            .queue()
            .name("Fallback " + UUID.randomUUID().toString().substring(0, 8))
            .formFields(
                """
                [{"name":"message","label":{"en":"Message"},"type":"textarea","required":true}]""")
            .with("fallbackEmail", Json.createValue(address))
            .members(quiet.username())
            .create();
    JsonObject reach = api.adminQueue(queue).getJsonObject("reach");
    assertThat(reach.getInt("members")).isEqualTo(1);
    assertThat(reach.getInt("email")).isZero();
    assertThat(reach.getInt("live")).isZero();

    String contactId = submit(queue);

    List<MimeMessage> mails = mailsAbout(contactId, 1);
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo(address);
    assertThat(subject(mails.get(0))).endsWith("(no agent was told)");
    assertThat(GreenMailUtil.getWholeMessage(mails.get(0))).doesNotContain(SECRET);
    JsonObject notice = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      notice = api.contact(contactId, quiet).getJsonArray("notifications").getJsonObject(0);
      if ("sent".equals(notice.getString("status"))) {
        break;
      }
      Thread.sleep(300);
    }
    assertThat(notice.getString("channel")).isEqualTo("email");
    assertThat(notice.getString("recipient")).isEqualTo(address);
    assertThat(notice.getString("kind")).isEqualTo("FALLBACK");
    assertThat(notice.getString("status")).isEqualTo("sent");
    assertThat(notice.isNull("error")).isTrue();

    api.notificationSettings(quiet, false, false, true);
    assertThat(api.adminQueue(queue).getJsonObject("reach").getInt("email")).isEqualTo(1);
    String heard = submit(queue);
    List<MimeMessage> toMember = mailsAbout(heard, 1);
    Thread.sleep(2_000); // a fallback mail would arrive now
    assertThat(mailsAbout(heard, 1))
        .singleElement()
        .satisfies(
            m ->
                assertThat(m.getAllRecipients()[0].toString())
                    .isEqualTo(quiet.username() + "@example.com"));
    assertThat(toMember).hasSize(1);
  }

  // --- helpers ---

  private User agent() {
    String username = "e" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return fixtures.user().username(username).displayName("E " + username).create();
  }

  private String queue(String override, User chaser, User... others) {
    Fixtures.QueueFixture queue =
        fixtures
            .queue()
            .name("Chase " + UUID.randomUUID().toString().substring(0, 8))
            .override(override)
            .formFields(
                """
                [{"name":"message","label":{"en":"Message"},"type":"textarea","required":true}]""")
            .with(
                "escalation",
                Json.createObjectBuilder()
                    .add("afterOpenMinutes", 1)
                    .add("notify", Json.createArrayBuilder().add(chaser.username()))
                    .build())
            .with("fallbackEmail", Json.createValue("team@example.com"));
    queue.members(chaser.username());
    for (User other : others) {
      queue.members(other.username());
    }
    return queue.create();
  }

  private String submit(String queue) {
    String body = "{\"answers\":{\"message\":\"" + SECRET + "\"}}";
    return api.submit(queue, ContactDesk.parse(body).asJsonObject()).id();
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("contacts").getValuesAs(JsonObject.class).stream()
        .map(c -> c.getString("id"))
        .toList();
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The mails about the contact, once at least {@code expected} arrived (or after 90 s). */
  private static List<MimeMessage> mailsAbout(String contactId, int expected)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    List<MimeMessage> ours = List.of();
    while (System.nanoTime() < deadline) {
      ours =
          Arrays.stream(smtp.getReceivedMessages())
              .filter(m -> GreenMailUtil.getWholeMessage(m).contains(contactId))
              .toList();
      if (ours.size() >= expected) {
        break;
      }
      Thread.sleep(500);
    }
    return ours;
  }
}
