package io.contactdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The admin API and the agent's own endpoints of SPEC, with both ways in: HTTP Basic (scripts) and
 * the console's session cookie with its CSRF token.
 */
class AdminApiIT extends DeployedContactDesk {

  private static final String SESSION_COOKIE = "CONTACTDESK_SESSION";

  // ---------------------------------------------------------------- helpers

  /** A queue with every part spelled out, so that reading it back must give the same document. */
  private static JsonObject fullQueue(String name) {
    return ContactDesk.parse(
            """
            {"name":"%s","timeZone":"Europe/Helsinki",
             "openingHours":[{"day":"MONDAY","from":"08:00","to":"16:00"},
                             {"day":"MONDAY","from":"18:00","to":"24:00"},
                             {"day":"FRIDAY","from":"22:00","to":"02:00"}],
             "exceptions":[{"date":"2025-12-24","annual":true,"from":null,"to":null,"closed":true},
                           {"date":"2026-12-31","annual":false,"from":"10:00","to":"24:00","closed":false}],
             "override":"SCHEDULE",
             "offline":{"mode":"BOT","message":{"en":"We are closed.","fi":"Olemme kiinni."},
                        "bot":{"greeting":{"en":"Hi!","fi":"Hei!"},
                               "answers":[{"keywords":["invoice","lasku"],"reply":{"en":"See Billing.","fi":"Katso Laskutus."},
                                           "label":{"en":"Invoices","fi":"Laskut"}}]}},
             "form":{"fields":[
               {"name":"name","label":{"en":"Name","fi":"Nimi"},"type":"text","required":true,"maxLength":100,"hidden":false,"options":[]},
               {"name":"customerNo","label":{"en":"Customer number"},"type":"text","required":false,"maxLength":20,"hidden":true,"options":[]},
               {"name":"topic","label":{"en":"Topic"},"type":"select","required":false,"maxLength":200,"hidden":false,
                "options":[{"value":"billing","label":{"en":"Billing","fi":"Laskutus"}}]},
               {"name":"gdpr","label":{"en":"You may store my data."},"type":"consent","required":true,"maxLength":5,"hidden":false,"options":[]}]},
             "allowedOrigins":["https://shop.example.com","http://localhost:3000"],
             "retentionDays":90,"escalation":null,"fallbackEmail":null}"""
                .formatted(name))
        .asJsonObject();
  }

  /** The settings of a queue as answered, without its read-only reach. */
  private static JsonObject settings(JsonObject queue) {
    return Json.createObjectBuilder(queue).remove("reach").build();
  }

  private static JsonObject with(JsonObject object, String key, String json) {
    return Json.createObjectBuilder(object).add(key, ContactDesk.parse(json)).build();
  }

  private Reply createQueue(JsonObject body) {
    return api.post("api/admin/queues").asAdmin().json(body).send();
  }

  private static String membersPath(String queueId, String username) {
    return "api/admin/queues/" + queueId + "/members/" + username;
  }

  private List<String> membersOf(String queueId) {
    return api
        .get("api/admin/queues/" + queueId + "/members")
        .asAdmin()
        .send()
        .assertStatus(200)
        .jsonArray()
        .getValuesAs(jakarta.json.JsonString.class)
        .stream()
        .map(jakarta.json.JsonString::getString)
        .toList();
  }

  private static String settings(boolean sound, boolean desktop, boolean email) {
    return "{\"notifications\":{\"registeredContacts\":{\"sound\":%s,\"desktop\":%s,\"email\":%s}}}"
        .formatted(sound, desktop, email);
  }

  private static String login(String username, String password) {
    return Json.createObjectBuilder()
        .add("username", username)
        .add("password", password)
        .build()
        .toString();
  }

  // ---------------------------------------------------------------- who may call the admin API

