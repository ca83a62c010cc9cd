package io.contactdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.Session;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * SPEC Part 2, Accounts: personal API tokens over HTTP. A token is shown once and stored hashed,
 * listed without its value, revoked; sent as {@code Authorization: Bearer} it acts as its user with
 * their roles and their queues, needs no CSRF token, and is refused (401) when revoked, expired or
 * its user disabled, deleted or given a new password; failed tokens count in the login throttle.
 *
 * <p>The refusals are sent from loopback addresses of their own (127.0.0.41 and .42), so that the
 * failures they count never throttle the address the other tests of the run use.
 */
class TokensIT extends DeployedContactDesk {

  private static final String NEW_PASSWORD = "lingonberry kayak tuesday 42";
  private static final String REFUSALS = "127.0.0.42";

  @Test
  void a_token_is_shown_once_listed_without_its_value_and_signs_in_as_its_user() {
    User agent = fixtures.user().create();

    Reply created =
        api.post("api/me/tokens")
            .as(agent)
            .json("{\"name\":\"CRM export\"}")
            .send()
            .assertStatus(201);

    JsonObject token = created.json();
    assertThat(token.keySet()).containsExactlyInAnyOrder("id", "name", "token", "expiresAt");
    assertThat(token.getString("token")).matches("cdt_[A-Za-z0-9_-]{43}");
    assertThat(token.getString("name")).isEqualTo("CRM export");
    assertThat(token.isNull("expiresAt")).isTrue();
    assertThat(created.header("Cache-Control")).contains("no-store");

    JsonObject me =
        api.get("api/me").withToken(token.getString("token")).send().assertStatus(200).json();
    assertThat(me.getString("username")).isEqualTo(agent.username());

    Reply listed = api.get("api/me/tokens").as(agent).send().assertStatus(200);
    assertThat(listed.body()).doesNotContain(token.getString("token"));
    JsonObject row = listed.jsonArray().getJsonObject(0);
    assertThat(row.keySet())
        .containsExactlyInAnyOrder("id", "name", "createdAt", "expiresAt", "lastUsedAt");
    assertThat(row.getString("id")).isEqualTo(token.getString("id"));
    assertThat(row.getString("lastUsedAt")).as("the use just made").isNotBlank();
    assertThat(api.get("api/me/tokens").as(fixtures.user().create()).send().jsonArray())
        .as("another user's list")
        .isEmpty();
  }

  @Test
  void a_token_changes_things_without_a_csrf_token_and_acts_with_its_users_roles() {
    User agent = fixtures.user().create();
    String token = api.createToken(agent, "settings script").getString("token");

    api.put("api/me/settings")
        .withToken(token)
        .json(
            "{\"notifications\":{\"registeredContacts\":{\"sound\":true,\"desktop\":false,\"email\":false}}}")
        .send()
        .assertStatus(200);
    assertThat(api.notificationSettings(agent).getBoolean("sound")).isTrue();
    api.get("api/admin/users").withToken(token).send().assertStatus(403);

    String adminToken = api.createToken(User.ADMIN, "admin script").getString("token");
    api.get("api/admin/users").withToken(adminToken).send().assertStatus(200);
    api.delete(
            "api/me/tokens/"
                + api.get("api/me/tokens")
                    .withToken(adminToken)
                    .send()
                    .jsonArray()
                    .getJsonObject(0)
                    .getString("id"))
        .withToken(adminToken)
        .send()
        .assertStatus(204);
  }

  @Test
  void a_token_sees_its_users_queues_only_and_another_queue_is_404() {
    String mine = fixtures.queue().create();
    String theirs = fixtures.queue().create();
    User agent = fixtures.user().memberOf(mine).create();
    String token = api.createToken(agent, "reports").getString("token");
    String contactId =
        api.post("api/public/queues/" + theirs + "/contacts")
            .json(Fixtures.VALID_CONTACT)
            .send()
            .assertStatus(201)
            .json()
            .getString("id");

    api.get("api/queues/" + mine + "/activity").withToken(token).send().assertStatus(200);
    api.get("api/queues/" + theirs + "/activity").withToken(token).send().assertStatus(404);
    api.get("api/contacts/" + contactId).withToken(token).send().assertStatus(404);
    api.post("api/contacts/" + contactId + "/comments")
        .withToken(token)
        .json("{\"text\":\"Mine now\"}")
        .send()
        .assertStatus(404);
    assertThat(api.get("api/queues").withToken(token).send().assertStatus(200).body())
        .contains(mine)
        .doesNotContain(theirs);
  }

