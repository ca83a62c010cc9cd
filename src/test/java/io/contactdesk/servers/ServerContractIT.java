package io.contactdesk.servers;

import static io.contactdesk.testkit.ContactDesk.CSV;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Csv;
import io.contactdesk.testkit.EventStream;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Receipt;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.Session;
import io.contactdesk.testkit.User;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC Part 2, "One WAR for every Jakarta EE 10 server": the contract a user of any server relies
 * on, black box over HTTP against {@code target/contactdesk.war} deployed unchanged on the server
 * that {@link AppServer} starts for this pass (Payara Server, GlassFish, WildFly or Open Liberty;
 * the app's own pool or a datasource of the server). The same class runs for every server.
 */
@EnabledIfSystemProperty(
    named = "contactdesk.server",
    matches = ".+",
    disabledReason = "runs on full servers only: ./mvnw -B verify -Pservers")
@ExtendWith(AppServer.class)
class ServerContractIT {

  private static final String SECRET = "Secret-" + UUID.randomUUID();
  private static GreenMail smtp;

  private ContactDesk api;
  private Fixtures fixtures;
  private String queue;

  @BeforeAll
  static void startSmtp() {
    smtp =
        new GreenMail(
            new ServerSetup(AppServer.setup().smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @BeforeEach
  void connect() {
    api = ContactDesk.at(AppServer.base());
    fixtures = new Fixtures(api);
    queue = fixtures.queue().timeZone("Europe/Helsinki").create();
  }

  // ---------------------------------------------------------------- the visitor

  @Test
  void a_visitor_reads_the_queue_and_registers_a_contact_with_a_json_b_receipt() {
    JsonObject shown = api.get("api/public/queues/" + queue).send().assertStatus(200).json();
    assertThat(shown.getJsonObject("form").getJsonArray("fields")).hasSize(3);

    Reply created =
        api.post("api/public/queues/" + queue + "/contacts")
            .json(Fixtures.VALID_CONTACT)
            .send()
            .assertStatus(201);

    // JSON-B's ISO-8601 text, not a number (WildFly's Jackson would write one)
    Instant at = Instant.parse(created.json().getString("createdAt"));
    assertThat(at)
        .isCloseTo(
            Instant.now(),
            org.assertj.core.api.Assertions.within(5, java.time.temporal.ChronoUnit.MINUTES));
    assertThat(created.json().getString("reference")).isNotBlank();
  }

  @Test
  void a_visitor_gets_the_spec_error_shape_for_malformed_invalid_and_unknown() {
    Reply malformed =
        api.post("api/public/queues/" + queue + "/contacts").json("{\"answers\":").send();
    Reply invalid =
        api.post("api/public/queues/" + queue + "/contacts")
            .json("{\"answers\":{\"name\":\"Mia\",\"email\":\"not an address\"}}")
            .send();
    Reply unknown = api.get("api/public/queues/" + UUID.randomUUID()).send();

    assertError(malformed, 400, "malformed");
    assertError(invalid, 422, "validation");
    assertThat(invalid.fields().keySet()).contains("email", "message");
    assertError(unknown, 404, "not_found");
  }

  // ---------------------------------------------------------------- logins

  @Test
  void basic_login_refusals_are_json_401_then_429_never_500() {
    User agent = fixtures.user().memberOf(queue).create();
    api.get("api/me").as(agent).send().assertStatus(200);

    Reply wrong = api.get("api/me").as(agent.username(), "wrong").send();
    assertError(wrong, 401, "unauthorized");
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
    for (int i = 0; i < 4; i++) {
      api.get("api/me").as(agent.username(), "wrong-" + i).send().assertStatus(401);
    }
    Reply throttled = api.get("api/me").as(agent).send();
    assertError(throttled, 429, "too_many_requests");
    assertThat(throttled.header("Retry-After")).isNotNull();
  }

  @Test
  void a_console_session_needs_its_csrf_token_to_change_anything() {
    User agent = fixtures.user().memberOf(queue).create();
    Session session = api.login(agent);
    Receipt contact = api.submit(queue, visitorContact());

    Reply me = api.get("api/me").in(session).send().assertStatus(200);
    Reply forged =
        api.post("api/contacts/" + contact.id() + "/comments")
            .header("Cookie", session.cookie())
            .json("{\"text\":\"no token\"}")
            .send();
    Reply sent =
        api.post("api/contacts/" + contact.id() + "/comments")
            .in(session)
            .json("{\"text\":\"with the token\"}")
            .send();
    Reply badLogin =
        api.post("api/session").json("{\"username\":\"nobody\",\"password\":\"x\"}").send();

    assertThat(me.json().getString("username")).isEqualTo(agent.username());
    assertError(forged, 403, "csrf");
    sent.assertStatus(201);
    assertThat(badLogin.status()).isEqualTo(401);
    assertThat(badLogin.header("Content-Type")).startsWith("application/json");
  }

  // ---------------------------------------------------------------- the agent's work

  @Test
  void an_agent_views_comments_and_finds_both_in_the_activity_log_and_the_csv() {
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = api.submit(queue, visitorContact());

    JsonObject viewed = api.contact(contact.id(), agent);
    api.comment(contact.id(), agent, "Called back", "DONE", null).assertStatus(201);
    List<JsonObject> log = api.activity(queue, agent);
    Reply csv =
        api.get("api/queues/" + queue + "/questionnaire-answers")
            .as(agent)
            .accept(CSV)
            .send()
            .assertStatus(200);

    assertThat(viewed.getJsonArray("answers").toString()).contains(SECRET);
    assertThat(log.stream().map(e -> e.getString("type")))
        .contains("CONTACT_REGISTERED", "CONTENT_VIEWED", "COMMENT_ADDED", "STATUS_CHANGED");
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    byte[] bytes = csv.bytes();
    List<List<String>> rows = Csv.parse(new String(bytes, 3, bytes.length - 3, UTF_8));
    assertThat(rows.get(0)).startsWith("Received (Europe/Helsinki)", "Reference", "Status");
    assertThat(rows.subList(1, rows.size()))
        .anySatisfy(row -> assertThat(row).contains(contact.reference(), "DONE", SECRET));
  }

  @Test
  void a_new_contact_reaches_a_member_live_and_by_mail_without_what_the_visitor_wrote()
      throws Exception {
    User live = fixtures.user().memberOf(queue).create();
    api.notificationSettings(live, true, false, false);
    User byMail = fixtures.user().memberOf(queue).create();
    api.notificationSettings(byMail, false, false, true);
    int mailsBefore = smtp.getReceivedMessages().length;

    String contactId;
    try (EventStream stream = api.notifications(live)) {
      assertThat(stream.connectedWithin(Duration.ofSeconds(20))).isTrue();
      contactId = api.submit(queue, visitorContact()).id();
      EventStream.Event event = stream.next(20);
      assertThat(event).as("the live event").isNotNull();
      assertThat(event.name()).isEqualTo("registered-contact");
      assertThat(event.json().getString("contactId")).isEqualTo(contactId);
      assertThat(event.data()).doesNotContain(SECRET);
    }

    assertThat(smtp.waitForIncomingEmail(30_000, mailsBefore + 1)).as("a mail").isTrue();
    List<MimeMessage> ours =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(m -> GreenMailUtil.getWholeMessage(m).contains(contactId))
            .toList();
    assertThat(ours).hasSize(1);
    assertThat(ours.get(0).getAllRecipients()[0].toString())
        .isEqualTo(byMail.username() + "@example.com");
    assertThat(GreenMailUtil.getWholeMessage(ours.get(0))).doesNotContain(SECRET);
  }

  // ----------------------------------------------------------------

  private static JsonObject visitorContact() {
    return ContactDesk.parse(
            "{\"answers\":{\"name\":\"Mia Visitor\",\"email\":\"mia@example.com\",\"message\":\""
                + SECRET
                + "\"}}")
        .asJsonObject();
  }

  private static void assertError(Reply reply, int status, String error) {
    reply.assertStatus(status);
    assertThat(reply.header("Content-Type")).as("type of %s", reply).startsWith("application/json");
    JsonObject body = reply.json();
    assertThat(body.getInt("status")).isEqualTo(status);
    assertThat(body.getString("error")).as("error of %s", reply).isEqualTo(error);
    assertThat(body.getString("message")).isNotBlank();
  }
}