  @Test
  void without_credentials_the_admin_api_is_401_with_a_basic_challenge() {
    Reply reply = api.get("api/admin/queues").send().assertStatus(401);

    assertThat(reply.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(reply.json().getString("error")).isEqualTo("unauthorized");
  }

  @Test
  void a_username_with_a_nul_character_is_401_never_a_500() {
    Reply basic = api.get("api/me").as("ad\0min", User.ADMIN_PASSWORD).send();
    Reply console = api.post("api/session").json(login("ad\0min", User.ADMIN_PASSWORD)).send();

    basic.assertStatus(401);
    console.assertStatus(401);
  }

  @Test
  void the_console_gets_its_401_without_a_basic_challenge() {
    Reply reply =
        api.get("api/admin/queues")
            .header("X-Requested-With", "XMLHttpRequest")
            .send()
            .assertStatus(401);

    assertThat(reply.header("WWW-Authenticate")).isNull();
  }

  @Test
  void a_wrong_password_is_401() {
    Reply wrongPassword =
        api.get("api/admin/queues")
            .as(User.ADMIN.username(), "not-the-password")
            .send()
            .assertStatus(401);
    Reply unknownUser =
        api.get("api/me")
            .as(Fixtures.unique("nobody"), "whatever-password")
            .send()
            .assertStatus(401);

    assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(unknownUser.header("WWW-Authenticate")).startsWith("Basic");
  }

  @Test
  void an_agent_is_403_on_every_admin_endpoint() {
    User agent = fixtures.user().create();
    String queue = fixtures.queue().create();

    List<Reply> replies =
        List.of(
            api.get("api/admin/queues").as(agent).send(),
            api.get("api/admin/queues/" + queue).as(agent).send(),
            api.post("api/admin/queues").as(agent).json(fixtures.queue().json()).send(),
            api.put("api/admin/queues/" + queue).as(agent).json(fixtures.queue().json()).send(),
            api.put(membersPath(queue, agent.username())).as(agent).send(),
            api.delete(membersPath(queue, agent.username())).as(agent).send(),
            api.post("api/admin/users").as(agent).json(login("someone", "password-123")).send());

    for (Reply reply : replies) {
      reply.assertStatus(403);
      assertThat(reply.json().getString("error")).isEqualTo("forbidden");
    }
    assertThat(membersOf(queue)).doesNotContain(agent.username());
  }

  // ---------------------------------------------------------------- queues

  @Test
  void a_created_queue_is_201_with_its_id_and_location_and_reads_back_as_sent() {
    JsonObject sent = fullQueue("Full " + UUID.randomUUID());

    Reply created = createQueue(sent).assertStatus(201);

    String id = created.json().getString("id");
    assertThat(created.header("Location")).endsWith("/api/admin/queues/" + id);
    JsonObject read = api.get("api/admin/queues/" + id).asAdmin().send().assertStatus(200).json();
    assertThat(settings(read)).isEqualTo(sent);
    assertThat(read.getJsonObject("reach").getInt("members")).isZero();
  }

  @Test
  void allowed_origins_are_stored_normalised() {
    JsonObject sent =
        with(
            fullQueue("Origins " + UUID.randomUUID()),
            "allowedOrigins",
            "[\"https://Shop.Example.com:443/\",\"HTTP://localhost:3000\",\"https://shop.example.com\"]");

    String id = createQueue(sent).assertStatus(201).json().getString("id");

    JsonObject read = api.get("api/admin/queues/" + id).asAdmin().send().assertStatus(200).json();
    assertThat(read.getJsonArray("allowedOrigins").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("https://shop.example.com", "http://localhost:3000");
  }

  @Test
  void a_queue_id_is_the_slug_of_its_name_made_unique_with_a_number() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);

    String first =
        createQueue(fullQueue("Sales Fi " + suffix)).assertStatus(201).json().getString("id");
    String second =
        createQueue(fullQueue("Sales Fi " + suffix)).assertStatus(201).json().getString("id");

    assertThat(first).isEqualTo("sales-fi-" + suffix);
    assertThat(second).isEqualTo("sales-fi-" + suffix + "-2");
  }

  @Test
  void a_put_replaces_the_queue_and_answers_200_with_it() {
    String id =
        createQueue(fullQueue("Changing " + UUID.randomUUID()))
            .assertStatus(201)
            .json()
            .getString("id");
    JsonObject changed =
        with(
            with(fullQueue("Changed " + UUID.randomUUID()), "override", "\"CLOSED\""),
            "openingHours",
            "[{\"day\":\"SUNDAY\",\"from\":\"10:00\",\"to\":\"24:00\"}]");

    JsonObject answered =
        api.put("api/admin/queues/" + id).asAdmin().json(changed).send().assertStatus(200).json();

    assertThat(settings(answered)).isEqualTo(changed);
    assertThat(
            settings(api.get("api/admin/queues/" + id).asAdmin().send().assertStatus(200).json()))
        .isEqualTo(changed);
    assertThat(
            api.get("api/public/queues/" + id).send().assertStatus(200).json().getBoolean("open"))
        .isFalse();
  }

