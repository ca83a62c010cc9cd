package io.contactdesk.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.User;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/queues/{id}/unread} over HTTP against the real WAR: what I have not opened, per
 * queue, however long the log.
 */
class UnreadIT extends DeployedContactDesk {

  @Test
  void an_unopened_contact_still_counts_after_more_than_200_log_entries() {
    String queue = queue();
    User mia = agent(queue);
    User leo = agent(queue);
    String first = submit(queue);
    String second = submit(queue);
    for (int i = 0; i < 200; i++) {
      api.comment(second, leo, "n", null, null).assertStatus(201);
    }

    JsonObject unread = api.unread(queue, mia, "");

    assertThat(unread.getInt("count")).isEqualTo(2);
    assertThat(unread.getBoolean("capped")).isFalse();
    assertThat(contactIds(unread)).containsExactly(second, first);
    assertThat(unread.isNull("next")).isTrue();
  }

  @Test
  void a_member_of_another_queue_gets_404_and_a_bad_cursor_422() {
    String queue = queue();
    User outsider = agent(queue());

    assertThat(api.get("api/queues/" + queue + "/unread").as(outsider).send().status())
        .isEqualTo(404);
    assertThat(api.get("api/queues/no-such-queue/unread").as(outsider).send().status())
        .isEqualTo(404);
    assertThat(api.get("api/queues/" + queue + "/unread?before=x").as(agent(queue)).send().status())
        .isEqualTo(422);
  }

  @Test
  void viewing_a_contact_clears_it_for_me_but_not_for_another_member_and_erasing_for_all() {
    String queue = queue();
    User mia = agent(queue);
    User leo = agent(queue);
    String contact = submit(queue);

    api.contact(contact, mia);

    assertThat(api.unread(queue, mia, "").getInt("count")).isZero();
    assertThat(contactIds(api.unread(queue, leo, ""))).containsExactly(contact);

    api.delete("api/contacts/" + contact).asAdmin().send().assertStatus(204);

    assertThat(api.unread(queue, leo, "").getInt("count")).isZero();
  }

  @Test
  void an_agent_who_joins_later_does_not_inherit_the_queue_s_past_and_pages_go_on_below_next() {
    String queue = queue();
    User mia = agent(queue);
    List<String> contacts = List.of(submit(queue), submit(queue), submit(queue));
    User newcomer = agent(queue);

    JsonObject first = api.unread(queue, mia, "?limit=2");
    JsonObject rest = api.unread(queue, mia, "?limit=2&before=" + first.getString("next"));

    assertThat(first.getInt("count")).isEqualTo(3);
    assertThat(contactIds(first)).containsExactly(contacts.get(2), contacts.get(1));
    assertThat(contactIds(rest)).containsExactly(contacts.get(0));
    assertThat(rest.isNull("next")).isTrue();
    assertThat(api.unread(queue, newcomer, "").getInt("count")).isZero();
  }

  private static List<String> contactIds(JsonObject unread) {
    return unread.getJsonArray("contacts").getValuesAs(JsonObject.class).stream()
        .map(c -> c.getString("contactId"))
        .toList();
  }

  private String queue() {
    return fixtures.queue().create();
  }

  private User agent(String queue) {
    return fixtures.user().memberOf(queue).create();
  }

  private String submit(String queue) {
    return api.submit(queue, ContactDesk.parse(Fixtures.VALID_CONTACT).asJsonObject()).id();
  }
}
