package io.contactdesk.servers;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15: on Payara Server one restart in six lost the app ("This web container has not yet been
 * started" while the server's pool made the app's {@code ConfiguredDataSource}, which asked
 * MicroProfile Config too early). The app must come back after every restart, with its data.
 */
@EnabledIfSystemProperty(
    named = "contactdesk.server.restarts",
    matches = "[1-9][0-9]*",
    disabledReason = "runs in the servers profile, on Payara Server")
@ExtendWith(AppServer.class)
class RestartIT {

  @Test
  void the_app_and_its_contacts_come_back_after_every_restart() throws Exception {
    int restarts = Integer.getInteger("contactdesk.server.restarts");
    ContactDesk api = ContactDesk.at(AppServer.base());
    Fixtures fixtures = new Fixtures(api);
    String queue = fixtures.queue().create();

    for (int i = 1; i <= restarts; i++) {
      Receipt before = api.submit(queue, ContactDesk.parse(Fixtures.VALID_CONTACT).asJsonObject());

      AppServer.restart();

      assertThat(
              api.get("api/contacts/" + before.id())
                  .asAdmin()
                  .send()
                  .assertStatus(200)
                  .json()
                  .getString("reference"))
          .as("restart %d of %d", i, restarts)
          .isEqualTo(before.reference());
    }
  }
}
