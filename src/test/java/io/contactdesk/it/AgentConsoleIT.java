package io.contactdesk.it;

import static io.contactdesk.testkit.ContactDesk.CSV;
import static io.contactdesk.testkit.ContactDesk.JSON;
import static io.contactdesk.testkit.Fixtures.unique;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Csv;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Receipt;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The agent's side of the contract (SPEC, Agent and Admin; rules 5 and 7), black-box over HTTP
 * against the real WAR on Payara Micro: my queues, the activity log, "View content", comments,
 * questionnaire answers and their CSV, statistics, erasure, and that nothing of one queue leaks to
 * an agent of another. Every test makes its own queues, agents and contacts.
 */
class AgentConsoleIT extends DeployedContactDesk {

  private static final User ADMIN = User.ADMIN;
  private static final String HELSINKI = "Europe/Helsinki";
  private static final DateTimeFormatter RECEIVED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  // ---- my queues

  @Test
  void an_agent_sees_exactly_their_own_queues_with_open_and_an_admin_sees_all() {
    String open = queue("Open desk", HELSINKI, "OPEN");
    String closed = queue("Closed desk", HELSINKI, "CLOSED");
    String other = queue("Other desk", HELSINKI, "OPEN");
    User agent = fixtures.user().memberOf(open, closed).create();
    User loner = fixtures.user().create();

    Map<String, JsonObject> mine =
        byId(api.get("api/queues").as(agent).send().assertStatus(200).jsonArray());
    assertThat(mine).containsOnlyKeys(open, closed);
    assertThat(mine.get(open).getString("name")).startsWith("Open desk");
    assertThat(mine.get(open).getBoolean("open")).isTrue();
    assertThat(mine.get(closed).getBoolean("open")).isFalse();

    assertThat(api.get("api/queues").as(loner).send().assertStatus(200).jsonArray()).isEmpty();

    Map<String, JsonObject> all =
        byId(api.get("api/queues").as(ADMIN).send().assertStatus(200).jsonArray());
    assertThat(all).containsKeys(open, closed, other);
    assertThat(all.get(other).getBoolean("open")).isTrue();
    assertThat(all.get(closed).getBoolean("open")).isFalse();
  }

  // ---- the activity log