  @Test
  void a_revoked_token_is_refused_with_json_and_a_bearer_challenge() throws IOException {
    User agent = fixtures.user().create();
    JsonObject token = api.createToken(agent, "short-lived");

    api.delete("api/me/tokens/" + token.getString("id")).as(agent).send().assertStatus(204);

    String answer = getFrom(REFUSALS, "/api/me", "Bearer " + token.getString("token"));
    assertThat(answer).startsWith("HTTP/1.1 401");
    assertThat(answer).containsIgnoringCase("WWW-Authenticate: Bearer realm=\"ContactDesk\"");
    assertThat(answer).contains("\"error\":\"unauthorized\"").contains("revoked");
    assertThat(api.get("api/me/tokens").as(agent).send().jsonArray()).isEmpty();
    api.delete("api/me/tokens/" + token.getString("id")).as(agent).send().assertStatus(404);
  }

  @Test
  void another_users_token_cannot_be_revoked_and_is_404() {
    User owner = fixtures.user().create();
    JsonObject token = api.createToken(owner, "mine");

    api.delete("api/me/tokens/" + token.getString("id"))
        .as(fixtures.user().create())
        .send()
        .assertStatus(404);
    api.delete("api/me/tokens/" + token.getString("id")).asAdmin().send().assertStatus(404);
    api.delete("api/me/tokens/no-such-token").as(owner).send().assertStatus(404);

    api.get("api/me").withToken(token.getString("token")).send().assertStatus(200);
  }

  @Test
  void an_expired_token_is_refused() throws Exception {
    User agent = fixtures.user().create();
    Instant soon = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
    String token =
        api.post("api/me/tokens")
            .as(agent)
            .json(
                Json.createObjectBuilder()
                    .add("name", "five seconds")
                    .add("expiresAt", soon.toString())
                    .build())
            .send()
            .assertStatus(201)
            .json()
            .getString("token");
    api.get("api/me").withToken(token).send().assertStatus(200);

    Thread.sleep(Math.max(0, soon.toEpochMilli() - System.currentTimeMillis()) + 500);

    String answer = getFrom(REFUSALS, "/api/me", "Bearer " + token);
    assertThat(answer).startsWith("HTTP/1.1 401").contains("expired");
    assertThat(api.get("api/me/tokens").as(agent).send().body()).contains(soon.toString());
  }

  @Test
  void disabling_deleting_or_a_new_password_ends_the_users_tokens() throws IOException {
    User disabled = fixtures.user().create();
    String disabledToken = api.createToken(disabled, "script").getString("token");
    User reset = fixtures.user().create();
    String resetToken = api.createToken(reset, "script").getString("token");
    User deleted = fixtures.user().create();
    String deletedToken = api.createToken(deleted, "script").getString("token");

    api.put("api/admin/users/" + disabled.username())
        .asAdmin()
        .json("{\"disabled\":true}")
        .send()
        .assertStatus(200);
    api.put("api/admin/users/" + reset.username() + "/password")
        .asAdmin()
        .json(Json.createObjectBuilder().add("password", NEW_PASSWORD).build())
        .send()
        .assertStatus(204);
    api.delete("api/admin/users/" + deleted.username()).asAdmin().send().assertStatus(204);

    assertThat(getFrom(REFUSALS, "/api/me", "Bearer " + disabledToken)).startsWith("HTTP/1.1 401");
    assertThat(getFrom(REFUSALS, "/api/me", "Bearer " + resetToken)).startsWith("HTTP/1.1 401");
    assertThat(getFrom(REFUSALS, "/api/me", "Bearer " + deletedToken)).startsWith("HTTP/1.1 401");
    api.put("api/admin/users/" + disabled.username())
        .asAdmin()
        .json("{\"disabled\":false}")
        .send()
        .assertStatus(200);
    assertThat(getFrom(REFUSALS, "/api/me", "Bearer " + disabledToken))
        .as("re-enabling brings no token back")
        .startsWith("HTTP/1.1 401");
    assertThat(api.get("api/me/tokens").as(disabled).send().jsonArray()).isEmpty();
  }