  @Test
  void a_put_to_an_unknown_queue_is_404() {
    String unknown = Fixtures.unique("no-such-queue");

    api.put("api/admin/queues/" + unknown)
        .asAdmin()
        .json(fullQueue("Ghost"))
        .send()
        .assertStatus(404);
    api.get("api/admin/queues/" + unknown).asAdmin().send().assertStatus(404);
  }

  @Test
  void an_invalid_queue_is_422_listing_every_failing_field() {
    JsonObject invalid =
        ContactDesk.parse(
                """
                {"name":"","timeZone":"Mars/Olympus_Mons",
                 "openingHours":[{"day":"FUNDAY","from":"25:00","to":"8"}],
                 "exceptions":[{"date":"2026-02-30","closed":false}],
                 "override":"SOMETIMES",
                 "offline":{"mode":"FAX","message":{"english":"Closed"}},
                 "form":{"fields":[{"name":"1st","label":{},"type":"radio"},
                                   {"name":"topic","label":{"en":"Topic"},"type":"select"}]},
                 "allowedOrigins":["ftp://files.example.com","https://shop.example.com/path"],
                 "retentionDays":0}""")
            .asJsonObject();

    Reply reply = createQueue(invalid).assertStatus(422);

    assertThat(reply.json().getString("error")).isEqualTo("validation");
    assertThat(reply.fields().keySet())
        .contains(
            "name",
            "timeZone",
            "openingHours[0].day",
            "openingHours[0].from",
            "openingHours[0].to",
            "exceptions[0].date",
            "override",
            "offline.mode",
            "offline.message",
            "form.fields[0].name",
            "form.fields[0].label",
            "form.fields[0].type",
            "form.fields[1].options",
            "allowedOrigins[0]",
            "allowedOrigins[1]",
            "retentionDays");
  }

  @Test
  void a_queue_body_that_is_not_json_is_400() {
    api.post("api/admin/queues").asAdmin().json("{\"name\":").send().assertStatus(400);
    api.post("api/admin/queues").asAdmin().json("[\"Support\"]").send().assertStatus(400);
    api.post("api/admin/queues")
        .asAdmin()
        .body("name=Support", "application/x-www-form-urlencoded")
        .send()
        .assertStatus(415);
  }

  /** PostgreSQL refuses a NUL character in text; whichever way the app handles it, never a 500. */
  @Test
  void a_nul_character_in_a_queue_name_is_never_a_500() {
    Reply reply = createQueue(fixtures.queue().name("Nul\0Queue " + UUID.randomUUID()).json());

    assertThat(reply.status()).as("%s", reply).isLessThan(500);
  }

  // ---------------------------------------------------------------- users

  @Test
  void a_created_user_is_201_with_its_id() {
    String username = Fixtures.unique("mia");

    Reply reply =
        api.post("api/admin/users")
            .asAdmin()
            .json(
                """
                {"username":"%s","displayName":"Mia Agent","email":"mia@example.com",
                 "password":"correct horse battery","roles":["agent"]}"""
                    .formatted(username))
            .send()
            .assertStatus(201);

    assertThat(reply.json().getString("id")).isNotBlank();
    JsonObject me =
        api.get("api/me").as(username, "correct horse battery").send().assertStatus(200).json();
    assertThat(me.getString("id")).isEqualTo(reply.json().getString("id"));
  }

  @Test
  void a_taken_username_is_409() {
    User agent = fixtures.user().create();

    Reply reply =
        api.post("api/admin/users")
            .asAdmin()
            .json(
                """
                {"username":"%s","displayName":"Someone Else","email":"else@example.com",
                 "password":"another long passphrase","roles":["agent"]}"""
                    .formatted(agent.username()))
            .send()
            .assertStatus(409);

    assertThat(reply.json().getString("error")).isEqualTo("conflict");
  }

  @Test
  void an_invalid_user_is_422_listing_every_failing_field() {
    Reply reply =
        api.post("api/admin/users")
            .asAdmin()
            .json(
                "{\"username\":\"Not Valid!\",\"displayName\":\"\",\"email\":\"no-at-sign\",\"password\":\"short\"}")
            .send()
            .assertStatus(422);

    assertThat(reply.fields().keySet())
        .containsExactlyInAnyOrder("username", "displayName", "email", "password");
  }

