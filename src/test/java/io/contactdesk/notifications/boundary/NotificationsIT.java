package io.contactdesk.notifications.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.EventStream;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.User;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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
 * SPEC rules 3 and 4 end to end on Payara Micro: one new contact reaches the right agents live over
 * server-sent events and by e-mail through a real SMTP server (GreenMail, in this JVM, on the port
 * the build gives the app), and never carries what the visitor wrote.
 */
class NotificationsIT extends DeployedContactDesk {

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
  void a_new_contact_is_pushed_live_only_to_connected_members_who_want_sound_or_desktop()
      throws Exception {
    String queue = queue();
    User soundAgent = agent(queue, true, false, false);
    User desktopAgent = agent(queue, false, true, false);
    User quietAgent = agent(queue, false, false, false);
    User outsider = agent(null, true, true, false);
    EventStream sound = connect(soundAgent, null);
    EventStream desktop = connect(desktopAgent, null);
    EventStream quiet = connect(quietAgent, null);
    EventStream other = connect(outsider, null);

    String contactId = submit(queue);

    EventStream.Event toSound = sound.next(10);
    assertThat(toSound.name()).isEqualTo("registered-contact");
    JsonObject data = toSound.json();
    assertThat(data.getString("contactId")).isEqualTo(contactId);
    assertThat(data.getString("queueId")).isEqualTo(queue);
    assertThat(data.getString("link")).isEqualTo("/#/contacts/" + contactId);
    assertThat(data.getBoolean("sound")).isTrue();
    assertThat(data.getBoolean("desktop")).isFalse();
    assertThat(toSound.data()).doesNotContain(SECRET);
    EventStream.Event toDesktop = desktop.next(10);
    assertThat(toDesktop.json().getBoolean("desktop")).isTrue();
    assertThat(toDesktop.id()).isEqualTo(toSound.id());
    assertThat(quiet.next(2)).as("all of their notifications are off").isNull();
    assertThat(other.next(1)).as("not a member of the queue").isNull();

    // who was told: the two open consoles it was pushed to, not the quiet one nor the outsider's
    JsonObject live = liveNotice(contactId, soundAgent);
    assertThat(live.getString("kind")).isEqualTo("NEW_CONTACT");
    assertThat(live.getString("status")).isEqualTo("sent");
    assertThat(live.getInt("attempts")).isEqualTo(2);
    assertThat(live.isNull("recipient")).isTrue();
  }

