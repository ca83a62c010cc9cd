package io.contactdesk.activity;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.it.Loopback;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /api/queues/{id}/unread} over HTTP against the real WAR: what I have not opened, per
 * queue, however long the log. The small client below is this class's own until the shared test kit
 * has the call.
 */
@ExtendWith(ArquillianExtension.class)
class UnreadIT {

  private static final String ADMIN = "admin";
  private static final String PASSWORD = "agent-it-password";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Deployment(testable = false)
  static WebArchive contactDesk() {
    File war = new File(System.getProperty("contactdesk.war", "target/contactdesk.war"));
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }

  @ArquillianResource URL deployment;

  URI base;

  @BeforeEach
  void connect() {
    base = Loopback.of(deployment);
  }

  @Test
  void an_unopened_contact_still_counts_after_more_than_200_log_entries() {
    String queue = queue();
    String mia = agent(queue);
    String leo = agent(queue);
    String first = submit(queue);
    String second = submit(queue);
    for (int i = 0; i < 200; i++) {
      expect(201, send("POST", "api/contacts/" + second + "/comments", leo, "{\"text\":\"n\"}"));
    }

    JsonObject unread = unread(queue, mia);

    assertThat(unread.getInt("count")).isEqualTo(2);
    assertThat(unread.getBoolean("capped")).isFalse();
    assertThat(contactIds(unread)).containsExactly(second, first);
    assertThat(unread.isNull("next")).isTrue();
  }

  @Test
  void a_member_of_another_queue_gets_404_and_a_bad_cursor_422() {
    String queue = queue();
    String outsider = agent(queue());

    assertThat(send("GET", "api/queues/" + queue + "/unread", outsider, null).statusCode())
        .isEqualTo(404);
    assertThat(send("GET", "api/queues/no-such-queue/unread", outsider, null).statusCode())
        .isEqualTo(404);
    assertThat(
            send("GET", "api/queues/" + queue + "/unread?before=x", agent(queue), null)
                .statusCode())
        .isEqualTo(422);
  }

  @Test
  void viewing_a_contact_clears_it_for_me_but_not_for_another_member_and_erasing_for_all() {
    String queue = queue();
    String mia = agent(queue);
    String leo = agent(queue);
    String contact = submit(queue);

    expect(200, send("GET", "api/contacts/" + contact, mia, null));

    assertThat(unread(queue, mia).getInt("count")).isZero();
    assertThat(contactIds(unread(queue, leo))).containsExactly(contact);

    expect(204, send("DELETE", "api/contacts/" + contact, ADMIN, null));

    assertThat(unread(queue, leo).getInt("count")).isZero();
  }

  @Test
  void an_agent_who_joins_later_does_not_inherit_the_queue_s_past_and_pages_go_on_below_next() {
    String queue = queue();
    String mia = agent(queue);
    List<String> contacts = List.of(submit(queue), submit(queue), submit(queue));
    String newcomer = agent(queue);

    JsonObject first = unread(queue, mia, "?limit=2");
    JsonObject rest = unread(queue, mia, "?limit=2&before=" + first.getString("next"));

    assertThat(first.getInt("count")).isEqualTo(3);
    assertThat(contactIds(first)).containsExactly(contacts.get(2), contacts.get(1));
    assertThat(contactIds(rest)).containsExactly(contacts.get(0));
    assertThat(rest.isNull("next")).isTrue();
    assertThat(unread(queue, newcomer).getInt("count")).isZero();
  }

  // ---- the calls, plainly

  private JsonObject unread(String queue, String user) {
    return unread(queue, user, "");
  }

  private JsonObject unread(String queue, String user, String query) {
    return json(expect(200, send("GET", "api/queues/" + queue + "/unread" + query, user, null)));
  }

  private static List<String> contactIds(JsonObject unread) {
    return unread.getJsonArray("contacts").getValuesAs(JsonObject.class).stream()
        .map(c -> c.getString("contactId"))
        .toList();
  }

  private String queue() {
    String body =
        """
        {"name":"%s","timeZone":"UTC","override":"CLOSED","offline":{"mode":"FORM"},
         "form":{"fields":[{"name":"message","type":"textarea","required":true,
                            "label":{"en":"Message"}}]}}"""
            .formatted(unique("Unread"));
    return json(expect(201, send("POST", "api/admin/queues", ADMIN, body))).getString("id");
  }

  private String agent(String queue) {
    String username = unique("agent");
    String body =
        """
        {"username":"%s","displayName":"Agent","email":"%s@example.com","password":"%s",
         "roles":["agent"]}"""
            .formatted(username, username, PASSWORD);
    expect(201, send("POST", "api/admin/users", ADMIN, body));
    expect(204, send("PUT", "api/admin/queues/" + queue + "/members/" + username, ADMIN, null));
    return username;
  }

  private String submit(String queue) {
    String body = "{\"answers\":{\"message\":\"Hello\"},\"language\":\"en\",\"source\":\"FORM\"}";
    return json(expect(201, send("POST", "api/public/queues/" + queue + "/contacts", null, body)))
        .getString("id");
  }

  private HttpResponse<String> send(String method, String path, String user, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (user != null) {
      String password =
          ADMIN.equals(user)
              ? System.getProperty("contactdesk.it.admin-password", "it-admin-password")
              : PASSWORD;
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8)));
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "expected HTTP " + status + " but got " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private static JsonObject json(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