  @Test
  void an_unknown_role_is_listed_with_the_other_failing_fields() {
    Reply reply =
        api.post("api/admin/users")
            .asAdmin()
            .json(
                "{\"username\":\"Not Valid!\",\"displayName\":\"\",\"email\":\"no-at-sign\",\"password\":\"short\",\"roles\":[\"boss\"]}")
            .send()
            .assertStatus(422);

    assertThat(reply.fields().keySet())
        .containsExactlyInAnyOrder("username", "displayName", "email", "password", "roles");
  }

  @Test
  void a_nul_character_in_a_user_email_is_never_a_500() {
    Reply reply =
        api.post("api/admin/users")
            .asAdmin()
            .json(
                Json.createObjectBuilder()
                    .add("username", Fixtures.unique("nul"))
                    .add("displayName", "Nul")
                    .add("email", "nul\0mail@example.com")
                    .add("password", "long-enough-password")
                    .build())
            .send();

    assertThat(reply.status()).as("%s", reply).isLessThan(500);
  }

  // ---------------------------------------------------------------- memberships

  @Test
  void putting_a_member_is_204_and_idempotent_and_deleting_is_204() {
    User agent = fixtures.user().create();
    String queue = fixtures.queue().create();

    api.put(membersPath(queue, agent.username())).asAdmin().send().assertStatus(204);
    api.put(membersPath(queue, agent.username())).asAdmin().send().assertStatus(204);
    assertThat(membersOf(queue)).containsOnlyOnce(agent.username());

    api.delete(membersPath(queue, agent.username())).asAdmin().send().assertStatus(204);
    assertThat(membersOf(queue)).doesNotContain(agent.username());
    api.delete(membersPath(queue, agent.username())).asAdmin().send().assertStatus(204);
  }

  @Test
  void a_membership_of_an_unknown_user_or_queue_is_404() {
    User agent = fixtures.user().create();
    String queue = fixtures.queue().create();
    String nobody = Fixtures.unique("nobody");
    String noQueue = Fixtures.unique("no-such-queue");

    api.put(membersPath(queue, nobody)).asAdmin().send().assertStatus(404);
    api.put(membersPath(noQueue, agent.username())).asAdmin().send().assertStatus(404);
    api.delete(membersPath(queue, nobody)).asAdmin().send().assertStatus(404);
    api.delete(membersPath(noQueue, agent.username())).asAdmin().send().assertStatus(404);
    api.get("api/admin/queues/" + noQueue + "/members").asAdmin().send().assertStatus(404);
    assertThat(membersOf(queue)).isEmpty();
  }

  // ---------------------------------------------------------------- the agent's own endpoints