  @Test
  void my_own_password_change_ends_my_tokens_too() throws IOException {
    User agent = fixtures.user().create();
    String token = api.createToken(agent, "script").getString("token");

    api.put("api/me/password")
        .as(agent)
        .json(
            Json.createObjectBuilder()
                .add("current", agent.password())
                .add("new", NEW_PASSWORD)
                .build())
        .send()
        .assertStatus(204);

    assertThat(getFrom(REFUSALS, "/api/me", "Bearer " + token)).startsWith("HTTP/1.1 401");
  }

  @Test
  void a_new_token_needs_a_name_of_1_to_100_characters_and_an_expiry_in_the_future() {
    User agent = fixtures.user().create();

    JsonObject both =
        api.post("api/me/tokens")
            .as(agent)
            .json("{\"name\":\"\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}")
            .send()
            .assertStatus(422)
            .fields();
    assertThat(both.keySet()).containsExactlyInAnyOrder("name", "expiresAt");
    assertThat(
            api.post("api/me/tokens")
                .as(agent)
                .json("{\"name\":\"" + "x".repeat(101) + "\"}")
                .send()
                .assertStatus(422)
                .fields()
                .keySet())
        .containsExactly("name");
    assertThat(
            api.post("api/me/tokens")
                .as(agent)
                .json("{\"name\":\"ok\",\"expiresAt\":\"next tuesday\"}")
                .send()
                .assertStatus(422)
                .fields()
                .getString("expiresAt"))
        .contains("ISO-8601");
    api.post("api/me/tokens").as(agent).json("{\"name\":").send().assertStatus(400);
    api.post("api/me/tokens").as(agent).body("name=x", "text/plain").send().assertStatus(415);
    assertThat(api.get("api/me/tokens").as(agent).send().jsonArray()).isEmpty();
  }

  @Test
  void a_user_holds_at_most_fifty_tokens() {
    User agent = fixtures.user().create();
    for (int i = 0; i < 50; i++) {
      api.createToken(agent, "token " + i);
    }

    Reply refused = api.post("api/me/tokens").as(agent).json("{\"name\":\"one more\"}").send();

    refused.assertStatus(409);
    assertThat(refused.json().getString("error")).isEqualTo("conflict");
    assertThat(api.get("api/me/tokens").as(agent).send().jsonArray()).hasSize(50);
  }

  @Test
  void a_token_cannot_make_another_and_a_console_session_needs_its_csrf_token() {
    User agent = fixtures.user().create();
    String token = api.createToken(agent, "script").getString("token");

    api.post("api/me/tokens")
        .withToken(token)
        .json("{\"name\":\"offspring\"}")
        .send()
        .assertStatus(403);
    Session session = api.login(agent);
    api.post("api/me/tokens")
        .header("Cookie", session.cookie())
        .json("{\"name\":\"from the console\"}")
        .send()
        .assertStatus(403);
    api.post("api/me/tokens")
        .in(session)
        .json("{\"name\":\"from the console\"}")
        .send()
        .assertStatus(201);
    assertThat(api.get("api/me/tokens").as(agent).send().jsonArray()).hasSize(2);
  }

  @Test
  void failed_tokens_count_in_the_login_throttle_of_their_address_with_failed_passwords()
      throws IOException {
    String address = "127.0.0.41";
    String good = api.createToken(fixtures.user().create(), "script").getString("token");
    for (int i = 0; i < 30; i++) {
      String guess = "Bearer cdt_" + "A".repeat(40) + String.format("%03d", i);
      assertThat(getFrom(address, "/api/me", guess)).startsWith("HTTP/1.1 401");
    }

    String throttled = getFrom(address, "/api/me", "Bearer cdt_" + "B".repeat(43));
    assertThat(throttled).startsWith("HTTP/1.1 429").containsIgnoringCase("Retry-After:");
    assertThat(getFrom(address, "/api/me", "Bearer " + good))
        .as("even a good token, before it is looked up")
        .startsWith("HTTP/1.1 429");
    assertThat(getFrom(address, "/api/me", basic(User.ADMIN)))
        .as("and a Basic login from that address")
        .startsWith("HTTP/1.1 429");
    api.get("api/me").withToken(good).send().assertStatus(200);
  }

  // ---------------------------------------------------------------- helpers

  private static String basic(User user) {
    return io.contactdesk.testkit.ContactDesk.basic(user.username(), user.password());
  }

  /** A GET with this Authorization sent from {@code localAddress}; the whole answer as text. */
  private String getFrom(String localAddress, String path, String authorization)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", deployment.getPort()), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                  + authorization
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      in.transferTo(answer);
      return answer.toString(StandardCharsets.UTF_8);
    }
  }
}
