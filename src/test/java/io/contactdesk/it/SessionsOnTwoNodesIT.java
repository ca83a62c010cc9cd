package io.contactdesk.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.RunnableJar;
import io.contactdesk.testkit.Session;
import io.contactdesk.testkit.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SPEC, Several nodes: a console session, its CSRF token, the login throttle and the submission
 * limit hold on every node. Two runnable jars ({@code target/contactdesk-microbundle.jar}) on one
 * fresh PostgreSQL schema, called in turn with no balancer in between (the test is the balancer,
 * and it is never sticky). The first node is started before the second, so the schema is made once.
 * Ports: {@code -Dit.nodes.ports=43101,43102}, else free ones.
 */
@EnabledIfSystemProperty(
    named = "contactdesk.it.database",
    matches = "postgres",
    disabledReason = "several nodes need PostgreSQL")
class SessionsOnTwoNodesIT {

  private static final Duration START = Duration.ofSeconds(600);
  private static final int PER_MINUTE = 30;
  private static final Path WORK =
      Path.of("target", "two-nodes-test", UUID.randomUUID().toString());
  private static final String SCHEMA =
      "cd_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final List<RunnableJar> nodes = new ArrayList<>();
  private static ContactDesk a;
  private static ContactDesk b;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    try (Connection c = admin()) {
      c.createStatement().execute("CREATE SCHEMA " + SCHEMA);
    }
    String[] ports =
        System.getProperty("it.nodes.ports", RunnableJar.freePort() + "," + RunnableJar.freePort())
            .split(",");
    a = start("a", Integer.parseInt(ports[0].trim()));
    b = start("b", Integer.parseInt(ports[1].trim()));
  }

  @AfterAll
  static void stopBoth() throws Exception {
    for (RunnableJar node : nodes) {
      node.stop();
    }
    try (Connection c = admin()) {
      c.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  @Test
  void a_console_login_on_one_node_works_on_the_other_with_its_csrf_token_until_logout()
      throws Exception {
    User agent = new Fixtures(a).user().create();
    Session session = a.login(agent);

    assertThat(b.get("api/me").header("Cookie", session.cookie()).send().assertStatus(200).json())
        .containsEntry("username", jsonString(agent.username()));
    assertThat(b.get("api/session").header("Cookie", session.cookie()).send().json())
        .containsEntry("csrfToken", jsonString(session.csrfToken()));
    b.put("api/me/settings")
        .header("Cookie", session.cookie())
        .json(settings())
        .send()
        .assertStatus(403);
    b.put("api/me/settings").in(session).json(settings()).send().assertStatus(200);

    b.delete("api/session").in(session).send().assertStatus(204);

    assertThat(secondsUntil(a, session, 401)).isLessThanOrEqualTo(5);
  }

  @Test
  void disabling_a_user_on_one_node_ends_their_session_on_the_other_within_five_seconds()
      throws Exception {
    User agent = new Fixtures(a).user().create();
    Session session = a.login(agent);
    b.get("api/me").header("Cookie", session.cookie()).send().assertStatus(200);

    a.put("api/admin/users/" + agent.username())
        .asAdmin()
        .json("{\"disabled\":true}")
        .send()
        .assertStatus(200);

    assertThat(secondsUntil(b, session, 401)).isLessThanOrEqualTo(5);
  }

  @Test
  void failed_logins_on_both_nodes_add_up_and_then_even_the_right_password_is_429() {
    User agent = new Fixtures(a).user().create();
    for (int i = 0; i < 5; i++) {
      (i % 2 == 0 ? a : b)
          .post("api/session")
          .json("{\"username\":\"" + agent.username() + "\",\"password\":\"wrong-" + i + "\"}")
          .send()
          .assertStatus(401);
    }

    Reply onA = a.post("api/session").json(ContactDesk.credentials(agent)).send();
    Reply onB = b.get("api/me").as(agent).send();

    assertThat(onA.status()).isEqualTo(429);
    assertThat(onB.status()).isEqualTo(429);
    assertThat(onB.header("Retry-After")).isNotBlank();
  }

  @Test
  void forty_submissions_alternating_between_the_nodes_at_thirty_a_minute_get_thirty_through()
      throws InterruptedException {
    String queue = new Fixtures(a).queue().create();
    // another node learns of a new queue within 5 s (docs/architecture.md, A submission)
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (b.get("api/public/queues/" + queue).send().status() != 200) {
      assertThat(System.nanoTime()).as("the queue reaches node b").isLessThan(deadline);
      Thread.sleep(200);
    }
    int accepted = 0;
    for (int i = 0; i < 40; i++) {
      Reply reply =
          (i % 2 == 0 ? a : b)
              .post("api/public/queues/" + queue + "/contacts")
              .json(Fixtures.VALID_CONTACT)
              .send();
      assertThat(reply.status()).as(reply.body()).isIn(201, 429);
      if (reply.status() == 201) {
        accepted++;
      }
    }

    assertThat(accepted).isEqualTo(PER_MINUTE);
  }

  private static ContactDesk start(String name, int port) throws Exception {
    Map<String, String> environment =
        Map.of(
            "CONTACTDESK_DB_URL",
            url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA,
            "CONTACTDESK_DB_USER",
            user(),
            "CONTACTDESK_DB_PASSWORD",
            password(),
            // no mail: the suite's SMTP server counts the shared app's mails
            "CONTACTDESK_MAIL_HOST",
            "",
            "CONTACTDESK_SUBMISSIONS_PER_MINUTE",
            String.valueOf(PER_MINUTE));
    RunnableJar node = new RunnableJar("node " + name, port, WORK.resolve(name), environment);
    nodes.add(node);
    node.start();
    node.awaitReady(START);
    return node.api;
  }

  private static double secondsUntil(ContactDesk node, Session session, int status)
      throws InterruptedException {
    long start = System.nanoTime();
    while (node.get("api/me").header("Cookie", session.cookie()).send().status() != status) {
      if (System.nanoTime() - start > Duration.ofSeconds(15).toNanos()) {
        return Double.MAX_VALUE;
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String settings() {
    return "{\"notifications\":{\"registeredContacts\":"
        + "{\"sound\":true,\"desktop\":false,\"email\":false}}}";
  }

  private static jakarta.json.JsonValue jsonString(String value) {
    return jakarta.json.Json.createValue(value);
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(url(), user(), password());
  }

  private static String url() {
    return System.getenv("CONTACTDESK_DB_URL");
  }

  private static String user() {
    return System.getenv().getOrDefault("CONTACTDESK_DB_USER", "postgres");
  }

  private static String password() {
    return System.getenv().getOrDefault("CONTACTDESK_DB_PASSWORD", "");
  }
}