  @Test
  void me_tells_who_the_caller_is() {
    User agent = fixtures.user().create();

    JsonObject me = api.get("api/me").as(agent).send().assertStatus(200).json();

    assertThat(me.getString("id")).isEqualTo(agent.id());
    assertThat(me.getString("username")).isEqualTo(agent.username());
    assertThat(me.getString("displayName")).isEqualTo("Agent " + agent.username());
    assertThat(me.getString("email")).isEqualTo(agent.username() + "@example.com");
    assertThat(me.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("agent");
  }

  @Test
  void me_without_credentials_is_401() {
    api.get("api/me").send().assertStatus(401);
    api.get("api/me/settings").send().assertStatus(401);
  }

  @Test
  void a_new_agent_has_every_notification_off() {
    User agent = fixtures.user().create();

    JsonObject settings = api.get("api/me/settings").as(agent).send().assertStatus(200).json();

    assertThat(settings).isEqualTo(ContactDesk.parse(settings(false, false, false)));
  }

  @Test
  void changed_settings_are_answered_and_read_back() {
    User agent = fixtures.user().create();

    JsonObject answered =
        api.put("api/me/settings")
            .as(agent)
            .json(settings(true, false, true))
            .send()
            .assertStatus(200)
            .json();

    assertThat(answered).isEqualTo(ContactDesk.parse(settings(true, false, true)));
    assertThat(api.get("api/me/settings").as(agent).send().assertStatus(200).json())
        .isEqualTo(ContactDesk.parse(settings(true, false, true)));
  }

  @Test
  void settings_without_every_flag_are_422_and_change_nothing() {
    User agent = fixtures.user().create();

    Reply missingFlag =
        api.put("api/me/settings")
            .as(agent)
            .json("{\"notifications\":{\"registeredContacts\":{\"sound\":true,\"desktop\":true}}}")
            .send()
            .assertStatus(422);
    Reply missingGroup = api.put("api/me/settings").as(agent).json("{}").send().assertStatus(422);

    assertThat(missingFlag.fields().keySet())
        .containsExactly("notifications.registeredContacts.email");
    assertThat(missingGroup.fields()).isNotEmpty();
    assertThat(api.get("api/me/settings").as(agent).send().json())
        .isEqualTo(ContactDesk.parse(settings(false, false, false)));
  }

  @Test
  void a_flag_that_is_not_true_or_false_is_refused_and_changes_nothing() {
    User agent = fixtures.user().create();

    Reply reply =
        api.put("api/me/settings")
            .as(agent)
            .json(
                "{\"notifications\":{\"registeredContacts\":{\"sound\":\"yes\",\"desktop\":false,\"email\":true}}}")
            .send();

    assertThat(reply.status()).as("%s", reply).isIn(400, 422);
    assertThat(api.get("api/me/settings").as(agent).send().json())
        .isEqualTo(ContactDesk.parse(settings(false, false, false)));
  }

  // ---------------------------------------------------------------- the console's session

  @Test
  void a_console_login_with_a_wrong_password_is_401_without_a_session() {
    User agent = fixtures.user().create();

    Reply reply =
        api.post("api/session")
            .json(login(agent.username(), "wrong-password"))
            .send()
            .assertStatus(401);

    assertThat(reply.cookie(SESSION_COOKIE)).isNull();
    assertThat(reply.json().getString("error")).isEqualTo("unauthorized");
  }

  @Test
  void a_console_session_lives_from_login_to_logout_and_guards_changes_with_its_csrf_token() {
    User agent = fixtures.user().create();

    Reply login =
        api.post("api/session")
            .json(login(agent.username(), agent.password()))
            .send()
            .assertStatus(200);
    String session = SESSION_COOKIE + "=" + login.cookie(SESSION_COOKIE);
    String csrfToken = login.json().getString("csrfToken");
    assertThat(login.cookie(SESSION_COOKIE)).isNotBlank();
    assertThat(csrfToken).isNotBlank();
    assertThat(login.json().getJsonObject("user").getString("username"))
        .isEqualTo(agent.username());

    JsonObject me = api.get("api/me").header("Cookie", session).send().assertStatus(200).json();
    assertThat(me.getString("username")).isEqualTo(agent.username());

    Reply withoutToken =
        api.put("api/me/settings")
            .header("Cookie", session)
            .json(settings(true, true, false))
            .send()
            .assertStatus(403);
    Reply wrongToken =
        api.put("api/me/settings")
            .header("Cookie", session)
            .header("X-CSRF-Token", "not-" + csrfToken)
            .json(settings(true, true, false))
            .send()
            .assertStatus(403);
    assertThat(withoutToken.json().getString("error")).isEqualTo("csrf");
    assertThat(wrongToken.json().getString("error")).isEqualTo("csrf");
    assertThat(api.get("api/me/settings").header("Cookie", session).send().json())
        .isEqualTo(ContactDesk.parse(settings(false, false, false)));

    api.put("api/me/settings")
        .header("Cookie", session)
        .header("X-CSRF-Token", csrfToken)
        .json(settings(true, true, false))
        .send()
        .assertStatus(200);
    assertThat(api.get("api/me/settings").as(agent).send().json())
        .isEqualTo(ContactDesk.parse(settings(true, true, false)));

    api.delete("api/session")
        .header("Cookie", session)
        .header("X-CSRF-Token", csrfToken)
        .send()
        .assertStatus(204);
    api.get("api/me").header("Cookie", session).send().assertStatus(401);
    api.get("api/session").header("Cookie", session).send().assertStatus(401);
  }

  @Test
  void an_agent_logged_in_to_the_console_is_still_403_on_the_admin_api() {
    User agent = fixtures.user().create();
    Reply login =
        api.post("api/session")
            .json(login(agent.username(), agent.password()))
            .send()
            .assertStatus(200);

    api.get("api/admin/queues")
        .header("Cookie", SESSION_COOKIE + "=" + login.cookie(SESSION_COOKIE))
        .send()
        .assertStatus(403);
  }
}
