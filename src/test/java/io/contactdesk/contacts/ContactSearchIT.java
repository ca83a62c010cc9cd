package io.contactdesk.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Receipt;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/contacts} over HTTP against the real WAR (SPEC, Part 2, Follow-up): an agent
 * finds a contact by the reference the visitor quotes or by the visitor's e-mail, and lists the
 * queue's contacts by status and handler, never another queue's.
 */
class ContactSearchIT extends DeployedContactDesk {

  @Test
  void the_reference_a_visitor_quotes_finds_the_contact_in_any_case_and_without_the_dash() {
    String queue = fixtures.queue().create();
    User mia = agent(queue);
    Receipt receipt = submit(queue, "sam@example.com");
    submit(queue, "other@example.com");
    String typed = receipt.reference().replace("-", "").toLowerCase(Locale.ROOT);

    JsonObject found = api.get("api/contacts?q=" + typed).as(mia).send().assertStatus(200).json();

    assertThat(ids(found)).containsExactly(receipt.id());
    JsonObject listed = found.getJsonArray("contacts").getJsonObject(0);
    assertThat(listed.getString("reference")).isEqualTo(receipt.reference());
    assertThat(listed.getString("queueId")).isEqualTo(queue);
    assertThat(listed.getString("status")).isEqualTo("NEW");
    assertThat(listed.isNull("handler")).isTrue();
    assertThat(listed.getBoolean("overdue")).isFalse();
    assertThat(listed.getString("source")).isEqualTo("FORM");
    assertThat(listed.containsKey("answers")).isFalse();
  }

  @Test
  void an_email_finds_the_visitor_s_contacts_in_my_queues_and_the_view_lists_the_others() {
    String queue = fixtures.queue().create();
    String elsewhere = fixtures.queue().create();
    User mia = agent(queue);
    String email = "Visitor." + System.nanoTime() + "@Example.com";
    Receipt first = submit(queue, email);
    Receipt second = submit(queue, email.toLowerCase(Locale.ROOT));
    submit(elsewhere, email);

    JsonObject found =
        api.get("api/contacts?q=" + email.toUpperCase(Locale.ROOT)).as(mia).send().json();
    JsonObject view = api.contact(second.id(), mia);

    assertThat(ids(found)).containsExactly(second.id(), first.id());
    assertThat(view.getJsonArray("sameVisitor").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("id"))
        .containsExactly(first.id());
    assertThat(view.getBoolean("overdue")).isFalse();
    assertThat(view.isNull("escalatedAt")).isTrue();
  }

  @Test
  void the_list_filters_by_status_and_handler_and_pages_below_next() {
    String queue = fixtures.queue().create();
    User mia = agent(queue);
    Receipt a = submit(queue, "a@example.com");
    Receipt b = submit(queue, "b@example.com");
    Receipt c = submit(queue, "c@example.com");
    api.comment(b.id(), mia, "mine", "in_progress", mia.username()).assertStatus(201);

    String base = "api/contacts?queue=" + queue;
    JsonObject first = api.get(base + "&limit=2").as(mia).send().assertStatus(200).json();
    JsonObject rest =
        api.get(base + "&limit=2&before=" + first.getString("next")).as(mia).send().json();

    assertThat(ids(first)).containsExactly(c.id(), b.id());
    assertThat(ids(rest)).containsExactly(a.id());
    assertThat(rest.isNull("next")).isTrue();
    assertThat(ids(api.get(base + "&status=new").as(mia).send().json()))
        .containsExactly(c.id(), a.id());
    assertThat(ids(api.get(base + "&handler=" + mia.username()).as(mia).send().json()))
        .containsExactly(b.id());
    assertThat(ids(api.get(base + "&handler=").as(mia).send().json()))
        .containsExactly(c.id(), a.id());
    assertThat(ids(api.get(base + "&overdue=true").as(mia).send().json())).isEmpty();
  }

  @Test
  void another_queue_is_404_and_every_bad_parameter_is_named_in_one_422() {
    String queue = fixtures.queue().create();
    User outsider = agent(fixtures.queue().create());
    Receipt theirs = submit(queue, "hidden@example.com");

    assertThat(api.get("api/contacts?queue=" + queue).as(outsider).send().status()).isEqualTo(404);
    assertThat(ids(api.get("api/contacts?q=" + theirs.reference()).as(outsider).send().json()))
        .isEmpty();
    assertThat(ids(api.get("api/contacts?q=hidden@example.com").as(outsider).send().json()))
        .isEmpty();
    var refused =
        api.get("api/contacts?status=open&overdue=maybe&from=yesterday&q=hello&limit=0&before=x")
            .as(outsider)
            .send()
            .assertStatus(422);
    assertThat(refused.fields().keySet())
        .containsExactlyInAnyOrder("status", "overdue", "from", "q", "limit", "before");
  }

  private User agent(String queue) {
    return fixtures.user().memberOf(queue).create();
  }

  private Receipt submit(String queue, String email) {
    JsonObject valid = ContactDesk.parse(Fixtures.VALID_CONTACT).asJsonObject();
    JsonObject answers =
        Json.createObjectBuilder(valid.getJsonObject("answers")).add("email", email).build();
    return api.submit(queue, Json.createObjectBuilder(valid).add("answers", answers).build());
  }

  private static List<String> ids(JsonObject page) {
    return page.getJsonArray("contacts").getValuesAs(JsonObject.class).stream()
        .map(o -> o.getString("id"))
        .toList();
  }
}
