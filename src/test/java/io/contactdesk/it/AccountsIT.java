package io.contactdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.EventStream;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.Session;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * SPEC Part 2, "Safe on a real network" rules 9 to 11 and "Accounts", over HTTP: logins are
 * throttled before the password is checked, accounts have a life cycle whose every step ends the
 * user's sign-ins within five seconds, live streams end with their session, passwords follow the
 * rules, and a queue can be deleted with its contacts.
 */
class AccountsIT extends DeployedContactDesk {

  private static final String GOOD_PASSWORD = "lingonberry kayak tuesday 42";

  // ---------------------------------------------------------------- throttled logins

  @Test
  void five_wrong_passwords_throttle_the_username_and_then_even_the_right_one_is_429() {
    User agent = fixtures.user().create();
    for (int i = 0; i < 5; i++) {
      api.get("api/me").as(agent.username(), "wrong-" + i).send().assertStatus(401);
    }

    Reply wrong = api.get("api/me").as(agent.username(), "wrong-again").send().assertStatus(429);
    Reply right = api.get("api/me").as(agent).send().assertStatus(429);
    Reply console =
        api.post("api/session").json(ContactDesk.credentials(agent)).send().assertStatus(429);

    assertThat(Long.parseLong(wrong.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(right.json().getString("error")).isEqualTo("too_many_requests");
    assertThat(console.header("Retry-After")).isNotNull();
    api.get("api/me").asAdmin().send().assertStatus(200);
  }

  @Test
  void successful_logins_never_count_so_a_team_behind_one_address_keeps_logging_in() {
    User agent = fixtures.user().create();

    for (int i = 0; i < 40; i++) {
      api.post("api/session").json(ContactDesk.credentials(agent)).send().assertStatus(200);
    }
  }

  @Test
  void thirty_failures_a_minute_from_one_address_throttle_that_address_only() throws IOException {
    // 127.0.0.2 is another client address on the loopback interface: the other tests' one is free
    String address = "127.0.0.2";
    for (int i = 0; i < 30; i++) {
      assertThat(basicFrom(address, Fixtures.unique("nobody"), "whatever-password"))
          .startsWith("HTTP/1.1 401");
    }

    assertThat(basicFrom(address, Fixtures.unique("nobody"), "whatever-password"))
        .startsWith("HTTP/1.1 429");
    assertThat(basicFrom(address, User.ADMIN.username(), User.ADMIN_PASSWORD))
        .startsWith("HTTP/1.1 429");
    api.get("api/me").asAdmin().send().assertStatus(200);
  }

  // ---------------------------------------------------------------- passwords

  @Test
  void weak_passwords_are_422_naming_the_rule() {
    String username = Fixtures.unique("weak");
    assertThat(refusedPassword(username, "aaaaaaaaaa")).startsWith("length");
    assertThat(refusedPassword(username, "1234567890")).startsWith("length");
    assertThat(refusedPassword(username, username)).startsWith("personal");
    assertThat(refusedPassword(username, username + "@example.com")).startsWith("personal");
    assertThat(refusedPassword(username, "aaaaaaaaaaaa")).startsWith("guessable");
    assertThat(refusedPassword(username, "123456789012")).startsWith("guessable");
    assertThat(refusedPassword(username, "password1234")).startsWith("guessable");
    assertThat(refusedPassword(username, "qwertyuiopas")).startsWith("guessable");
  }

  // ---------------------------------------------------------------- the life cycle

  @Test
  void an_admin_lists_users_with_their_state_and_last_login() {
    User agent = fixtures.user().create();
    api.get("api/me").as(agent).send().assertStatus(200);

    var listed =
        api.get("api/admin/users").asAdmin().send().assertStatus(200).jsonArray().stream()
            .map(v -> v.asJsonObject())
            .filter(u -> u.getString("username").equals(agent.username()))
            .findFirst()
            .orElseThrow();

    assertThat(listed.getString("id")).isEqualTo(agent.id());
    assertThat(listed.getBoolean("disabled")).isFalse();
    assertThat(listed.getString("lastLoginAt")).isNotBlank();
    assertThat(listed.getJsonArray("roles").getString(0)).isEqualTo("agent");
    assertThat(listed.getString("email")).isEqualTo(agent.username() + "@example.com");
  }

  @Test
  void disabling_ends_the_users_session_basic_login_and_live_stream_and_enabling_lets_them_back()
      throws Exception {
    User agent = fixtures.user().create();
    Session session = api.login(agent);
    api.get("api/me").as(agent).send().assertStatus(200);
    EventStream stream = api.notifications(session);

    Reply edited =
        api.put("api/admin/users/" + agent.username())
            .asAdmin()
            .json("{\"disabled\":true}")
            .send()
            .assertStatus(200);

    assertThat(edited.json().getBoolean("disabled")).isTrue();
    assertThat(stream.endsWithin(Duration.ofSeconds(5))).as("live stream ended").isTrue();
    api.get("api/me").header("Cookie", session.cookie()).send().assertStatus(401);
    api.get("api/me").as(agent).send().assertStatus(401);
    api.post("api/session").json(ContactDesk.credentials(agent)).send().assertStatus(401);

    api.put("api/admin/users/" + agent.username())
        .asAdmin()
        .json("{\"disabled\":false}")
        .send()
        .assertStatus(200);
    api.get("api/me").as(agent).send().assertStatus(200);
  }

  @Test
  void an_admin_edits_name_address_and_roles() {
    User agent = fixtures.user().create();

    Reply edited =
        api.put("api/admin/users/" + agent.username())
            .asAdmin()
            .json(
                "{\"displayName\":\"Mia Virtanen\",\"email\":\"mia.v@example.com\",\"roles\":[\"agent\",\"admin\"],\"disabled\":false}")
            .send()
            .assertStatus(200);

    assertThat(edited.json().getString("displayName")).isEqualTo("Mia Virtanen");
    assertThat(edited.json().getString("email")).isEqualTo("mia.v@example.com");
    api.get("api/admin/users").as(agent).send().assertStatus(200);
    api.put("api/admin/users/" + agent.username())
        .asAdmin()
        .json("{\"email\":\"not an address\"}")
        .send()
        .assertStatus(422);
    api.put("api/admin/users/nobody-here").asAdmin().json("{}").send().assertStatus(404);
  }

  @Test
  void the_last_enabled_admin_cannot_be_disabled_demoted_or_deleted() {
    User second = fixtures.user().roles("admin").create();
    // admins left by other test classes on the same database step aside, as this one does
    api.get("api/admin/users").asAdmin().send().jsonArray().stream()
        .map(v -> v.asJsonObject())
        .filter(u -> !u.getString("username").equals(User.ADMIN.username()))
        .filter(u -> u.getJsonArray("roles").toString().contains("admin"))
        .filter(u -> !u.getBoolean("disabled"))
        .forEach(
            u ->
                api.put("api/admin/users/" + u.getString("username"))
                    .asAdmin()
                    .json("{\"disabled\":true}")
                    .send()
                    .assertStatus(200));
    api.get("api/admin/users").as(second).send().assertStatus(401);

    api.put("api/admin/users/admin").asAdmin().json("{\"disabled\":true}").send().assertStatus(409);
    api.put("api/admin/users/admin")
        .asAdmin()
        .json("{\"roles\":[\"agent\"]}")
        .send()
        .assertStatus(409);
    api.delete("api/admin/users/admin").asAdmin().send().assertStatus(409);
    api.get("api/me").asAdmin().send().assertStatus(200);
  }

  @Test
  void an_admin_reset_ends_the_old_password_and_its_sessions() {
    User agent = fixtures.user().create();
    Session session = api.login(agent);

    api.put("api/admin/users/" + agent.username() + "/password")
        .asAdmin()
        .json(Json.createObjectBuilder().add("password", GOOD_PASSWORD).build())
        .send()
        .assertStatus(204);

    api.get("api/me").header("Cookie", session.cookie()).send().assertStatus(401);
    api.get("api/me").as(agent).send().assertStatus(401);
    api.get("api/me").as(agent.username(), GOOD_PASSWORD).send().assertStatus(200);
    assertThat(
            api.put("api/admin/users/" + agent.username() + "/password")
                .asAdmin()
                .json("{\"password\":\"short\"}")
                .send()
                .assertStatus(422)
                .fields()
                .getString("password"))
        .startsWith("length");
  }

  @Test
  void changing_my_own_password_keeps_this_session_and_ends_every_other() throws Exception {
    User agent = fixtures.user().create();
    Session mine = api.login(agent);
    Session other = api.login(agent);
    EventStream otherStream = api.notifications(other);

    Reply wrongCurrent =
        api.put("api/me/password")
            .in(mine)
            .json(passwordChange("not-my-password", GOOD_PASSWORD))
            .send()
            .assertStatus(422);
    assertThat(wrongCurrent.fields().containsKey("current")).isTrue();

    api.put("api/me/password")
        .in(mine)
        .json(passwordChange(agent.password(), GOOD_PASSWORD))
        .send()
        .assertStatus(204);

    api.get("api/me").header("Cookie", mine.cookie()).send().assertStatus(200);
    api.get("api/me").header("Cookie", other.cookie()).send().assertStatus(401);
    assertThat(otherStream.endsWithin(Duration.ofSeconds(5))).as("other stream ended").isTrue();
    api.get("api/me").as(agent).send().assertStatus(401);
    api.get("api/me").as(agent.username(), GOOD_PASSWORD).send().assertStatus(200);
  }

  @Test
  void a_deleted_user_is_gone_with_memberships_and_sessions_but_comments_keep_their_name() {
    User agent = fixtures.user().create();
    String queueId = fixtures.queue().create();
    api.put("api/admin/queues/" + queueId + "/members/" + agent.username())
        .asAdmin()
        .send()
        .assertStatus(204);
    String contactId = submitContact(queueId);
    api.post("api/contacts/" + contactId + "/comments")
        .as(agent)
        .json("{\"text\":\"Called back\"}")
        .send()
        .assertStatus(201);
    Session session = api.login(agent);

    api.delete("api/admin/users/" + agent.username()).asAdmin().send().assertStatus(204);

    api.get("api/me").header("Cookie", session.cookie()).send().assertStatus(401);
    api.get("api/me").as(agent).send().assertStatus(401);
    api.get("api/admin/users/" + agent.username()).asAdmin().send().assertStatus(404);
    assertThat(
            api.get("api/admin/queues/" + queueId + "/members")
                .asAdmin()
                .send()
                .jsonArray()
                .toString())
        .doesNotContain(agent.username());
    var comment =
        api.get("api/contacts/" + contactId)
            .asAdmin()
            .send()
            .assertStatus(200)
            .json()
            .getJsonArray("comments")
            .getJsonObject(0);
    assertThat(comment.getString("authorName")).isEqualTo("Agent " + agent.username());
    api.delete("api/admin/users/" + agent.username()).asAdmin().send().assertStatus(404);
  }

  // ---------------------------------------------------------------- live streams

  @Test
  void a_live_stream_ends_with_its_session_at_logout() throws Exception {
    User agent = fixtures.user().create();
    Session session = api.login(agent);
    EventStream stream = api.notifications(session);

    api.delete("api/session").in(session).send().assertStatus(204);

    assertThat(stream.endsWithin(Duration.ofSeconds(5))).as("stream ended at logout").isTrue();
  }

  @Test
  void a_user_keeps_at_most_ten_live_streams_and_a_new_one_closes_the_oldest() throws Exception {
    User agent = fixtures.user().create();
    Session session = api.login(agent);
    EventStream oldest = api.notifications(session);
    for (int i = 0; i < 9; i++) {
      api.notifications(session);
    }
    assertThat(oldest.endsWithin(Duration.ofMillis(500))).as("ten streams are allowed").isFalse();

    api.notifications(session);

    assertThat(oldest.endsWithin(Duration.ofSeconds(5))).as("the oldest closed").isTrue();
  }

  // ---------------------------------------------------------------- queues have a life cycle too

  @Test
  void a_deleted_queue_takes_its_contacts_along() {
    String queueId = fixtures.queue().create();
    String contactId = submitContact(queueId);

    api.delete("api/admin/queues/" + queueId).asAdmin().send().assertStatus(204);

    api.get("api/public/queues/" + queueId).send().assertStatus(404);
    api.get("api/admin/queues/" + queueId).asAdmin().send().assertStatus(404);
    api.get("api/contacts/" + contactId).asAdmin().send().assertStatus(404);
    api.delete("api/admin/queues/" + queueId).asAdmin().send().assertStatus(404);
    assertThat(api.get("api/admin/queues").asAdmin().send().body()).doesNotContain(queueId);
  }

  @Test
  void an_agent_cannot_delete_a_queue_or_manage_users() {
    User agent = fixtures.user().create();
    String queueId = fixtures.queue().create();

    api.delete("api/admin/queues/" + queueId).as(agent).send().assertStatus(403);
    api.put("api/admin/users/" + agent.username())
        .as(agent)
        .json("{\"roles\":[\"admin\"]}")
        .send()
        .assertStatus(403);
    api.delete("api/admin/users/admin").as(agent).send().assertStatus(403);
    api.get("api/public/queues/" + queueId).send().assertStatus(200);
  }

  // ---------------------------------------------------------------- helpers

  private static String passwordChange(String current, String replacement) {
    return Json.createObjectBuilder()
        .add("current", current)
        .add("new", replacement)
        .build()
        .toString();
  }

  private String refusedPassword(String username, String password) {
    return api.post("api/admin/users")
        .asAdmin()
        .json(
            Json.createObjectBuilder()
                .add("username", username)
                .add("displayName", "Weak Password")
                .add("email", username + "@example.com")
                .add("password", password)
                .build())
        .send()
        .assertStatus(422)
        .fields()
        .getString("password");
  }

  private String submitContact(String queueId) {
    return api.post("api/public/queues/" + queueId + "/contacts")
        .json(Fixtures.VALID_CONTACT)
        .send()
        .assertStatus(201)
        .json()
        .getString("id");
  }

  /** A Basic-authenticated GET of /api/me sent from {@code localAddress}; the status line back. */
  private String basicFrom(String localAddress, String username, String password)
      throws IOException {
    String credentials =
        Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", deployment.getPort()), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
                  + credentials
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
        line.append((char) b);
      }
      return line.toString();
    }
  }
}
