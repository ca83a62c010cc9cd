package io.contactdesk.it;

import static io.contactdesk.testkit.Fixtures.VALID_CONTACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The visitor API of SPEC as the chat window on a customer's site uses it: no login, the queue's
 * state and form, leaving a message, the bot, and cross-origin calls. Every way of sending bad
 * input gets its 4xx and stores nothing (SPEC rule 6).
 *
 * <p>All requests come from the same client address, and submissions are limited per address and
 * queue, so each test sends to queues of its own.
 */
class VisitorApiIT extends DeployedContactDesk {

  private static final String SHOP = "https://shop.example.com";

  // ---------------------------------------------------------------- helpers

  private String queueOf(Fixtures.QueueFixture queue) {
    return queue.create();
  }

  private static String queuePath(String queueId) {
    return "api/public/queues/" + queueId;
  }

  private static String contactsOf(String queueId) {
    return queuePath(queueId) + "/contacts";
  }

  private static String botOf(String queueId) {
    return queuePath(queueId) + "/bot";
  }

  private Reply submit(String queueId, String body) {
    return api.post(contactsOf(queueId)).json(body).send();
  }

  private Reply submitWithKey(String queueId, String key, String body) {
    return api.post(contactsOf(queueId)).header("Idempotency-Key", key).json(body).send();
  }

  private static void assertNull(JsonObject json, String key) {
    assertThat(json).containsKey(key);
    assertThat(json.get(key)).as(key).isEqualTo(JsonValue.NULL);
  }

  /** A UTC slot on a weekday that is not today, so the queue is closed now whatever the hour. */
  private static LocalDate inThreeDays() {
    return LocalDate.now(ZoneOffset.UTC).plusDays(3);
  }

  private static String onlySlotOn(DayOfWeek day) {
    return "[{\"day\":\"" + day + "\",\"from\":\"10:00\",\"to\":\"11:00\"}]";
  }

  private static final String EVERY_DAY_AROUND_THE_CLOCK =
      """
      [{"day":"MONDAY","from":"00:00","to":"00:00"},{"day":"TUESDAY","from":"00:00","to":"00:00"},
       {"day":"WEDNESDAY","from":"00:00","to":"00:00"},{"day":"THURSDAY","from":"00:00","to":"00:00"},
       {"day":"FRIDAY","from":"00:00","to":"00:00"},{"day":"SATURDAY","from":"00:00","to":"00:00"},
       {"day":"SUNDAY","from":"00:00","to":"00:00"}]""";

  // ---------------------------------------------------------------- the queue as the chat window
  // sees it

  @Test
  void a_queue_open_by_override_is_open_without_a_next_opening() {
    String queue = queueOf(fixtures.queue().override("OPEN"));

    JsonObject body = api.get(queuePath(queue)).send().assertStatus(200).json();

    assertThat(body.getString("id")).isEqualTo(queue);
    assertThat(body.getBoolean("open")).isTrue();
    assertNull(body.getJsonObject("offline"), "nextOpening");
  }

  @Test
  void a_queue_closed_by_override_is_closed_without_a_next_opening_even_inside_its_hours() {
    String queue =
        queueOf(fixtures.queue().override("CLOSED").openingHours(EVERY_DAY_AROUND_THE_CLOCK));

    JsonObject body = api.get(queuePath(queue)).send().assertStatus(200).json();

    assertThat(body.getBoolean("open")).isFalse();
    JsonObject offline = body.getJsonObject("offline");
    assertThat(offline.getString("mode")).isEqualTo("FORM");
    assertThat(offline.getString("message")).isEqualTo("Leave us a message.");
    assertThat(offline.getJsonArray("openingHours")).hasSize(7);
    assertNull(offline, "nextOpening");
  }