  @Test
  void
      the_activity_log_pages_newest_first_through_every_entry_exactly_once_and_ends_with_next_null() {
    String queue = queue("Paging desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    String secret = unique("only-in-the-answers");
    List<Receipt> contacts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Receipt contact =
          submit(
              queue,
              answers(
                  "name",
                  secret + " name",
                  "email",
                  "visitor@example.com",
                  "message",
                  secret + " message"));
      contacts.add(contact);
      api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);
      api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);
      api.comment(contact.id(), agent, "Called back", null, null).assertStatus(201);
    }
    // 3 contacts x (registered, viewed twice, commented) = 12 entries

    JsonObject whole =
        api.get("api/queues/" + queue + "/activity?limit=200")
            .as(agent)
            .send()
            .assertStatus(200)
            .json();
    List<JsonObject> all = whole.getJsonArray("entries").getValuesAs(JsonObject.class);
    assertThat(whole.isNull("next")).isTrue();
    assertThat(all).hasSize(12);
    assertThat(all)
        .allSatisfy(
            e ->
                assertThat(e.keySet())
                    .containsExactlyInAnyOrder(
                        "id", "type", "at", "actor", "contactId", "reference", "detail"));
    List<Instant> times = all.stream().map(e -> Instant.parse(e.getString("at"))).toList();
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i))
          .as("entry %d is not newer than the one before it", i)
          .isBeforeOrEqualTo(times.get(i - 1));
    }
    assertThat(all.get(0).getString("type")).isEqualTo("COMMENT_ADDED");
    assertThat(all.get(0).getString("contactId")).isEqualTo(contacts.get(2).id());
    assertThat(all.get(11).getString("type")).isEqualTo("CONTACT_REGISTERED");
    assertThat(all.get(11).getString("contactId")).isEqualTo(contacts.get(0).id());
    assertThat(whole.toString()).doesNotContain(secret);

    List<String> allIds = all.stream().map(e -> e.getString("id")).toList();
    assertThat(new HashSet<>(allIds)).hasSize(12);
    for (int limit : new int[] {1, 4, 5, 11, 12, 13}) {
      List<String> walked = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String cursor = null;
      for (int page = 0; page < 20; page++) {
        Reply reply =
            api.get(
                    "api/queues/"
                        + queue
                        + "/activity?limit="
                        + limit
                        + (cursor == null ? "" : "&before=" + cursor))
                .as(agent)
                .send()
                .assertStatus(200);
        assertThat(reply.body()).doesNotContain(secret);
        JsonObject json = reply.json();
        List<JsonObject> entries = json.getJsonArray("entries").getValuesAs(JsonObject.class);
        sizes.add(entries.size());
        entries.forEach(e -> walked.add(e.getString("id")));
        if (json.isNull("next")) {
          cursor = null;
          break;
        }
        cursor = json.getString("next");
      }
      assertThat(cursor).as("limit %d: the walk ends with next null", limit).isNull();
      assertThat(walked).as("limit %d: every entry once, newest first", limit).isEqualTo(allIds);
      assertThat(sizes)
          .as("limit %d: full pages, no empty last page", limit)
          .allSatisfy(s -> assertThat(s).isBetween(1, limit));
    }
  }

  @Test
  void a_bad_limit_or_cursor_gets_422_naming_the_parameter() {
    String queue = queue("Cursor desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    submit(queue, answers("name", "Someone", "message", "Hello"));
    String path = "api/queues/" + queue + "/activity";

    for (String limit : List.of("0", "201", "-1", "abc", "1.5", "99999999999")) {
      Reply reply = api.get(path + "?limit=" + limit).as(agent).send();
      assertThat(reply.status()).as("limit=%s", limit).isEqualTo(422);
      assertThat(reply.json().getJsonObject("fields").keySet())
          .as("limit=%s", limit)
          .containsExactly("limit");
    }
    for (String before :
        List.of("not-a-cursor", base64Url("42"), base64Url("a1:not-a-number"), "%7B%7D")) {
      Reply reply = api.get(path + "?before=" + before).as(agent).send();
      assertThat(reply.status()).as("before=%s", before).isEqualTo(422);
      assertThat(reply.json().getString("error")).isEqualTo("validation");
      assertThat(reply.json().getJsonObject("fields").keySet())
          .as("before=%s", before)
          .containsExactly("before");
    }
    assertThat(api.get(path + "?limit=1").as(agent).send().status()).isEqualTo(200);
    assertThat(api.get(path + "?limit=200").as(agent).send().status()).isEqualTo(200);
  }

  @Test
  void
      the_activity_log_tells_the_whole_story_of_a_contact_with_who_did_what_and_never_the_answers() {
    String queue = queue("Story desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    User colleague = fixtures.user().memberOf(queue).create();
    String secret = unique("visitor-wrote-this");
    Receipt contact =
        submit(
            queue,
            answers(
                "name",
                "Maija " + secret,
                "email",
                "maija@example.fi",
                "message",
                "Please call " + secret));

    api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);
    api.comment(contact.id(), agent, "Taking this one", "IN_PROGRESS", colleague.username())
        .assertStatus(201);
    api.delete("api/contacts/" + contact.id()).as(ADMIN).send().assertStatus(204);

    Reply raw =
        api.get("api/queues/" + queue + "/activity?limit=200").as(agent).send().assertStatus(200);
    assertThat(raw.body())
        .doesNotContain(secret)
        .doesNotContain("maija@example.fi")
        .doesNotContain("Please call");
    List<JsonObject> story =
        raw.json().getJsonArray("entries").getValuesAs(JsonObject.class).stream()
            .filter(e -> contact.id().equals(e.getString("contactId")))
            .toList();
    assertThat(story.stream().map(e -> e.getString("type")))
        .containsExactly(
            "CONTACT_DELETED",
            "HANDLER_CHANGED",
            "STATUS_CHANGED",
            "COMMENT_ADDED",
            "CONTENT_VIEWED",
            "CONTACT_REGISTERED");
    assertThat(story.stream().map(AgentConsoleIT::actor))
        .containsExactly(
            ADMIN.username(),
            agent.username(),
            agent.username(),
            agent.username(),
            agent.username(),
            null);
  }

  // ---- View content

  @Test
  void
      view_content_returns_the_answers_with_labels_and_the_comments_and_every_view_is_logged_with_the_reader() {
    String queue = queue("View desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    User colleague = fixtures.user().memberOf(queue).create();
    Receipt contact =
        submit(
            queue,
            answers(
                "name",
                "Matti Meikäläinen",
                "email",
                "matti@example.fi",
                "subject",
                "Lasku",
                "message",
                "Soittakaa minulle.\nKiitos!"),
            "fi");

    api.comment(contact.id(), colleague, "Soitin, ei vastannut", "IN_PROGRESS", null)
        .assertStatus(201);
    Reply reply = api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    assertThat(reply.header("Cache-Control")).contains("no-store");
    JsonObject view = reply.json();
    assertThat(view.getString("id")).isEqualTo(contact.id());
    assertThat(view.getString("reference")).isEqualTo(contact.reference());
    assertThat(view.getString("queueId")).isEqualTo(queue);
    assertThat(Instant.parse(view.getString("createdAt"))).isEqualTo(contact.createdAt());
    assertThat(view.getString("source")).isEqualTo("FORM");
    assertThat(view.getString("language")).isEqualTo("fi");
    assertThat(view.getString("pageUrl")).isEqualTo("https://shop.example.com/help?topic=returns");
    assertThat(view.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(view.isNull("handler")).isTrue();
    assertThat(
            view.getJsonArray("answers").getValuesAs(JsonObject.class).stream()
                .map(AgentConsoleIT::answer))
        .as(
            "asked in Finnish, stored with the Finnish labels, in the form's order, empty fields left out")
        .containsExactly(
            "name|Nimi|Matti Meikäläinen",
            "email|Sähköposti|matti@example.fi",
            "subject|Aihe|Lasku",
            "message|Viesti|Soittakaa minulle.\nKiitos!");
    List<JsonObject> comments = view.getJsonArray("comments").getValuesAs(JsonObject.class);
    assertThat(comments).hasSize(1);
    assertThat(comments.get(0).getString("author")).isEqualTo(colleague.username());
    assertThat(comments.get(0).getString("text")).isEqualTo("Soitin, ei vastannut");
    assertThat(comments.get(0).getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(comments.get(0).getString("id")).isNotBlank();
    assertThat(Instant.parse(comments.get(0).getString("at")))
        .isAfterOrEqualTo(contact.createdAt());

    api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);
    api.get("api/contacts/" + contact.id()).as(colleague).send().assertStatus(200);
    api.get("api/contacts/" + contact.id()).as(ADMIN).send().assertStatus(200);

    List<String> readers =
        api.activity(queue, agent).stream()
            .filter(e -> e.getString("type").equals("CONTENT_VIEWED"))
            .map(AgentConsoleIT::actor)
            .toList();
    assertThat(readers)
        .containsExactly(
            ADMIN.username(), colleague.username(), agent.username(), agent.username());
    assertThat(api.activity(queue, agent))
        .filteredOn(e -> e.getString("type").equals("CONTENT_VIEWED"))
        .allSatisfy(e -> assertThat(e.getString("contactId")).isEqualTo(contact.id()));
  }

  // ---- comments

  @Test
  void a_comment_changes_status_and_handler_and_each_change_gets_its_own_log_entry() {
    String queue = queue("Comment desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    User colleague = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));
    String path = "api/contacts/" + contact.id();

    Reply created = api.comment(contact.id(), agent, "Looked at it", null, null).assertStatus(201);
    assertThat(created.json().getString("id")).isNotBlank();
    assertThat(newestTypes(queue, agent, 1)).containsExactly("COMMENT_ADDED");

    api.comment(contact.id(), agent, null, "IN_PROGRESS", null).assertStatus(201);
    assertThat(newestTypes(queue, agent, 1)).containsExactly("STATUS_CHANGED");
    assertThat(api.get(path).as(agent).send().assertStatus(200).json().getString("status"))
        .isEqualTo("IN_PROGRESS");

    api.comment(contact.id(), agent, "", null, colleague.username()).assertStatus(201);
    assertThat(newestTypes(queue, agent, 2)).containsExactly("HANDLER_CHANGED", "CONTENT_VIEWED");
    assertThat(api.get(path).as(agent).send().assertStatus(200).json().getString("handler"))
        .isEqualTo(colleague.username());

    api.comment(contact.id(), colleague, "Done, customer happy", "DONE", "").assertStatus(201);
    assertThat(newestTypes(queue, agent, 4))
        .containsExactly("HANDLER_CHANGED", "STATUS_CHANGED", "COMMENT_ADDED", "CONTENT_VIEWED");
    assertThat(api.activity(queue, agent).subList(0, 3))
        .allSatisfy(e -> assertThat(actor(e)).isEqualTo(colleague.username()));

    JsonObject view = api.get(path).as(agent).send().assertStatus(200).json();
    assertThat(view.getString("status")).isEqualTo("DONE");
    assertThat(view.isNull("handler")).as("an empty handler clears it").isTrue();
    List<JsonObject> comments = view.getJsonArray("comments").getValuesAs(JsonObject.class);
    assertThat(
            comments.stream()
                .map(
                    c ->
                        c.getString("author")
                            + "|"
                            + c.getString("text")
                            + "|"
                            + text(c, "status")
                            + "|"
                            + text(c, "handler")))
        .as("the history, oldest first")
        .containsExactly(
            agent.username() + "|Looked at it|null|null",
            agent.username() + "||IN_PROGRESS|null",
            agent.username() + "||null|" + colleague.username(),
            colleague.username() + "|Done, customer happy|DONE|null");
  }

  @Test
  void a_log_row_says_which_contact_and_what_changed_and_releasing_the_handler_is_a_change() {
    String queue = queue("Trail desk", HELSINKI, "CLOSED");
    User mia = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));

    api.comment(contact.id(), mia, "Mine", "IN_PROGRESS", mia.username()).assertStatus(201);
    api.comment(contact.id(), mia, "Back to the queue", null, "").assertStatus(201);

    List<JsonObject> log = api.activity(queue, mia);
    assertThat(log)
        .as("every row names the contact by its reference")
        .allSatisfy(e -> assertThat(e.getString("reference")).isEqualTo(contact.reference()));
    assertThat(
            log.stream()
                .map(e -> e.getString("type") + " " + (e.isNull("detail") ? "-" : detail(e))))
        .containsExactly(
            "HANDLER_CHANGED " + mia.username() + "→null",
            "COMMENT_ADDED -",
            "HANDLER_CHANGED null→" + mia.username(),
            "STATUS_CHANGED NEW→IN_PROGRESS",
            "COMMENT_ADDED -",
            "CONTACT_REGISTERED -");
    List<JsonObject> comments =
        api.contact(contact.id(), mia).getJsonArray("comments").getValuesAs(JsonObject.class);
    assertThat(comments.get(1).getBoolean("handlerChanged"))
        .as("the release reads apart from a comment that left the handler alone")
        .isTrue();
    assertThat(comments.get(1).isNull("handler")).isTrue();
    assertThat(comments.get(0).getBoolean("handlerChanged")).isTrue();
  }

  private static String detail(JsonObject entry) {
    JsonObject detail = entry.getJsonObject("detail");
    return text(detail, "from") + "→" + text(detail, "to");
  }

  @Test
  void
      a_handler_outside_the_queue_an_unknown_status_or_an_empty_comment_gets_422_and_stores_nothing() {
    String queue = queue("Strict desk", HELSINKI, "CLOSED");
    String elsewhere = queue("Elsewhere desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    User outsider = fixtures.user().memberOf(elsewhere).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));
    api.comment(contact.id(), agent, null, "IN_PROGRESS", agent.username()).assertStatus(201);
    int logBefore = api.activity(queue, ADMIN).size();

    assertInvalid(
        api.comment(contact.id(), agent, "For you", null, outsider.username()), "handler");
    assertInvalid(api.comment(contact.id(), agent, "For nobody", null, "no-such-user"), "handler");
    assertInvalid(api.comment(contact.id(), agent, "Closing", "CLOSED", null), "status");
    assertInvalid(
        api.comment(contact.id(), agent, "Both wrong", "WONTFIX", outsider.username()),
        "status",
        "handler");
    assertInvalid(api.comment(contact.id(), agent, "", null, null), "text");
    assertInvalid(api.comment(contact.id(), agent, "   ", null, null), "text");
    assertInvalid(api.comment(contact.id(), agent, null, null, null), "text");

    JsonObject view =
        api.get("api/contacts/" + contact.id()).as(ADMIN).send().assertStatus(200).json();
    assertThat(view.getJsonArray("comments")).hasSize(1);
    assertThat(view.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(view.getString("handler")).isEqualTo(agent.username());
    assertThat(api.activity(queue, ADMIN))
        .as("only the admin's view was logged")
        .hasSize(logBefore + 1);
  }

  @Test
  void an_empty_comment_that_repeats_the_current_status_and_handler_changes_nothing_and_gets_422() {
    String queue = queue("Repeat desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));
    api.comment(contact.id(), agent, null, "IN_PROGRESS", agent.username()).assertStatus(201);

    assertInvalid(api.comment(contact.id(), agent, "", "IN_PROGRESS", null), "text");
    assertInvalid(api.comment(contact.id(), agent, "", null, agent.username()), "text");
    assertInvalid(api.comment(contact.id(), agent, null, "in_progress", agent.username()), "text");

    assertThat(
            api.get("api/contacts/" + contact.id())
                .as(ADMIN)
                .send()
                .assertStatus(200)
                .json()
                .getJsonArray("comments"))
        .as("no empty comment joined the history")
        .hasSize(1);
  }

  @Test
  void comment_text_with_control_characters_or_over_10000_characters_gets_422() {
    String queue = queue("Length desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));

    assertInvalid(api.comment(contact.id(), agent, "bell \u0007 rings", null, null), "text");
    assertInvalid(api.comment(contact.id(), agent, "nul \u0000 byte", null, null), "text");
    assertInvalid(api.comment(contact.id(), agent, "x".repeat(10_001), null, null), "text");
    api.comment(contact.id(), agent, "x".repeat(10_000), null, null).assertStatus(201);
    api.comment(contact.id(), agent, "tab\tand\r\nlines are fine", null, null).assertStatus(201);

    assertThat(
            api.get("api/contacts/" + contact.id())
                .as(agent)
                .send()
                .assertStatus(200)
                .json()
                .getJsonArray("comments"))
        .hasSize(2);
  }

  @Test
  void a_malformed_comment_request_gets_a_4xx_error_never_a_500() {
    String queue = queue("Malformed desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));
    String path = "api/contacts/" + contact.id() + "/comments";

    assertThat(api.request("POST", path).as(agent).accept(JSON).json("{\"text\":").send().status())
        .as("broken JSON")
        .isEqualTo(400);
    assertThat(api.request("POST", path).as(agent).accept(JSON).json("[1,2]").send().status())
        .as("an array")
        .isEqualTo(400);
    assertThat(
            api.request("POST", path)
                .as(agent)
                .accept(JSON)
                .json("{\"text\":{\"a\":1}}")
                .send()
                .status())
        .as("an object as text")
        .isEqualTo(400);
    assertThat(api.request("POST", path).as(agent).accept(JSON).json("").send().status())
        .as("no body")
        .isEqualTo(400);
    assertThat(
            api.request("POST", path)
                .as(agent)
                .accept(JSON)
                .json("{\"text\":\"" + "x".repeat(70_000) + "\"}")
                .send()
                .status())
        .as("over 64 KiB")
        .isEqualTo(413);
    Reply plain =
        api.request("POST", path).as(agent).accept(JSON).body("hello", "text/plain").send();
    assertThat(plain.status()).as("not JSON").isEqualTo(415);
    assertThat(plain.json().getString("error")).isEqualTo("unsupported_media_type");

    assertThat(
            api.get("api/contacts/" + contact.id())
                .as(agent)
                .send()
                .assertStatus(200)
                .json()
                .getJsonArray("comments"))
        .isEmpty();
  }

  @Test
  void
      concurrent_status_changes_on_one_contact_never_give_a_500_and_every_acknowledged_comment_is_kept()
          throws Exception {
    String queue = queue("Busy desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    User colleague = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));
    List<String> statuses =
        List.of("IN_PROGRESS", "DONE", "NEW", "IN_PROGRESS", "DONE", "NEW", "IN_PROGRESS", "DONE");

    ExecutorService pool = Executors.newFixedThreadPool(statuses.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < statuses.size(); i++) {
        String status = statuses.get(i);
        String handler = i % 2 == 0 ? agent.username() : colleague.username();
        replies.add(
            pool.submit(
                () -> {
                  start.await();
                  return api.comment(contact.id(), agent, "Race " + status, status, handler);
                }));
      }
      start.countDown();
      int acknowledged = 0;
      for (Future<Reply> future : replies) {
        Reply reply = future.get(60, TimeUnit.SECONDS);
        assertThat(reply.status()).as(reply.body()).isIn(201, 409);
        if (reply.status() == 201) {
          acknowledged++;
        }
      }
      assertThat(acknowledged).isPositive();
      assertThat(
              api.get("api/contacts/" + contact.id())
                  .as(agent)
                  .send()
                  .assertStatus(200)
                  .json()
                  .getJsonArray("comments"))
          .as("each 201 is a stored comment, each 409 stored nothing")
          .hasSize(acknowledged);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void comment_text_with_markup_is_stored_and_returned_as_the_same_text() {
    String queue = queue("Markup desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact =
        submit(queue, answers("name", "<b>Visitor</b>", "message", "<img src=x onerror=alert(1)>"));
    String markup =
        "<script>alert('x')</script> <b>bold</b> & \"quotes\" <img src=x onerror=alert(1)>\n"
            + "=cmd|' /C calc'!A0 äö 😀 </textarea><!--";

    api.comment(contact.id(), agent, markup, null, null).assertStatus(201);

    Reply reply = api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);
    assertThat(reply.header("Content-Type")).startsWith("application/json");
    JsonObject view = reply.json();
    assertThat(view.getJsonArray("comments").getJsonObject(0).getString("text")).isEqualTo(markup);
    assertThat(
            view.getJsonArray("answers").getValuesAs(JsonObject.class).stream()
                .map(AgentConsoleIT::answer))
        .containsExactly(
            "name|Name|<b>Visitor</b>", "message|Message|<img src=x onerror=alert(1)>");
  }

  // ---- nothing leaks between queues (rule 5)

  @Test
  void
      an_agent_of_queue_A_gets_404_for_queue_B_log_contact_comments_export_and_statistics_like_an_unknown_id() {
    String queueA = queue("Leak desk A", HELSINKI, "CLOSED");
    String queueB = queue("Leak desk B", HELSINKI, "CLOSED");
    User agentA = fixtures.user().memberOf(queueA).create();
    User agentB = fixtures.user().memberOf(queueB).create();
    Receipt contactB = submit(queueB, answers("name", "Only for B", "message", "Secret of B"));
    String unknownQueue = unique("no-such-queue");
    String unknownContact = "AAAAAAAAAAAAAAAAAAAAAA";

    Map<String, Function<String, Reply>> queueCalls = new LinkedHashMap<>();
    queueCalls.put("log", q -> api.get("api/queues/" + q + "/activity").as(agentA).send());
    queueCalls.put(
        "log page", q -> api.get("api/queues/" + q + "/activity?limit=5").as(agentA).send());
    queueCalls.put(
        "answers as JSON",
        q -> api.get("api/queues/" + q + "/questionnaire-answers").as(agentA).send());
    queueCalls.put(
        "answers as CSV",
        q -> api.get("api/queues/" + q + "/questionnaire-answers").as(agentA).accept(CSV).send());
    queueCalls.put(
        "answers in a range",
        q ->
            api.get("api/queues/" + q + "/questionnaire-answers?from=2020-01-01&to=2020-01-31")
                .as(agentA)
                .accept(CSV)
                .send());
    queueCalls.put("statistics", q -> api.get("api/queues/" + q + "/statistics").as(agentA).send());
    queueCalls.forEach(
        (name, call) -> {
          Reply ofB = call.apply(queueB);
          Reply unknown = call.apply(unknownQueue);
          assertThat(ofB.status()).as(name + " of B").isEqualTo(404);
          assertThat(ofB.body())
              .as(name + " of B")
              .isEqualTo(unknown.body())
              .doesNotContain(queueB);
          assertThat(ofB.header("Content-Type"))
              .as(name + " of B")
              .isEqualTo(unknown.header("Content-Type"));
          assertThat(unknown.status()).as(name + " of an unknown queue").isEqualTo(404);
        });

    Map<String, Function<String, Reply>> contactCalls = new LinkedHashMap<>();
    contactCalls.put("view", c -> api.get("api/contacts/" + c).as(agentA).send());
    contactCalls.put("comment", c -> api.comment(c, agentA, "Peeking", null, null));
    contactCalls.put("status change", c -> api.comment(c, agentA, null, "SPAM", null));
    contactCalls.put(
        "handing over to self", c -> api.comment(c, agentA, null, null, agentA.username()));
    contactCalls.forEach(
        (name, call) -> {
          Reply ofB = call.apply(contactB.id());
          Reply unknown = call.apply(unknownContact);
          assertThat(ofB.status()).as(name + " of B's contact").isEqualTo(404);
          assertThat(ofB.body())
              .as(name + " of B's contact")
              .isEqualTo(unknown.body())
              .doesNotContain("Secret of B");
          assertThat(unknown.status()).as(name + " of an unknown contact").isEqualTo(404);
        });

    assertThat(api.get("api/queues").as(agentA).send().assertStatus(200).jsonArray().toString())
        .doesNotContain(queueB);
    JsonObject seenByB =
        api.get("api/contacts/" + contactB.id()).as(agentB).send().assertStatus(200).json();
    assertThat(seenByB.getJsonArray("comments")).as("agent A's comments were not stored").isEmpty();
    assertThat(seenByB.getString("status")).isEqualTo("NEW");
    assertThat(seenByB.isNull("handler")).isTrue();
    assertThat(api.activity(queueB, agentB))
        .as("agent A left no trace in B's log")
        .noneSatisfy(e -> assertThat(actor(e)).isEqualTo(agentA.username()));
  }

  @Test
  void an_agent_removed_from_a_queue_no_longer_sees_it_or_its_contacts() {
    String queue = queue("Former desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));
    api.get("api/contacts/" + contact.id()).as(agent).send().assertStatus(200);

    api.delete("api/admin/queues/" + queue + "/members/" + agent.username())
        .as(ADMIN)
        .send()
        .assertStatus(204);

    assertThat(api.get("api/queues").as(agent).send().assertStatus(200).jsonArray()).isEmpty();
    assertThat(api.get("api/contacts/" + contact.id()).as(agent).send().status()).isEqualTo(404);
    assertThat(api.get("api/queues/" + queue + "/activity").as(agent).send().status())
        .isEqualTo(404);
    assertThat(
            api.get("api/queues/" + queue + "/questionnaire-answers")
                .as(agent)
                .accept(CSV)
                .send()
                .status())
        .isEqualTo(404);
    assertThat(api.comment(contact.id(), agent, "Still here?", null, null).status()).isEqualTo(404);
  }

  @Test
  void a_made_up_contact_id_gets_404_and_calls_without_credentials_get_401() {
    String queue = queue("Door desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Visitor", "message", "Help"));

    for (String madeUp :
        List.of(
            "AAAAAAAAAAAAAAAAAAAAAA",
            contact.id() + "x",
            contact.reference(),
            "x".repeat(100),
            "%C3%A4%20%F0%9F%98%80")) {
      Reply reply = api.get("api/contacts/" + madeUp).as(agent).send();
      assertThat(reply.status()).as(madeUp).isEqualTo(404);
      assertThat(reply.json().getString("error")).isEqualTo("not_found");
    }
    assertThat(api.get("api/queues/" + unique("nope") + "/statistics").as(agent).send().status())
        .isEqualTo(404);

    String contactPath = "api/contacts/" + contact.id();
    String comment = "{\"text\":\"anonymous\"}";
    Map<String, Reply> anonymous = new LinkedHashMap<>();
    anonymous.put("my queues", api.request("GET", "api/queues").accept(JSON).send());
    anonymous.put(
        "log", api.request("GET", "api/queues/" + queue + "/activity").accept(JSON).send());
    anonymous.put("view", api.request("GET", contactPath).accept(JSON).send());
    anonymous.put(
        "comment",
        api.request("POST", contactPath + "/comments").accept(JSON).json(comment).send());
    anonymous.put(
        "answers",
        api.request("GET", "api/queues/" + queue + "/questionnaire-answers").accept(JSON).send());
    anonymous.put(
        "csv",
        api.request("GET", "api/queues/" + queue + "/questionnaire-answers").accept(CSV).send());
    anonymous.put(
        "statistics",
        api.request("GET", "api/queues/" + queue + "/statistics").accept(JSON).send());
    anonymous.put("erase", api.request("DELETE", contactPath).accept(JSON).send());
    anonymous.forEach(
        (call, reply) -> assertThat(reply.status()).as(call + " " + reply.body()).isEqualTo(401));

    Reply wrongPassword =
        api.get(contactPath)
            .accept(JSON)
            .header("Authorization", ContactDesk.basic(agent.username(), "not-the-password"))
            .send();
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(wrongPassword.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(wrongPassword.body()).doesNotContain("Help");

    JsonObject view = api.get(contactPath).as(agent).send().assertStatus(200).json();
    assertThat(view.getJsonArray("comments")).as("the anonymous comment was not stored").isEmpty();
    assertThat(api.activity(queue, agent).stream().map(e -> e.getString("type")))
        .as("nothing anonymous was logged")
        .containsExactly("CONTENT_VIEWED", "CONTACT_REGISTERED");
  }

  // ---- questionnaire answers and the CSV (rule 7)

  @Test
  void
      the_csv_reads_back_every_hostile_answer_as_typed_with_formula_cells_prefixed_by_an_apostrophe() {
    String queue = queue("Export desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    String multiLine = "First line\r\nSecond \"line\", with a comma\nThird = not a formula";
    Receipt formulas =
        submit(
            queue,
            answers("name", "=1+2", "company", "+SUM(A1)", "subject", "-3", "message", "@cmd"));
    Receipt quoting =
        submit(
            queue,
            answers(
                "name", "\"quoted, with comma\"",
                "email", "anna@example.com",
                "company", "<script>alert(1)</script>",
                "subject", "Hyvää yötä äö ÅÄÖ 😀",
                "message", multiLine));
    Receipt more =
        submit(
            queue,
            answers(
                "name", "Matti; Meikäläinen",
                "company", "Acme \"Oy\"",
                "subject", "=HYPERLINK(\"http://evil.example\",\"click\")",
                "message", "-\n- a list item\n=not at the start"));

    Reply reply =
        api.get("api/queues/" + queue + "/questionnaire-answers")
            .as(agent)
            .accept(CSV)
            .send()
            .assertStatus(200);
    assertThat(reply.header("Content-Type"))
        .startsWith("text/csv")
        .containsIgnoringCase("charset=utf-8");
    assertThat(reply.header("Content-Disposition")).startsWith("attachment");
    byte[] bytes = reply.bytes();
    assertThat(Arrays.copyOf(bytes, 3))
        .as("a UTF-8 byte order mark")
        .containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(bytes, 3, bytes.length - 3, UTF_8);
    List<List<String>> rows = Csv.parse(text);
    assertThat(text)
        .as("every cell quoted (SPEC rule 14), so a ';' list separator splits nothing")
        .startsWith("\"Received (Europe/Helsinki)\",\"Reference\",")
        .contains(",\"Matti; Meikäläinen\",")
        .contains(",\"NEW\",\"\",\"FORM\",")
        .doesNotContain(",Matti");

    assertThat(rows.get(0))
        .containsExactly(
            "Received (Europe/Helsinki)",
            "Reference",
            "Status",
            "Handler",
            "Source",
            "Language",
            "Name",
            "E-mail",
            "Company, if any",
            "Subject \"in short\"",
            "Message");
    Map<String, List<String>> byReference =
        rows.subList(1, rows.size()).stream().collect(Collectors.toMap(r -> r.get(1), r -> r));
    assertThat(byReference)
        .containsOnlyKeys(formulas.reference(), quoting.reference(), more.reference());
    assertThat(byReference.get(formulas.reference()))
        .containsExactly(
            received(formulas, HELSINKI),
            formulas.reference(),
            "NEW",
            "",
            "FORM",
            "en",
            "'=1+2",
            "",
            "'+SUM(A1)",
            "'-3",
            "'@cmd");
    assertThat(byReference.get(quoting.reference()))
        .containsExactly(
            received(quoting, HELSINKI),
            quoting.reference(),
            "NEW",
            "",
            "FORM",
            "en",
            "\"quoted, with comma\"",
            "anna@example.com",
            "<script>alert(1)</script>",
            "Hyvää yötä äö ÅÄÖ 😀",
            multiLine);
    assertThat(byReference.get(more.reference()))
        .containsExactly(
            received(more, HELSINKI),
            more.reference(),
            "NEW",
            "",
            "FORM",
            "en",
            "Matti; Meikäläinen",
            "",
            "Acme \"Oy\"",
            "'=HYPERLINK(\"http://evil.example\",\"click\")",
            "'-\n- a list item\n=not at the start");
    assertThat(rows.subList(1, rows.size()).stream().map(r -> r.get(1)))
        .as("oldest first")
        .containsExactly(formulas.reference(), quoting.reference(), more.reference());

    List<List<String>> finnish =
        Csv.parse(
            stripBom(
                api.get("api/queues/" + queue + "/questionnaire-answers?lang=fi")
                    .as(agent)
                    .accept(CSV)
                    .send()
                    .assertStatus(200)
                    .body()));
    assertThat(finnish.get(0).subList(6, 11))
        .containsExactly("Nimi", "Sähköposti", "Yritys", "Aihe", "Viesti");
    assertThat(finnish).hasSize(4);

    Reply json =
        api.get("api/queues/" + queue + "/questionnaire-answers")
            .as(agent)
            .send()
            .assertStatus(200);
    assertThat(json.header("Content-Type")).startsWith("application/json");
    Map<String, JsonObject> jsonRows = byContactId(json.jsonArray());
    assertThat(jsonRows).containsOnlyKeys(formulas.id(), quoting.id(), more.id());
    JsonObject row = jsonRows.get(quoting.id());
    assertThat(row.getString("reference")).isEqualTo(quoting.reference());
    assertThat(Instant.parse(row.getString("createdAt"))).isEqualTo(quoting.createdAt());
    assertThat(row.getString("status")).isEqualTo("NEW");
    assertThat(row.isNull("handler")).isTrue();
    assertThat(row.getString("source")).isEqualTo("FORM");
    assertThat(row.getString("language")).isEqualTo("en");
    assertThat(
            row.getJsonArray("answers").getValuesAs(JsonObject.class).stream()
                .map(AgentConsoleIT::answer))
        .as("JSON gives the values exactly as typed, no apostrophes")
        .containsExactly(
            "name|Name|\"quoted, with comma\"",
            "email|E-mail|anna@example.com",
            "company|Company, if any|<script>alert(1)</script>",
            "subject|Subject \"in short\"|Hyvää yötä äö ÅÄÖ 😀",
            "message|Message|" + multiLine);
    assertThat(
            jsonRows.get(formulas.id()).getJsonArray("answers").getJsonObject(0).getString("value"))
        .isEqualTo("=1+2");

    Reply noAccept =
        api.get("api/queues/" + queue + "/questionnaire-answers")
            .as(agent)
            .send()
            .assertStatus(200);
    assertThat(noAccept.header("Content-Type"))
        .as("JSON unless CSV is asked for")
        .startsWith("application/json");
  }

  @Test
  void spam_is_left_out_of_the_answers_the_csv_and_the_totals_but_counted_as_spam() {
    String queue = queue("Spam desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt real = submit(queue, answers("name", "Real person", "message", "Real question"));
    Receipt spam = submit(queue, answers("name", "Cheap pills", "message", "Buy now"));
    Receipt handled =
        submit(queue, answers("name", "Another person", "message", "Another question"));
    api.comment(spam.id(), agent, "Spam", "SPAM", null).assertStatus(201);
    api.comment(handled.id(), agent, null, "IN_PROGRESS", agent.username()).assertStatus(201);

    assertThat(
            byContactId(
                api.get("api/queues/" + queue + "/questionnaire-answers")
                    .as(agent)
                    .send()
                    .assertStatus(200)
                    .jsonArray()))
        .containsOnlyKeys(real.id(), handled.id());
    String csv =
        stripBom(
            api.get("api/queues/" + queue + "/questionnaire-answers")
                .as(agent)
                .accept(CSV)
                .send()
                .assertStatus(200)
                .body());
    assertThat(Csv.parse(csv).stream().skip(1).map(r -> r.get(1)))
        .containsExactlyInAnyOrder(real.reference(), handled.reference());
    assertThat(csv).doesNotContain("Cheap pills");
    List<String> handledRow =
        Csv.parse(csv).stream()
            .filter(r -> r.get(1).equals(handled.reference()))
            .findFirst()
            .orElseThrow();
    assertThat(handledRow.subList(2, 4)).containsExactly("IN_PROGRESS", agent.username());

    JsonObject statistics =
        api.get("api/queues/" + queue + "/statistics").as(agent).send().assertStatus(200).json();
    assertThat(statistics.getJsonNumber("total").longValue()).isEqualTo(2);
    assertThat(statistics.getJsonNumber("spam").longValue()).isEqualTo(1);
    JsonObject perStatus = statistics.getJsonObject("perStatus");
    assertThat(perStatus.keySet()).containsExactlyInAnyOrder("NEW", "IN_PROGRESS", "DONE");
    assertThat(perStatus.getJsonNumber("NEW").longValue()).isEqualTo(1);
    assertThat(perStatus.getJsonNumber("IN_PROGRESS").longValue()).isEqualTo(1);
    assertThat(perStatus.getJsonNumber("DONE").longValue()).isZero();
    long perDaySum =
        statistics.getJsonObject("perDay").values().stream()
            .mapToLong(v -> ((JsonNumber) v).longValue())
            .sum();
    assertThat(perDaySum).isEqualTo(2);
  }

  @Test
  void
      a_date_range_is_whole_days_in_the_queues_time_zone_and_one_that_excludes_today_returns_no_rows() {
    String zone = "Pacific/Kiritimati"; // UTC+14: its date is not the UTC date for most of the day
    String queue = queue("Far east desk", zone, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "Early bird", "message", "Tomorrow already?"));
    LocalDate today = LocalDate.ofInstant(contact.createdAt(), ZoneId.of(zone));
    String path = "api/queues/" + queue + "/questionnaire-answers";

    assertThat(
            byContactId(
                api.get(path + "?from=" + today + "&to=" + today)
                    .as(agent)
                    .send()
                    .assertStatus(200)
                    .jsonArray()))
        .containsOnlyKeys(contact.id());
    assertThat(byContactId(api.get(path).as(agent).send().assertStatus(200).jsonArray()))
        .as("the last 30 days by default")
        .containsOnlyKeys(contact.id());
    assertThat(
            byContactId(
                api.get(path + "?from=" + today.minusDays(3))
                    .as(agent)
                    .send()
                    .assertStatus(200)
                    .jsonArray()))
        .containsOnlyKeys(contact.id());

    for (String range :
        List.of(
            "?from=" + today.plusDays(1) + "&to=" + today.plusDays(7),
            "?from=" + today.minusDays(7) + "&to=" + today.minusDays(1),
            "?to=" + today.minusDays(1))) {
      assertThat(api.get(path + range).as(agent).send().assertStatus(200).jsonArray())
          .as(range)
          .isEmpty();
      List<List<String>> csv =
          Csv.parse(
              stripBom(
                  api.get(path + range).as(agent).accept(CSV).send().assertStatus(200).body()));
      assertThat(csv).as(range + " as CSV: the header only").hasSize(1);
      assertThat(csv.get(0).get(0)).isEqualTo("Received (Pacific/Kiritimati)");
      JsonObject statistics =
          api.get("api/queues/" + queue + "/statistics" + range)
              .as(agent)
              .send()
              .assertStatus(200)
              .json();
      assertThat(statistics.getJsonNumber("total").longValue()).as(range).isZero();
    }

    List<List<String>> csv =
        Csv.parse(
            stripBom(
                api.get(path + "?from=" + today + "&to=" + today)
                    .as(agent)
                    .accept(CSV)
                    .send()
                    .assertStatus(200)
                    .body()));
    assertThat(csv.get(1).get(0)).isEqualTo(received(contact, zone));

    assertInvalid(api.get(path + "?from=2024-13-01").as(agent).send(), "from");
    assertInvalid(api.get(path + "?from=2024-13-01").as(agent).accept(CSV).send(), "from");
    assertInvalid(api.get(path + "?from=2000-01-01&to=" + today).as(agent).send(), "from");
    assertInvalid(api.get(path + "?from=yesterday&to=tomorrow").as(agent).send(), "from", "to");
    assertInvalid(
        api.get(path + "?from=" + today + "&to=" + today.minusDays(1)).as(agent).send(), "from");
    assertInvalid(
        api.get("api/queues/" + queue + "/statistics?to=2024-02-30").as(agent).send(), "to");
  }

  // ---- erasure

  @Test
  void
      an_admin_erases_a_contact_which_then_is_gone_from_view_and_export_and_leaves_CONTACT_DELETED_by_admin() {
    String queue = queue("Erase desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt kept = submit(queue, answers("name", "Keep me", "message", "Stay"));
    Receipt erased =
        submit(
            queue,
            answers("name", "Forget me", "email", "forget@example.com", "message", "GDPR please"));
    api.get("api/contacts/" + erased.id()).as(agent).send().assertStatus(200);
    api.comment(erased.id(), agent, "Asked to be forgotten", "IN_PROGRESS", agent.username())
        .assertStatus(201);

    Reply refused = api.delete("api/contacts/" + erased.id()).as(agent).send();
    assertThat(refused.status()).as("an agent may not erase").isEqualTo(403);
    assertThat(refused.json().getString("error")).isEqualTo("forbidden");
    api.get("api/contacts/" + erased.id()).as(agent).send().assertStatus(200);
    List<String> trailBefore = trailOf(erased.id(), api.activity(queue, agent));

    Reply gone = api.delete("api/contacts/" + erased.id()).as(ADMIN).send();
    assertThat(gone.status()).isEqualTo(204);
    assertThat(gone.bytes()).isEmpty();

    assertThat(api.get("api/contacts/" + erased.id()).as(agent).send().status()).isEqualTo(404);
    assertThat(api.get("api/contacts/" + erased.id()).as(ADMIN).send().status()).isEqualTo(404);
    assertThat(api.comment(erased.id(), agent, "Still there?", null, null).status()).isEqualTo(404);
    assertThat(api.delete("api/contacts/" + erased.id()).as(ADMIN).send().status())
        .as("erasing twice")
        .isEqualTo(404);

    assertThat(
            byContactId(
                api.get("api/queues/" + queue + "/questionnaire-answers")
                    .as(agent)
                    .send()
                    .assertStatus(200)
                    .jsonArray()))
        .containsOnlyKeys(kept.id());
    String csv =
        stripBom(
            api.get("api/queues/" + queue + "/questionnaire-answers")
                .as(agent)
                .accept(CSV)
                .send()
                .assertStatus(200)
                .body());
    assertThat(Csv.parse(csv).stream().skip(1).map(r -> r.get(1)))
        .containsExactly(kept.reference());
    assertThat(csv).doesNotContain("Forget me").doesNotContain(erased.reference());

    List<JsonObject> log = api.activity(queue, agent);
    assertThat(log.get(0).getString("type")).isEqualTo("CONTACT_DELETED");
    assertThat(actor(log.get(0))).isEqualTo(ADMIN.username());
    assertThat(log.get(0).getString("contactId")).isEqualTo(erased.id());
    List<String> trailAfter = trailOf(erased.id(), log);
    assertThat(trailAfter.subList(1, trailAfter.size()))
        .as("the earlier entries stay")
        .isEqualTo(trailBefore);
    assertThat(api.activity(queue, agent).toString())
        .doesNotContain("Forget me")
        .doesNotContain("forget@example.com");

    JsonObject statistics =
        api.get("api/queues/" + queue + "/statistics").as(agent).send().assertStatus(200).json();
    assertThat(statistics.getJsonNumber("total").longValue()).isEqualTo(1);
  }

  // ---- statistics

  @Test
  void statistics_count_per_day_and_status_and_give_the_median_seconds_to_the_first_comment()
      throws InterruptedException {
    String queue = queue("Numbers desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    submit(queue, answers("name", "One", "message", "First")); // never commented
    Receipt done = submit(queue, answers("name", "Two", "message", "Second"));
    Receipt noted = submit(queue, answers("name", "Three", "message", "Third"));
    LocalDate today = LocalDate.ofInstant(noted.createdAt(), ZoneId.of(HELSINKI));
    String path = "api/queues/" + queue + "/statistics?from=" + today + "&to=" + today;

    JsonObject before = api.get(path).as(agent).send().assertStatus(200).json();
    assertThat(before.getJsonNumber("total").longValue()).isEqualTo(3);
    assertThat(before.isNull("medianSecondsToFirstComment")).as("no comments yet").isTrue();

    Thread.sleep(1_200); // so the wait to the first comment is at least a second
    api.comment(done.id(), agent, "On it", "IN_PROGRESS", null).assertStatus(201);
    api.comment(noted.id(), agent, "Just a note", null, null).assertStatus(201);
    Thread.sleep(1_100);
    api.comment(done.id(), agent, "Solved", "DONE", null)
        .assertStatus(201); // not the first comment: no effect on the median

    long waitDone = secondsToFirstComment(done, agent);
    long waitNoted = secondsToFirstComment(noted, agent);
    JsonObject after = api.get(path).as(agent).send().assertStatus(200).json();
    assertThat(after.getString("from")).isEqualTo(today.toString());
    assertThat(after.getString("to")).isEqualTo(today.toString());
    assertThat(after.getJsonNumber("total").longValue()).isEqualTo(3);
    assertThat(after.getJsonNumber("spam").longValue()).isZero();
    JsonObject perStatus = after.getJsonObject("perStatus");
    assertThat(perStatus.getJsonNumber("NEW").longValue()).isEqualTo(2);
    assertThat(perStatus.getJsonNumber("IN_PROGRESS").longValue()).isZero();
    assertThat(perStatus.getJsonNumber("DONE").longValue()).isEqualTo(1);
    assertThat(after.get("perDay").getValueType())
        .as("perDay is {date: count}")
        .isEqualTo(JsonValue.ValueType.OBJECT);
    assertThat(after.getJsonObject("perDay").keySet()).containsExactly(today.toString());
    assertThat(after.getJsonObject("perDay").getJsonNumber(today.toString()).longValue())
        .isEqualTo(3);
    assertThat(waitDone).isGreaterThanOrEqualTo(1);
    assertThat(after.getJsonNumber("medianSecondsToFirstComment").longValue())
        .as("the median of the two waits (the untouched contact has none)")
        .isEqualTo((waitDone + waitNoted) / 2);

    JsonObject lastMonth =
        api.get("api/queues/" + queue + "/statistics").as(agent).send().assertStatus(200).json();
    assertThat(lastMonth.getString("to")).isEqualTo(today.toString());
    assertThat(lastMonth.getString("from")).isEqualTo(today.minusDays(29).toString());
    assertThat(lastMonth.getJsonObject("perDay")).hasSize(30);
    assertThat(lastMonth.getJsonNumber("total").longValue()).isEqualTo(3);
  }

  @Test
  void statistics_come_in_hours_days_or_months_of_the_zone_asked_for_and_a_bad_grain_is_422() {
    String queue = queue("Grain desk", HELSINKI, "CLOSED");
    User agent = fixtures.user().memberOf(queue).create();
    Receipt contact = submit(queue, answers("name", "One", "message", "First"));
    ZonedDateTime received = contact.createdAt().atZone(ZoneId.of("Asia/Tokyo"));
    String day = received.toLocalDate().toString();
    String path = "api/queues/" + queue + "/statistics?from=" + day + "&to=" + day;

    JsonObject hourly =
        api.get(path + "&granularity=hour&timeZone=Asia/Tokyo").as(agent).send().json();
    JsonObject monthly = api.get(path + "&granularity=month").as(agent).send().json();

    List<JsonObject> hours = hourly.getJsonArray("buckets").getValuesAs(JsonObject.class);
    assertThat(hourly.getString("granularity")).isEqualTo("hour");
    assertThat(hourly.getString("timeZone")).isEqualTo("Asia/Tokyo");
    assertThat(hours).hasSize(24);
    assertThat(hours.get(0).getString("start")).isEqualTo(day + "T00:00:00+09:00");
    assertThat(hours.get(received.getHour()).getJsonNumber("registered").longValue()).isEqualTo(1);
    assertThat(hours.get(received.getHour()).getJsonObject("byStatus").getInt("NEW")).isEqualTo(1);
    assertThat(hours.stream().mapToLong(b -> b.getJsonNumber("registered").longValue()).sum())
        .isEqualTo(1);
    assertThat(monthly.getString("timeZone")).as("the queue's zone by default").isEqualTo(HELSINKI);
    assertThat(monthly.getJsonArray("buckets")).hasSize(1);
    assertThat(monthly.getJsonNumber("escalated").longValue()).isZero();
    assertInvalid(
        api.get(path + "&granularity=week&timeZone=Mars/Olympus").as(agent).send(),
        "granularity",
        "timeZone");
  }

  // ---- helpers

  private long secondsToFirstComment(Receipt contact, User user) {
    JsonObject view =
        api.get("api/contacts/" + contact.id()).as(user).send().assertStatus(200).json();
    Instant first = Instant.parse(view.getJsonArray("comments").getJsonObject(0).getString("at"));
    return Duration.between(contact.createdAt(), first).toSeconds();
  }

  private List<String> newestTypes(String queue, User user, int count) {
    return api.activity(queue, user).stream().limit(count).map(e -> e.getString("type")).toList();
  }

  private static List<String> trailOf(String contactId, List<JsonObject> log) {
    return log.stream()
        .filter(e -> contactId.equals(e.getString("contactId")))
        .map(e -> e.getString("id") + " " + e.getString("type") + " " + actor(e))
        .toList();
  }

  private static void assertInvalid(Reply reply, String... fields) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(422);
    JsonObject error = reply.json();
    assertThat(error.getInt("status")).isEqualTo(422);
    assertThat(error.getString("error")).isEqualTo("validation");
    assertThat(error.getJsonObject("fields").keySet()).containsExactlyInAnyOrder(fields);
  }

  private static String actor(JsonObject entry) {
    return entry.isNull("actor") ? null : entry.getString("actor");
  }

  private static String text(JsonObject object, String key) {
    return object.isNull(key) ? "null" : object.getString(key);
  }

  private static String answer(JsonObject answer) {
    return answer.getString("name")
        + "|"
        + answer.getString("label")
        + "|"
        + answer.getString("value");
  }

  private static String received(Receipt contact, String zone) {
    return RECEIVED.format(contact.createdAt().atZone(ZoneId.of(zone)));
  }

  private static String stripBom(String text) {
    assertThat(text).startsWith("\uFEFF");
    return text.substring(1);
  }

  private static Map<String, JsonObject> byId(JsonArray queues) {
    return queues.getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(q -> q.getString("id"), q -> q));
  }

  private static Map<String, JsonObject> byContactId(JsonArray rows) {
    return rows.getValuesAs(JsonObject.class).stream()
        .collect(Collectors.toMap(r -> r.getString("contactId"), r -> r));
  }

  /** A cursor-shaped value the server never handed out. */
  private static String base64Url(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(UTF_8));
  }

  /** A uniquely named queue with the standard form, in {@code zone}, with this override. */
  private String queue(String name, String zone, String override) {
    return fixtures
        .queue()
        .name(unique(name))
        .timeZone(zone)
        .override(override)
        .formFields(standardForm())
        .create();
  }

  /** A visitor's submission in English; null answers are left out. */
  private Receipt submit(String queueId, Map<String, String> answers) {
    return submit(queueId, answers, "en");
  }

  private Receipt submit(String queueId, Map<String, String> answers, String language) {
    JsonObjectBuilder given = Json.createObjectBuilder();
    answers.forEach(
        (name, value) -> {
          if (value != null) {
            given.add(name, value);
          }
        });
    return api.submit(
        queueId,
        Json.createObjectBuilder()
            .add("answers", given)
            .add("language", language)
            .add("pageUrl", "https://shop.example.com/help?topic=returns")
            .add("source", "FORM")
            .build());
  }

  /**
   * The form most tests use: labels in English and Finnish, some with characters CSV must quote.
   */
  private static JsonArray standardForm() {
    return Json.createArrayBuilder()
        .add(field("name", "text", true, "Name", "Nimi"))
        .add(field("email", "email", false, "E-mail", "Sähköposti"))
        .add(field("company", "text", false, "Company, if any", "Yritys"))
        .add(field("subject", "text", false, "Subject \"in short\"", "Aihe"))
        .add(field("message", "textarea", true, "Message", "Viesti"))
        .build();
  }

  private static JsonObject field(
      String name, String type, boolean required, String en, String fi) {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("type", type)
        .add("required", required)
        .add("label", Json.createObjectBuilder().add("en", en).add("fi", fi))
        .build();
  }

  /** Answers keyed by field name in the order given; a null value is left unanswered. */
  private static Map<String, String> answers(String... nameValuePairs) {
    Map<String, String> answers = new LinkedHashMap<>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      answers.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return answers;
  }
}
