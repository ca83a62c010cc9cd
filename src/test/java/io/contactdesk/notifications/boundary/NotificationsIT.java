package io.contactdesk.notifications.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.it.Loopback;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SPEC rules 3 and 4 end to end on Payara Micro: one new contact reaches the right agents live over
 * server-sent events and by e-mail through a real SMTP server (GreenMail, in this JVM, on the port
 * the build gives the app), and never carries what the visitor wrote.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NotificationsIT {

  private static final String ADMIN =
      "admin:" + System.getProperty("contactdesk.it.admin-password");
  private static final String SECRET = "Secret-" + UUID.randomUUID();
  private static GreenMail smtp;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Stream> streams = new ArrayList<>();

  @ArquillianResource URL base;

  @Deployment(testable = false)
  static WebArchive app() {
    return ShrinkWrap.createFromZipFile(
        WebArchive.class, new File(System.getProperty("contactdesk.war")));
  }

  @BeforeAll
  static void startSmtp() {
    smtp =
        new GreenMail(
            new ServerSetup(
                Integer.getInteger("contactdesk.it.smtp-port"),
                "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(Stream::close);
  }

  @Test
  void a_new_contact_is_pushed_live_only_to_connected_members_who_want_sound_or_desktop()
      throws Exception {
    String queue = queue();
    String soundAgent = agent(queue, true, false, false);
    String desktopAgent = agent(queue, false, true, false);
    String quietAgent = agent(queue, false, false, false);
    String outsider = agent(null, true, true, false);
    Stream sound = connect(soundAgent, null);
    Stream desktop = connect(desktopAgent, null);
    Stream quiet = connect(quietAgent, null);
    Stream other = connect(outsider, null);

    String contactId = submit(queue);

    Event toSound = sound.next(10);
    assertThat(toSound.name).isEqualTo("registered-contact");
    JsonObject data = toSound.json();
    assertThat(data.getString("contactId")).isEqualTo(contactId);
    assertThat(data.getString("queueId")).isEqualTo(queue);
    assertThat(data.getString("link")).isEqualTo("/#/contacts/" + contactId);
    assertThat(data.getBoolean("sound")).isTrue();
    assertThat(data.getBoolean("desktop")).isFalse();
    assertThat(toSound.data).doesNotContain(SECRET);
    Event toDesktop = desktop.next(10);
    assertThat(toDesktop.json().getBoolean("desktop")).isTrue();
    assertThat(toDesktop.id).isEqualTo(toSound.id);
    assertThat(quiet.next(2)).as("all of their notifications are off").isNull();
    assertThat(other.next(1)).as("not a member of the queue").isNull();
  }

  @Test
  void turning_sound_on_takes_effect_without_reconnecting() throws Exception {
    String queue = queue();
    String agent = agent(queue, false, false, false);
    Stream stream = connect(agent, null);
    submit(queue);
    assertThat(stream.next(2)).isNull();

    settings(agent, true, false, false);
    String second = submit(queue);

    assertThat(stream.next(10).json().getString("contactId")).isEqualTo(second);
  }

  @Test
  void a_client_reconnecting_with_last_event_id_gets_what_it_missed() throws Exception {
    String queue = queue();
    String agent = agent(queue, true, false, false);
    Stream first = connect(agent, null);
    submit(queue);
    Event seen = first.next(10);
    first.close();

    String missed1 = submit(queue);
    String missed2 = submit(queue);
    Stream again = connect(agent, seen.id);

    assertThat(again.next(10).json().getString("contactId")).isEqualTo(missed1);
    assertThat(again.next(10).json().getString("contactId")).isEqualTo(missed2);
  }

  @Test
  void members_who_want_email_get_a_link_and_not_a_word_the_visitor_wrote() throws Exception {
    String queue = queue();
    String wantsMail = agent(queue, false, false, true);
    agent(queue, true, true, false);
    agent(null, false, false, true); // not a member
    int before = smtp.getReceivedMessages().length;

    String contactId = submit(queue);

    assertThat(smtp.waitForIncomingEmail(15_000, before + 1)).isTrue();
    Thread.sleep(2000); // anything more would arrive now
    MimeMessage[] all = smtp.getReceivedMessages();
    List<MimeMessage> ours =
        Arrays.stream(all)
            .filter(m -> GreenMailUtil.getWholeMessage(m).contains(contactId))
            .toList();
    assertThat(ours).hasSize(1);
    MimeMessage mail = ours.get(0);
    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(wantsMail + "@example.com");
    String whole = GreenMailUtil.getWholeMessage(mail);
    assertThat(whole)
        .contains("/#/contacts/" + contactId)
        .doesNotContain(SECRET)
        .doesNotContain("Visitor Name");
  }

  @Test
  void with_smtp_down_submissions_still_succeed_and_each_mail_arrives_once_when_it_is_back()
      throws Exception {
    String queue = queue();
    String wantsMail = agent(queue, false, false, true);
    smtp.stop();
    List<String> contacts = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        contacts.add(submit(queue)); // 201 each, SMTP or not
      }
      Thread.sleep(2000); // the worker meets a closed port and backs off
    } finally {
      smtp.start();
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    List<MimeMessage> ours = List.of();
    while (System.nanoTime() < deadline) {
      ours =
          Arrays.stream(smtp.getReceivedMessages())
              .filter(
                  m ->
                      contacts.stream()
                          .anyMatch(id -> GreenMailUtil.getWholeMessage(m).contains(id)))
              .toList();
      if (ours.size() >= contacts.size()) {
        break;
      }
      Thread.sleep(500);
    }
    Thread.sleep(3000); // a duplicate would show up now
    ours =
        Arrays.stream(smtp.getReceivedMessages())
            .filter(
                m ->
                    contacts.stream().anyMatch(id -> GreenMailUtil.getWholeMessage(m).contains(id)))
            .toList();
    assertThat(ours).hasSize(contacts.size());
    for (String id : contacts) {
      assertThat(ours.stream().filter(m -> GreenMailUtil.getWholeMessage(m).contains(id)))
          .hasSize(1);
    }
    assertThat(ours)
        .allSatisfy(
            m ->
                assertThat(m.getAllRecipients()[0].toString())
                    .isEqualTo(wantsMail + "@example.com"));
  }

  // --- helpers ---

  private String queue() throws Exception {
    String name = "Notify " + UUID.randomUUID().toString().substring(0, 8);
    String body =
        "{\"name\":\""
            + name
            + "\",\"timeZone\":\"Europe/Helsinki\",\"override\":\"CLOSED\",\"form\":{\"fields\":["
            + "{\"name\":\"name\",\"label\":{\"en\":\"Name\"},\"type\":\"text\",\"required\":true},"
            + "{\"name\":\"message\",\"label\":{\"en\":\"Message\"},\"type\":\"textarea\",\"required\":true}]}}";
    return json(send("POST", "api/admin/queues", ADMIN, body, 201)).getString("id");
  }

  private String agent(String queue, boolean sound, boolean desktop, boolean email)
      throws Exception {
    String username = "n" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    send(
        "POST",
        "api/admin/users",
        ADMIN,
        "{\"username\":\""
            + username
            + "\",\"displayName\":\"N\",\"email\":\""
            + username
            + "@example.com\",\"password\":\""
            + username
            + "-pw\"}",
        201);
    if (queue != null) {
      send("PUT", "api/admin/queues/" + queue + "/members/" + username, ADMIN, null, 204);
    }
    settings(username, sound, desktop, email);
    return username;
  }

  private void settings(String username, boolean sound, boolean desktop, boolean email)
      throws Exception {
    send(
        "PUT",
        "api/me/settings",
        username + ":" + username + "-pw",
        "{\"notifications\":{\"registeredContacts\":{\"sound\":"
            + sound
            + ",\"desktop\":"
            + desktop
            + ",\"email\":"
            + email
            + "}}}",
        200);
  }

  private String submit(String queue) throws Exception {
    String body = "{\"answers\":{\"name\":\"Visitor Name\",\"message\":\"" + SECRET + "\"}}";
    return json(send("POST", "api/public/queues/" + queue + "/contacts", null, body, 201))
        .getString("id");
  }

  private String send(String method, String path, String credentials, String body, int expected)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(Loopback.of(base).resolve(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (credentials != null) {
      request.header("Authorization", basic(credentials));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(expected);
    return response.body();
  }

  private Stream connect(String username, String lastEventId) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(Loopback.of(base).resolve("api/notifications"))
            .header("Authorization", basic(username + ":" + username + "-pw"))
            .header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    Stream stream = new Stream();
    streams.add(stream);
    stream.response = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    HttpResponse<java.util.stream.Stream<String>> response =
        stream.response.get(30, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    Thread reader = new Thread(() -> stream.read(response.body()));
    reader.setDaemon(true);
    reader.start();
    assertThat(stream.connected.poll(10, TimeUnit.SECONDS))
        .as("the stream says it is connected")
        .isNotNull();
    return stream;
  }

  private static String basic(String credentials) {
    return "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject json(String body) {
    return Json.createReader(new StringReader(body)).readObject();
  }

  /** One event-stream connection, parsed line by line as the SSE format says. */
  static final class Stream {
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final BlockingQueue<Boolean> connected = new LinkedBlockingQueue<>();
    java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response;
    private volatile java.util.stream.Stream<String> lines;

    void read(java.util.stream.Stream<String> body) {
      lines = body;
      String name = null;
      String id = null;
      StringBuilder data = new StringBuilder();
      try {
        for (String line : (Iterable<String>) body::iterator) {
          if (line.startsWith(": connected")) {
            connected.add(true);
          } else if (line.startsWith("event:")) {
            name = line.substring(6).trim();
          } else if (line.startsWith("id:")) {
            id = line.substring(3).trim();
          } else if (line.startsWith("data:")) {
            data.append(line.substring(5).trim());
          } else if (line.isEmpty() && name != null) {
            events.add(new Event(name, id, data.toString()));
            name = null;
            id = null;
            data.setLength(0);
          }
        }
      } catch (RuntimeException closed) {
        // the test closed the stream
      }
    }

    Event next(int seconds) throws InterruptedException {
      return events.poll(seconds, TimeUnit.SECONDS);
    }

    void close() {
      if (lines != null) {
        lines.close();
      }
      response.cancel(true);
    }
  }

  record Event(String name, String id, String data) {
    JsonObject json() {
      return Json.createReader(new StringReader(data)).readObject();
    }
  }
}