  @Test
  void a_queue_following_its_schedule_is_open_inside_its_hours() {
    String queue =
        queueOf(fixtures.queue().override("SCHEDULE").openingHours(EVERY_DAY_AROUND_THE_CLOCK));

    JsonObject body = api.get(queuePath(queue)).send().assertStatus(200).json();

    assertThat(body.getBoolean("open")).isTrue();
  }

  @Test
  void a_queue_closed_by_its_schedule_tells_when_it_opens_next() {
    LocalDate day = inThreeDays();
    String queue =
        queueOf(fixtures.queue().override("SCHEDULE").openingHours(onlySlotOn(day.getDayOfWeek())));

    JsonObject body = api.get(queuePath(queue)).send().assertStatus(200).json();

    assertThat(body.getBoolean("open")).isFalse();
    JsonObject offline = body.getJsonObject("offline");
    assertThat(Instant.parse(offline.getString("nextOpening")))
        .isEqualTo(day.atTime(LocalTime.of(10, 0)).toInstant(ZoneOffset.UTC));
    JsonObject slot = offline.getJsonArray("openingHours").getJsonObject(0);
    assertThat(slot.getString("day")).isEqualTo(day.getDayOfWeek().name());
    assertThat(slot.getString("from")).isEqualTo("10:00");
    assertThat(slot.getString("to")).isEqualTo("11:00");
  }

