package io.contactdesk.queues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.contactdesk.testkit.DeployedContactDesk;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.User;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/queues/{id}/members} over HTTP against the real WAR: a member may see who else
 * works in the queue, so a contact can be handed to any of them.
 */
class QueueMembersIT extends DeployedContactDesk {

  @Test
  void a_member_sees_every_member_of_the_queue_by_display_name() {
    String queue = fixtures.queue().create();
    User mia = fixtures.user().displayName("Mia Virtanen").memberOf(queue).create();
    User olli = fixtures.user().displayName("Olli Koskinen").memberOf(queue).create();
    fixtures.user().displayName("Aino Elsewhere").memberOf(fixtures.queue().create()).create();

    JsonArray members = members(queue, mia).assertStatus(200).jsonArray();

    assertThat(members.getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("username"), m -> m.getString("displayName"))
        .containsExactly(
            tuple(mia.username(), "Mia Virtanen"), tuple(olli.username(), "Olli Koskinen"));
    assertThat(members.getJsonObject(0).keySet())
        .containsExactlyInAnyOrder("username", "displayName");
  }

  @Test
  void a_non_member_gets_404_like_for_a_queue_that_does_not_exist_and_an_admin_sees_any_queue() {
    String queue = fixtures.queue().create();
    User mia = fixtures.user().memberOf(queue).create();
    User outsider = fixtures.user().memberOf(fixtures.queue().create()).create();

    assertThat(members(queue, outsider).status()).isEqualTo(404);
    assertThat(members("no-such-queue", outsider).status()).isEqualTo(404);
    assertThat(members("no-such-queue", User.ADMIN).status()).isEqualTo(404);
    assertThat(
            members(queue, User.ADMIN).assertStatus(200).jsonArray().getValuesAs(JsonObject.class))
        .extracting(m -> m.getString("username"))
        .isEqualTo(List.of(mia.username()));
    assertThat(api.get("api/queues/" + queue + "/members").send().status()).isEqualTo(401);
  }

  private Reply members(String queue, User by) {
    return api.get("api/queues/" + queue + "/members").as(by).send();
  }
}
