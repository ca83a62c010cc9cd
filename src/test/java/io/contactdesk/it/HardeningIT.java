package io.contactdesk.it;

import static io.contactdesk.testkit.Fixtures.VALID_CONTACT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * SPEC Part 2, rules 12 to 15, over HTTP against the real WAR: a reused idempotency key, strict
 * JSON, and the headers every answer carries. (Rule 14, the CSV, is AgentConsoleIT's.)
 */
class HardeningIT extends DeployedContactDesk {

  private static final String SHOP = "https://shop.example.com";

  private static String contactsOf(String queueId) {
    return "api/public/queues/" + queueId + "/contacts";
  }

  private String newQueue() {
    return fixtures.queue().create();
  }

  private Reply submitWithKey(String queue, String key, String body) {
    return api.post(contactsOf(queue)).header("Idempotency-Key", key).json(body).send();
  }

  private int storedContacts(String queue) {
    return api.get("api/queues/" + queue + "/questionnaire-answers")
        .asAdmin()
        .header("Accept", "application/json")
        .send()
        .assertStatus(200)
        .jsonArray()
        .size();
  }

  private static void assertMalformed(Reply reply) {
    reply.assertStatus(400);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.json().getInt("status")).isEqualTo(400);
    assertThat(reply.json().getString("error")).isEqualTo("malformed");
    assertThat(reply.json().getString("message")).isNotBlank();
  }

  // ---------------------------------------------------------------- rule 12

  @Test
  void a_reused_idempotency_key_with_another_body_is_422_and_stores_nothing() {
    String queue = newQueue();
    String key = UUID.randomUUID().toString();
    Reply first = submitWithKey(queue, key, VALID_CONTACT).assertStatus(201);

    Reply reused =
        submitWithKey(
                queue,
                key,
                VALID_CONTACT.replace("Please call me back.", "A second, different message."))
            .assertStatus(422);

    assertThat(reused.json().getInt("status")).isEqualTo(422);
    assertThat(reused.json().getString("error")).isEqualTo("idempotency_key_reused");
    assertThat(reused.json().getString("message")).isNotBlank();
    assertThat(reused.header("Idempotent-Replayed")).isNull();
    assertThat(storedContacts(queue)).isEqualTo(1);
    assertThat(first.json().getString("id")).isNotBlank();
  }

  @Test
  void the_same_body_in_another_key_order_replays_the_first_answer() {
    String queue = newQueue();
    String key = UUID.randomUUID().toString();
    Reply first = submitWithKey(queue, key, VALID_CONTACT).assertStatus(201);

    Reply retry =
        submitWithKey(
                queue,
                key,
                """
                { "source" : "FORM", "pageUrl":"https://shop.example.com/cart",
                  "answers":{"message":"Please call me back.","email":"mia@example.com",
                  "name":"Mia Visitor"}, "language":"en" }
                """)
            .assertStatus(201);

    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(storedContacts(queue)).isEqualTo(1);
  }

  // ---------------------------------------------------------------- rule 13

  @Test
  void text_after_the_json_value_is_400_and_stores_nothing() {
    String queue = newQueue();
    for (String body :
        List.of(VALID_CONTACT + " trailing", VALID_CONTACT + "{}", VALID_CONTACT + "}")) {
      assertMalformed(api.post(contactsOf(queue)).json(body).send());
    }
    assertThat(storedContacts(queue)).isZero();
  }

  @Test
  void a_duplicate_key_is_400_at_any_depth_and_stores_nothing() {
    String queue = newQueue();
    assertMalformed(
        api.post(contactsOf(queue))
            .json(VALID_CONTACT.replace("{\"name\":", "{\"name\":\"Bob\",\"name\":"))
            .send());
    assertMalformed(
        api.post(contactsOf(queue))
            .json(VALID_CONTACT.replace("\"source\":\"FORM\"", "\"source\":\"FORM\",\"source\":1"))
            .send());
    assertThat(storedContacts(queue)).isZero();
  }

  @Test
  void invalid_utf_8_is_400_not_replaced_and_stores_nothing() {
    String queue = newQueue();
    byte[] valid = VALID_CONTACT.getBytes(UTF_8);
    int at = VALID_CONTACT.indexOf("Visitor");
    byte[] broken = valid.clone();
    broken[at] = (byte) 0xff;
    byte[] overlong = valid.clone();
    overlong[at] = (byte) 0xc0;
    overlong[at + 1] = (byte) 0xaf;

    assertMalformed(api.post(contactsOf(queue)).bytes(broken, "application/json").send());
    assertMalformed(api.post(contactsOf(queue)).bytes(overlong, "application/json").send());
    assertThat(storedContacts(queue)).isZero();
  }

  @Test
  void every_json_body_of_the_api_is_strict_not_only_the_visitors() {
    String queue = newQueue();
    String settings = fixtures.queue().json().toString();
    assertMalformed(
        api.put("api/admin/queues/" + queue).asAdmin().json(settings + " trailing").send());
    assertMalformed(
        api.put("api/admin/queues/" + queue)
            .asAdmin()
            .json(settings.replaceFirst("\\{", "{\"name\":\"x\","))
            .send());
    assertMalformed(
        api.post("api/session")
            .json("{\"username\":\"admin\",\"password\":\"x\",\"password\":\"y\"}")
            .send());
  }

  // ---------------------------------------------------------------- rule 15

  private static void assertCommonHeaders(SoftAssertions softly, Reply reply) {
    softly
        .assertThat(reply.header("X-Content-Type-Options"))
        .as(reply.request())
        .isEqualTo("nosniff");
    softly
        .assertThat(reply.header("Referrer-Policy"))
        .as(reply.request())
        .isEqualTo("strict-origin-when-cross-origin");
  }

  @Test
  void every_kind_of_answer_has_nosniff_and_a_referrer_policy() {
    String queue = newQueue();
    SoftAssertions softly = new SoftAssertions();
    for (Reply reply :
        List.of(
            api.get("api/public/queues/" + queue).send().assertStatus(200),
            api.get("/").send().assertStatus(200),
            api.get("app.js").send().assertStatus(200),
            api.get("widget/widget.js").send().assertStatus(200),
            api.get("api/queues").asAdmin().send().assertStatus(200),
            api.get("api/no-such-thing").send().assertStatus(404),
            api.get("no-such-file.html").send().assertStatus(404),
            api.post(contactsOf(queue)).json("{").send().assertStatus(400))) {
      assertCommonHeaders(softly, reply);
    }
    softly.assertAll();
  }

  @Test
  void the_console_may_load_only_its_own_files_and_be_framed_by_no_one() {
    Reply console = api.get("/").send().assertStatus(200);

    assertThat(console.header("Content-Security-Policy"))
        .isEqualTo("default-src 'self'; frame-ancestors 'none'");
    assertThat(console.body()).doesNotContain("<script>").doesNotContain("style=");
  }

  @Test
  void the_widget_may_load_only_its_own_files_and_be_framed_by_its_queues_origins() {
    String queue = fixtures.queue().allowedOrigins(SHOP).create();

    Reply widget = api.get("widget/?queue=" + queue).send().assertStatus(200);

    assertThat(widget.header("Content-Security-Policy"))
        .isEqualTo("default-src 'self'; frame-ancestors 'self' " + SHOP);
  }

  @Test
  void every_answer_of_the_private_api_is_no_store_and_the_public_ones_are_not_forced() {
    String queue = newQueue();
    api.post(contactsOf(queue)).json(VALID_CONTACT).send().assertStatus(201);
    SoftAssertions softly = new SoftAssertions();
    for (String path :
        List.of(
            "api/me",
            "api/queues",
            "api/queues/" + queue + "/questionnaire-answers",
            "api/queues/" + queue + "/questionnaire-answers?format=csv",
            "api/queues/" + queue + "/statistics",
            "api/queues/" + queue + "/activity",
            "api/admin/users",
            "api/admin/queues",
            "api/admin/queues/" + queue)) {
      Reply reply = api.get(path).asAdmin().send();
      softly.assertThat(reply.status()).as(path).isEqualTo(200);
      softly.assertThat(reply.header("Cache-Control")).as(path).isEqualTo("no-store");
    }
    Reply notLoggedIn = api.get("api/session").send();
    softly.assertThat(notLoggedIn.header("Cache-Control")).as("api/session").isEqualTo("no-store");
    softly.assertAll();
  }

  @Test
  void the_session_cookie_is_http_only_and_same_site_lax() {
    Reply login =
        api.post("api/session")
            .json(
                "{\"username\":\""
                    + User.ADMIN.username()
                    + "\",\"password\":\""
                    + User.ADMIN_PASSWORD
                    + "\"}")
            .send()
            .assertStatus(200);

    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("CONTACTDESK_SESSION="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).containsIgnoringCase("; HttpOnly").containsIgnoringCase("; SameSite=Lax");
    assertThat(cookie)
        .as("not Secure: the tests' contactdesk.base-url is http")
        .doesNotContainIgnoringCase("Secure");
    assertThat(login.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void metrics_and_wadl_are_not_public_and_health_says_only_up() {
    assertThat(api.get("metrics").send().status()).isEqualTo(404);
    assertThat(api.get("metrics/base").send().status()).isEqualTo(404);
    assertThat(api.get("api/application.wadl").send().status()).isEqualTo(404);

    Reply health = api.get("health").send().assertStatus(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
    Reply ready = api.get("health/ready").send().assertStatus(200);
    assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void a_submission_over_the_limit_is_429_too_many_requests_on_the_status_line()
      throws IOException {
    String queue = newQueue();
    // all over the socket, so every try comes from the one address the limit counts
    String statusLine;
    int sent = 0;
    do {
      statusLine = rawStatusLine("POST", "/" + contactsOf(queue), VALID_CONTACT);
      sent++;
    } while (statusLine.equals("HTTP/1.1 201 Created") && sent < 200);

    assertThat(statusLine)
        .as("after %d submissions", sent)
        .isEqualTo("HTTP/1.1 429 Too Many Requests");
  }

  /** java.net.http hides the reason phrase: one request over a plain socket, loopback only. */
  private String rawStatusLine(String method, String path, String json) throws IOException {
    byte[] body = json.getBytes(UTF_8);
    try (Socket socket = new Socket("127.0.0.1", deployment.getPort())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(UTF_8));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
        line.write(b);
      }
      return line.toString(UTF_8).strip();
    }
  }
}