  @Test
  void the_form_lists_every_field_with_its_name_label_type_required_max_length_and_options() {
    String queue =
        queueOf(
            fixtures
                .queue()
                .formFields(
                    """
                    [{"name":"name","label":{"en":"Name"},"type":"text","required":true,"maxLength":80},
                     {"name":"topic","label":{"en":"Topic"},"type":"select","required":false,
                      "options":[{"value":"billing","label":{"en":"Billing"}},{"value":"tech","label":{"en":"Tech"}}]}]"""));

    var fields =
        api.get(queuePath(queue))
            .send()
            .assertStatus(200)
            .json()
            .getJsonObject("form")
            .getJsonArray("fields");

    assertThat(fields).hasSize(2);
    JsonObject name = fields.getJsonObject(0);
    assertThat(name.getString("name")).isEqualTo("name");
    assertThat(name.getString("label")).isEqualTo("Name");
    assertThat(name.getString("type")).isEqualTo("text");
    assertThat(name.getBoolean("required")).isTrue();
    assertThat(name.getInt("maxLength")).isEqualTo(80);
    assertThat(name.getJsonArray("options")).isEmpty();
    JsonObject topic = fields.getJsonObject(1);
    assertThat(topic.getString("type")).isEqualTo("select");
    assertThat(topic.getBoolean("required")).isFalse();
    assertThat(topic.getJsonArray("options").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("value"), o -> o.getString("label"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("billing", "Billing"),
            org.assertj.core.groups.Tuple.tuple("tech", "Tech"));
  }

  @Test
  void lang_picks_the_labels_and_message_falling_back_to_english() {
    String queue =
        queueOf(
            fixtures
                .queue()
                .formFields(
                    """
                    [{"name":"name","label":{"en":"Name","fi":"Nimi"},"type":"text","required":true},
                     {"name":"order","label":{"en":"Order number"},"type":"text"}]"""));

    JsonObject finnish = api.get(queuePath(queue) + "?lang=fi").send().assertStatus(200).json();
    JsonObject swedish = api.get(queuePath(queue) + "?lang=sv").send().assertStatus(200).json();
    JsonObject unspecified = api.get(queuePath(queue)).send().assertStatus(200).json();

    assertThat(finnish.getJsonObject("offline").getString("message"))
        .isEqualTo("Jätä meille viesti.");
    assertThat(labels(finnish)).containsExactly("Nimi", "Order number");
    assertThat(swedish.getJsonObject("offline").getString("message"))
        .isEqualTo("Leave us a message.");
    assertThat(labels(swedish)).containsExactly("Name", "Order number");
    assertThat(unspecified.getJsonObject("offline").getString("message"))
        .isEqualTo("Leave us a message.");
    assertThat(labels(unspecified)).containsExactly("Name", "Order number");
  }

  private static List<String> labels(JsonObject queue) {
    return queue.getJsonObject("form").getJsonArray("fields").getValuesAs(JsonObject.class).stream()
        .map(f -> f.getString("label"))
        .toList();
  }

  @Test
  void an_unknown_queue_is_404_for_its_state_its_contacts_and_its_bot() {
    String unknown = Fixtures.unique("no-such-queue");

    Reply state = api.get(queuePath(unknown)).send();
    Reply contact = submit(unknown, VALID_CONTACT);
    Reply bot = api.post(botOf(unknown)).json("{\"text\":\"invoice\",\"language\":\"en\"}").send();

    for (Reply reply : List.of(state, contact, bot)) {
      reply.assertStatus(404);
      assertThat(reply.json().getString("error")).isEqualTo("not_found");
      assertThat(reply.header("Content-Type")).startsWith("application/json");
    }
  }

  @Test
  void the_benchmarks_yardsticks_are_not_in_the_product_and_store_nothing() {
    String queue = queueOf(fixtures.queue());
    String key = UUID.randomUUID().toString();

    Reply echo = api.post("api/bench/echo").json(VALID_CONTACT).send();
    Reply floor =
        api.post("api/bench/floor/" + queue)
            .header("Idempotency-Key", key)
            .json(VALID_CONTACT)
            .send();

    echo.assertStatus(404);
    floor.assertStatus(404);
    // had the floor stored its contact, this would be a replay of it
    assertThat(
            submitWithKey(queue, key, VALID_CONTACT)
                .assertStatus(201)
                .header("Idempotent-Replayed"))
        .isNull();
  }

  // ---------------------------------------------------------------- leaving a message

  @Test
  void a_contact_is_acknowledged_with_201_its_location_an_unguessable_id_and_a_reference() {
    String queue = queueOf(fixtures.queue());
    Instant before = Instant.now();

    Reply reply = submit(queue, VALID_CONTACT).assertStatus(201);

    JsonObject receipt = reply.json();
    String id = receipt.getString("id");
    assertThat(id).hasSizeGreaterThanOrEqualTo(20).matches("[A-Za-z0-9_-]+");
    assertThat(reply.header("Location")).endsWith("/api/contacts/" + id);
    assertThat(receipt.getString("reference")).matches("[0-9A-Z]{3}-[0-9A-Z]{4}");
    assertThat(receipt.getString("createdAt")).endsWith("Z");
    assertThat(Instant.parse(receipt.getString("createdAt")))
        .isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
    assertNull(receipt, "nextOpening");
    assertThat(reply.header("Idempotent-Replayed")).isNull();
  }

  @Test
  void two_contacts_get_different_ids() {
    String queue = queueOf(fixtures.queue());

    String first = submit(queue, VALID_CONTACT).assertStatus(201).json().getString("id");
    String second = submit(queue, VALID_CONTACT).assertStatus(201).json().getString("id");

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void the_receipt_tells_when_a_queue_closed_by_its_schedule_opens_next() {
    LocalDate day = inThreeDays();
    String queue =
        queueOf(fixtures.queue().override("SCHEDULE").openingHours(onlySlotOn(day.getDayOfWeek())));

    JsonObject receipt = submit(queue, VALID_CONTACT).assertStatus(201).json();

    assertThat(Instant.parse(receipt.getString("nextOpening")))
        .isEqualTo(day.atTime(LocalTime.of(10, 0)).toInstant(ZoneOffset.UTC));
  }

  @Test
  void a_script_typed_into_a_field_is_taken_as_text_not_refused() {
    String queue = queueOf(fixtures.queue());

    submit(
            queue,
            """
            {"answers":{"name":"<img src=x onerror=alert(1)>","email":"mia@example.com",
             "message":"<script>alert('x')</script>\\n=HYPERLINK(\\"http://evil.example\\")"}}""")
        .assertStatus(201);
  }

  @Test
  void a_line_break_is_allowed_in_a_textarea_and_optional_fields_may_be_left_out() {
    String queue =
        queueOf(
            fixtures
                .queue()
                .formFields(
                    """
                    [{"name":"message","label":{"en":"Message"},"type":"textarea","required":true,"maxLength":20},
                     {"name":"phone","label":{"en":"Phone"},"type":"phone"},
                     {"name":"newsletter","label":{"en":"Newsletter"},"type":"checkbox"}]"""));

    submit(queue, "{\"answers\":{\"message\":\"first line\\nsecond\"}}").assertStatus(201);
    submit(
            queue,
            "{\"answers\":{\"message\":\"exactly twenty chars\",\"phone\":\"+358 40 123 4567\",\"newsletter\":true}}")
        .assertStatus(201);
  }

  @Test
  void a_retry_with_the_same_idempotency_key_returns_the_same_contact() {
    String queue = queueOf(fixtures.queue());
    String key = UUID.randomUUID().toString();

    Reply first = submitWithKey(queue, key, VALID_CONTACT).assertStatus(201);
    Reply retry = submitWithKey(queue, key, VALID_CONTACT).assertStatus(201);

    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
    assertThat(retry.json().getString("reference")).isEqualTo(first.json().getString("reference"));
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
  }

  @Test
  void concurrent_retries_with_the_same_idempotency_key_store_one_contact() {
    String queue = queueOf(fixtures.queue());
    String key = UUID.randomUUID().toString();

    List<Reply> replies =
        IntStream.range(0, 6)
            .mapToObj(
                i ->
                    api.post(contactsOf(queue))
                        .header("Idempotency-Key", key)
                        .json(VALID_CONTACT)
                        .sendAsync())
            .toList()
            .stream()
            .map(CompletableFuture::join)
            .toList();

    assertThat(replies).allSatisfy(reply -> reply.assertStatus(201));
    assertThat(replies)
        .extracting(reply -> reply.json().getString("id"))
        .containsOnly(replies.get(0).json().getString("id"));
    // Exactly one of them stored the contact; every other one answers with it as a replay.
    assertThat(replies).filteredOn(reply -> reply.header("Idempotent-Replayed") == null).hasSize(1);
  }

  @Test
  void different_idempotency_keys_store_different_contacts() {
    String queue = queueOf(fixtures.queue());

    String first =
        submitWithKey(queue, UUID.randomUUID().toString(), VALID_CONTACT)
            .assertStatus(201)
            .json()
            .getString("id");
    String second =
        submitWithKey(queue, UUID.randomUUID().toString(), VALID_CONTACT)
            .assertStatus(201)
            .json()
            .getString("id");

    assertThat(first).isNotEqualTo(second);
  }

  // ---------------------------------------------------------------- bad input (SPEC rule 6)

  @Test
  void malformed_json_is_400() {
    String queue = queueOf(fixtures.queue());

    Reply reply = submit(queue, "{\"answers\":{\"name\":\"Mia\"").assertStatus(400);

    assertThat(reply.json().getInt("status")).isEqualTo(400);
    assertThat(reply.json().getString("message")).isNotBlank();
    assertNull(reply.json(), "fields");
  }

  @Test
  void json_of_the_wrong_shape_is_400() {
    String queue = queueOf(fixtures.queue());
    SoftAssertions softly = new SoftAssertions();

    for (String body :
        List.of(
            "\"hello\"",
            "[1,2]",
            "42",
            "null",
            "{\"answers\":\"Mia\"}",
            "{\"answers\":[\"Mia\"]}")) {
      Reply reply = submit(queue, body);
      softly.assertThat(reply.status()).as("%s for body %s", reply, body).isEqualTo(400);
    }

    softly.assertAll();
  }

  @Test
  void deeply_nested_json_in_the_answers_is_refused_never_a_500() {
    String queue = queueOf(fixtures.queue());
    SoftAssertions softly = new SoftAssertions();

    for (int depth : new int[] {300, 900, 1200}) {
      String nestedArrays = "[".repeat(depth) + "]".repeat(depth);
      String nestedObjects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
      for (String body :
          List.of(
              "{\"answers\":{\"name\":" + nestedArrays + "}}",
              "{\"answers\":{\"name\":" + nestedObjects + "}}")) {
        Reply reply = submit(queue, body);
        softly.assertThat(reply.status()).as("depth %d: %s", depth, reply).isBetween(400, 499);
      }
    }

    softly.assertAll();
  }

  @Test
  void every_failing_field_is_listed_in_one_422() {
    String queue =
        queueOf(
            fixtures
                .queue()
                .formFields(
                    """
                    [{"name":"name","label":{"en":"Name"},"type":"text","required":true},
                     {"name":"email","label":{"en":"Email"},"type":"email","required":true},
                     {"name":"company","label":{"en":"Company"},"type":"text","maxLength":10},
                     {"name":"city","label":{"en":"City"},"type":"text"},
                     {"name":"message","label":{"en":"Message"},"type":"textarea"},
                     {"name":"topic","label":{"en":"Topic"},"type":"select",
                      "options":[{"value":"billing","label":{"en":"Billing"}}]},
                     {"name":"phone","label":{"en":"Phone"},"type":"phone"},
                     {"name":"gdpr","label":{"en":"I agree that my data is stored."},"type":"consent"}]"""));

    Reply reply =
        submit(
                queue,
                """
                {"answers":{"email":"not-an-address","company":"Far Too Long Ltd","city":"Hel\\nsinki",
                  "message":"bell \\u0007 rings","topic":"lottery","phone":"call me","gdpr":false,"shoeSize":"42"},
                 "language":"not a language","pageUrl":"javascript:alert(1)","source":"EMAIL"}""")
            .assertStatus(422);

    assertThat(reply.json().getString("error")).isEqualTo("validation");
    assertThat(reply.fields().keySet())
        .containsExactlyInAnyOrder(
            "name",
            "email",
            "company",
            "city",
            "message",
            "topic",
            "phone",
            "gdpr",
            "shoeSize",
            "language",
            "pageUrl",
            "source");
    assertThat(reply.fields().values())
        .allSatisfy(message -> assertThat(message.toString()).isNotBlank());
  }

  @Test
  void an_answer_of_exactly_max_length_is_accepted_and_one_more_character_is_422() {
    String queue =
        queueOf(
            fixtures
                .queue()
                .formFields(
                    "[{\"name\":\"code\",\"label\":{\"en\":\"Code\"},\"type\":\"text\",\"required\":true,\"maxLength\":5}]"));

    submit(queue, "{\"answers\":{\"code\":\"12345\"}}").assertStatus(201);
    Reply tooLong = submit(queue, "{\"answers\":{\"code\":\"123456\"}}").assertStatus(422);

    assertThat(tooLong.fields().keySet()).containsExactly("code");
  }

  @Test
  void a_body_over_64_KiB_is_413_whether_its_length_is_declared_or_chunked() {
    String queue = queueOf(fixtures.queue());
    String huge =
        "{\"answers\":{\"name\":\"Mia\",\"email\":\"mia@example.com\",\"message\":\""
            + "x".repeat(70_000)
            + "\"}}";

    Reply declared = api.post(contactsOf(queue)).json(huge).send();
    Reply chunked = api.post(contactsOf(queue)).chunkedJson(huge).send();
    Reply toTheBot =
        api.post(botOf(queue)).chunkedJson("{\"text\":\"" + "x".repeat(70_000) + "\"}").send();

    for (Reply reply : List.of(declared, chunked, toTheBot)) {
      reply.assertStatus(413);
      assertThat(reply.json().getInt("status")).isEqualTo(413);
    }
  }

  @Test
  void a_body_that_is_not_json_is_415() {
    String queue = queueOf(fixtures.queue());

    Reply plain = api.post(contactsOf(queue)).body(VALID_CONTACT, "text/plain").send();
    Reply form =
        api.post(contactsOf(queue)).body("answers=Mia", "application/x-www-form-urlencoded").send();
    Reply none = api.post(contactsOf(queue)).body(VALID_CONTACT, null).send();
    Reply toTheBot = api.post(botOf(queue)).body("{\"text\":\"invoice\"}", "text/plain").send();

    for (Reply reply : List.of(plain, form, none, toTheBot)) {
      reply.assertStatus(415);
      assertThat(reply.json().getString("error")).isNotBlank();
    }
  }

  @Test
  void
      the_21st_submission_in_a_minute_is_429_with_retry_after_and_other_queues_still_take_messages() {
    String queue = queueOf(fixtures.queue());
    String otherQueue = queueOf(fixtures.queue());

    for (int i = 1; i <= 20; i++) {
      submit(queue, VALID_CONTACT).assertStatus(201);
    }
    Reply limited = submit(queue, VALID_CONTACT).assertStatus(429);

    assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
    assertThat(limited.json().getInt("status")).isEqualTo(429);
    submit(otherQueue, VALID_CONTACT).assertStatus(201);
  }

  /**
   * Black-box proof that a refused request stored nothing: each carries its own Idempotency-Key,
   * and a valid submission with that key afterwards is a new contact, not a replay of a stored one.
   */
  @Test
  void a_refused_submission_stores_nothing() {
    String queue = queueOf(fixtures.queue().allowedOrigins(SHOP));
    String huge = "{\"answers\":{\"name\":\"Mia\",\"message\":\"" + "x".repeat(70_000) + "\"}}";
    String[] keys =
        IntStream.range(0, 6).mapToObj(i -> UUID.randomUUID().toString()).toArray(String[]::new);

    api.post(contactsOf(queue))
        .header("Idempotency-Key", keys[0])
        .json("{\"answers\":{")
        .send()
        .assertStatus(400);
    api.post(contactsOf(queue))
        .header("Idempotency-Key", keys[1])
        .json("{\"answers\":{\"email\":\"nope\"}}")
        .send()
        .assertStatus(422);
    api.post(contactsOf(queue))
        .header("Idempotency-Key", keys[2])
        .json(huge)
        .send()
        .assertStatus(413);
    api.post(contactsOf(queue))
        .header("Idempotency-Key", keys[3])
        .chunkedJson(huge)
        .send()
        .assertStatus(413);
    api.post(contactsOf(queue))
        .header("Idempotency-Key", keys[4])
        .body(VALID_CONTACT, "text/plain")
        .send()
        .assertStatus(415);
    api.post(contactsOf(queue))
        .header("Idempotency-Key", keys[5])
        .header("Origin", "https://evil.example")
        .json(VALID_CONTACT)
        .send()
        .assertStatus(403);

    for (String key : keys) {
      Reply valid = submitWithKey(queue, key, VALID_CONTACT).assertStatus(201);
      assertThat(valid.header("Idempotent-Replayed")).as("replayed for key %s", key).isNull();
    }
  }

  // ---------------------------------------------------------------- the bot

  private String botQueue() {
    return queueOf(
        fixtures
            .queue()
            .offline(
                """
                {"mode":"BOT","message":{"en":"We are closed."},
                 "bot":{"greeting":{"en":"Hi!","fi":"Hei!"},
                  "answers":[{"keywords":["invoice","lasku"],
                              "reply":{"en":"Invoices are under Billing.","fi":"Laskut ovat kohdassa Laskutus."}},
                             {"keywords":["opening hours","aukiolo"],
                              "reply":{"en":"We open at eight.","fi":"Avaamme kahdeksalta."}}]}}"""));
  }

  @Test
  void quick_replies_are_the_answers_labels_in_the_visitors_language_and_tapping_one_answers() {
    String queue =
        queueOf(
            fixtures
                .queue()
                .offline(
                    """
                    {"mode":"BOT","message":{"en":"We are closed."},
                     "bot":{"greeting":{"en":"Hi!"},
                      "answers":[{"keywords":["price"],"label":{"en":"Prices","fi":"Hinnat","sv":"Priser"},
                                  "reply":{"en":"From 9 euros.","fi":"Alkaen 9 euroa."}},
                                 {"keywords":["delivery","toimitus"],"reply":{"en":"In two days."}}]}}"""));

    JsonObject finnish = api.get(queuePath(queue) + "?lang=fi").send().assertStatus(200).json();
    JsonObject swedish = api.get(queuePath(queue) + "?lang=sv").send().assertStatus(200).json();

    assertThat(
            finnish
                .getJsonObject("offline")
                .getJsonArray("topics")
                .getValuesAs(jakarta.json.JsonString::getString))
        .containsExactly("Hinnat", "delivery"); // without a label: the first keyword
    assertThat(
            swedish
                .getJsonObject("offline")
                .getJsonArray("topics")
                .getValuesAs(jakarta.json.JsonString::getString))
        .containsExactly("Priser", "delivery");
    JsonObject tapped =
        api.post(botOf(queue))
            .json("{\"text\":\"Hinnat\",\"language\":\"fi\"}")
            .send()
            .assertStatus(200)
            .json();
    assertThat(tapped.getString("reply")).isEqualTo("Alkaen 9 euroa.");
    JsonObject stored =
        api.get("api/admin/queues/" + queue).asAdmin().send().assertStatus(200).json();
    assertThat(
            stored
                .getJsonObject("offline")
                .getJsonObject("bot")
                .getJsonArray("answers")
                .getJsonObject(0)
                .getJsonObject("label")
                .getString("fi"))
        .isEqualTo("Hinnat");
  }

  @Test
  void a_quick_reply_label_over_80_characters_is_refused_with_its_field() {
    Reply reply =
        api.post("api/admin/queues")
            .asAdmin()
            .json(
                """
                {"name":"Labels","timeZone":"UTC","offline":{"mode":"BOT","bot":{"answers":[
                  {"keywords":["price"],"label":{"fi":"%s"},"reply":{"en":"9 €"}}]}}}"""
                    .formatted("x".repeat(81)))
            .send()
            .assertStatus(422);

    assertThat(reply.fields()).containsKey("offline.bot.answers[0].label.fi");
  }

  @Test
  void the_bot_answers_matching_keywords_in_english_and_in_finnish() {
    String queue = botQueue();

    JsonObject english =
        api.post(botOf(queue))
            .json("{\"text\":\"Where is my invoice?\",\"language\":\"en\"}")
            .send()
            .assertStatus(200)
            .json();
    JsonObject finnish =
        api.post(botOf(queue))
            .json("{\"text\":\"Missä on laskuni?\",\"language\":\"fi\"}")
            .send()
            .assertStatus(200)
            .json();

    assertThat(english.getString("reply")).isEqualTo("Invoices are under Billing.");
    assertThat(english.getBoolean("matched")).isTrue();
    assertThat(english.getBoolean("offerForm")).isFalse();
    assertThat(finnish.getString("reply")).isEqualTo("Laskut ovat kohdassa Laskutus.");
    assertThat(finnish.getBoolean("matched")).isTrue();
  }

  @Test
  void without_a_matching_keyword_the_bot_offers_to_take_a_message() {
    String queue = botQueue();

    JsonObject reply =
        api.post(botOf(queue))
            .json("{\"text\":\"Is it going to rain?\",\"language\":\"en\"}")
            .send()
            .assertStatus(200)
            .json();

    assertThat(reply.getBoolean("matched")).isFalse();
    assertThat(reply.getBoolean("offerForm")).isTrue();
    assertThat(reply.getString("reply")).isNotBlank();
  }

  @Test
  void the_bot_refuses_empty_text_and_text_over_1000_characters_with_422() {
    String queue = botQueue();

    Reply empty =
        api.post(botOf(queue)).json("{\"text\":\"\",\"language\":\"en\"}").send().assertStatus(422);
    Reply missing = api.post(botOf(queue)).json("{\"language\":\"en\"}").send().assertStatus(422);
    Reply tooLong =
        api.post(botOf(queue))
            .json("{\"text\":\"" + "a".repeat(1001) + "\"}")
            .send()
            .assertStatus(422);
    api.post(botOf(queue)).json("{\"text\":\"" + "a".repeat(1000) + "\"}").send().assertStatus(200);

    assertThat(empty.fields().keySet()).containsExactly("text");
    assertThat(missing.fields().keySet()).containsExactly("text");
    assertThat(tooLong.fields().keySet()).containsExactly("text");
  }

  @Test
  void the_bot_refuses_malformed_json_with_400() {
    String queue = botQueue();

    api.post(botOf(queue)).json("{\"text\":").send().assertStatus(400);
    api.post(botOf(queue)).json("[\"invoice\"]").send().assertStatus(400);
  }

  @Test
  void a_contact_left_through_the_bot_is_registered_with_source_bot() {
    String queue = botQueue();

    submit(
            queue,
            """
            {"answers":{"name":"Mia","email":"mia@example.com","message":"About my invoice"},
             "language":"fi","source":"BOT"}""")
        .assertStatus(201);
  }

  // ---------------------------------------------------------------- cross-origin calls

  @Test
  void a_preflight_from_an_allowed_origin_is_204_with_access_control_allow_origin() {
    String queue = queueOf(fixtures.queue().allowedOrigins("https://Shop.Example.com:443/"));

    Reply preflight =
        api.options(contactsOf(queue))
            .header("Origin", SHOP)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type,idempotency-key")
            .send()
            .assertStatus(204);

    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("content-type", "idempotency-key");
  }

  @Test
  void a_post_from_an_allowed_origin_is_answered_with_access_control_allow_origin() {
    String queue = queueOf(fixtures.queue().allowedOrigins(SHOP));

    Reply contact =
        api.post(contactsOf(queue))
            .header("Origin", SHOP)
            .json(VALID_CONTACT)
            .send()
            .assertStatus(201);
    Reply bot =
        api.post(botOf(queue))
            .header("Origin", SHOP)
            .json("{\"text\":\"hello\"}")
            .send()
            .assertStatus(200);

    assertThat(contact.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
    assertThat(bot.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
  }

  @Test
  void a_post_from_an_origin_that_is_not_allowed_is_403_origin_not_allowed() {
    String queue = queueOf(fixtures.queue().allowedOrigins(SHOP));

    Reply contact =
        api.post(contactsOf(queue))
            .header("Origin", "https://evil.example")
            .json(VALID_CONTACT)
            .send()
            .assertStatus(403);
    Reply bot =
        api.post(botOf(queue))
            .header("Origin", "https://evil.example")
            .json("{\"text\":\"invoice\"}")
            .send()
            .assertStatus(403);

    for (Reply reply : List.of(contact, bot)) {
      assertThat(reply.json().getString("error")).isEqualTo("origin_not_allowed");
      assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  @Test
  void a_get_from_an_origin_that_is_not_allowed_is_200_without_access_control_allow_origin() {
    String queue = queueOf(fixtures.queue().allowedOrigins(SHOP));

    Reply reply =
        api.get(queuePath(queue)).header("Origin", "https://evil.example").send().assertStatus(200);

    assertThat(reply.header("Access-Control-Allow-Origin")).isNull();
    assertThat(
            api.get(queuePath(queue))
                .header("Origin", SHOP)
                .send()
                .assertStatus(200)
                .header("Access-Control-Allow-Origin"))
        .isEqualTo(SHOP);
  }
}