  /** The contact's live notice in "who was told", which the node writes just after the pushes. */
  private JsonObject liveNotice(String contactId, User viewer) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (JsonValue notice : api.contact(contactId, viewer).getJsonArray("notifications")) {
        if (notice.asJsonObject().getString("channel").equals("live")) {
          return notice.asJsonObject();
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no live notice about " + contactId);
  }

  @Test
  void turning_sound_on_takes_effect_without_reconnecting() throws Exception {
    String queue = queue();
    User agent = agent(queue, false, false, false);
    EventStream stream = connect(agent, null);
    submit(queue);
    assertThat(stream.next(2)).isNull();

    api.notificationSettings(agent, true, false, false);
    String second = submit(queue);

    assertThat(stream.next(10).json().getString("contactId")).isEqualTo(second);
  }

  @Test
  void a_client_reconnecting_with_last_event_id_gets_what_it_missed() throws Exception {
    String queue = queue();
    User agent = agent(queue, true, false, false);
    EventStream first = connect(agent, null);
    submit(queue);
    EventStream.Event seen = first.next(10);
    first.close();

    String missed1 = submit(queue);
    String missed2 = submit(queue);
    EventStream again = connect(agent, seen.id());

    assertThat(again.next(10).json().getString("contactId")).isEqualTo(missed1);
    assertThat(again.next(10).json().getString("contactId")).isEqualTo(missed2);
  }

  @Test
  void members_who_want_email_get_a_link_and_not_a_word_the_visitor_wrote() throws Exception {
    String queue = queue();
    User wantsMail = agent(queue, false, false, true);
    agent(queue, true, true, false);
    agent(null, false, false, true); // not a member
    int before = smtp.getReceivedMessages().length;

    String contactId = submit(queue);

    assertThat(smtp.waitForIncomingEmail(15_000, before + 1)).isTrue();
    Thread.sleep(2000); // anything more would arrive now
    MimeMessage[] all = smtp.getReceivedMessages();
    List<MimeMessage> ours =
        Arrays.stream(all)
            .filter(m -> GreenMailUtil.getWholeMessage(m).contains(contactId))
            .toList();
    assertThat(ours).hasSize(1);
    MimeMessage mail = ours.get(0);
    assertThat(mail.getAllRecipients()[0].toString())
        .isEqualTo(wantsMail.username() + "@example.com");
    String whole = GreenMailUtil.getWholeMessage(mail);
    assertThat(whole)
        .contains("/#/contacts/" + contactId)
        .doesNotContain(SECRET)
        .doesNotContain("Visitor Name");
  }

  @Test
  void with_smtp_down_submissions_still_succeed_and_each_mail_arrives_once_when_it_is_back()
      throws Exception {
    String queue = queue();
    User wantsMail = agent(queue, false, false, true);
    smtp.stop();
    List<String> contacts = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        contacts.add(submit(queue)); // 201 each, SMTP or not
      }
      Thread.sleep(2000); // the worker meets a closed port and backs off
    } finally {
      smtp.start();
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<MimeMessage> ours = List.of();
    while (System.nanoTime() < deadline) {
      ours =
          Arrays.stream(smtp.getReceivedMessages())
              .filter(
                  m ->
                      contacts.stream()
                          .anyMatch(id -> GreenMailUtil.getWholeMessage(m).contains(id)))
              .toList();
      if (ours.size() >= contacts.size()) {
        break;
      }
      Thread.sleep(500);
    }
    Thread.sleep(3000); // a duplicate would show up now
    ours =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(
                m ->
                    contacts.stream().anyMatch(id -> GreenMailUtil.getWholeMessage(m).contains(id)))
            .toList();
    assertThat(ours).hasSize(contacts.size());
    for (String id : contacts) {
      assertThat(ours.stream().filter(m -> GreenMailUtil.getWholeMessage(m).contains(id)))
          .hasSize(1);
    }
    assertThat(ours)
        .allSatisfy(
            m ->
                assertThat(m.getAllRecipients()[0].toString())
                    .isEqualTo(wantsMail.username() + "@example.com"));
  }

  // --- helpers ---

  private String queue() {
    return fixtures
        .queue()
        .name("Notify " + UUID.randomUUID().toString().substring(0, 8))
        .timeZone("Europe/Helsinki")
        .formFields(
            """
            [{"name":"name","label":{"en":"Name"},"type":"text","required":true},
             {"name":"message","label":{"en":"Message"},"type":"textarea","required":true}]""")
        .create();
  }

  private User agent(String queue, boolean sound, boolean desktop, boolean email) {
    String username = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    Fixtures.UserFixture user = fixtures.user().username(username).displayName("N");
    if (queue != null) {
      user.memberOf(queue);
    }
    User agent = user.create();
    api.notificationSettings(agent, sound, desktop, email);
    return agent;
  }

  private String submit(String queue) {
    String body = "{\"answers\":{\"name\":\"Visitor Name\",\"message\":\"" + SECRET + "\"}}";
    return api.submit(queue, ContactDesk.parse(body).asJsonObject()).id();
  }

  private EventStream connect(User agent, String lastEventId) throws InterruptedException {
    EventStream stream =
        lastEventId == null ? api.notifications(agent) : api.notifications(agent, lastEventId);
    streams.add(stream);
    assertThat(stream.connectedWithin(Duration.ofSeconds(10)))
        .as("the stream says it is connected")
        .isTrue();
    return stream;
  }
}
