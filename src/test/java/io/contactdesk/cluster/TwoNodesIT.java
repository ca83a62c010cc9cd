package io.contactdesk.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.EventStream;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.RunnableJar;
import io.contactdesk.testkit.User;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SPEC "Several nodes" with real parts: two runnable jars on one fresh PostgreSQL database of their
 * own, Debian's nginx in front of both (round robin, no stickiness), GreenMail as the mail server,
 * all started here on loopback. Each test stands alone; a node killed by one is started again
 * before the next ({@code @Order} only keeps the kill, which costs a restart, last).
 */
@EnabledIfSystemProperty(
    named = "contactdesk.it.database",
    matches = "postgres",
    disabledReason = "several nodes share one PostgreSQL; embedded H2 is a single node's")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

  private static final String DATABASE = "cd_cluster_it";
  private static final Duration START = Duration.ofSeconds(600);
  private static final Pattern LINK = Pattern.compile("#/contacts/([A-Za-z0-9_-]+)");
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  private static final Path WORK = Path.of("target", "cluster-it", UUID.randomUUID().toString());
  private static GreenMail smtp;
  private static RunnableJar a;
  private static RunnableJar b;
  private static Nginx nginx;
  private static ContactDesk balanced;
  private static String databaseUrl;
  private static String databaseUser;
  private static String databasePassword;

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeTrue(
        Nginx.installed(), "nginx is not installed (apt-get install -y nginx; .ci/run does)");
    String url = freshDatabase();
    int[] ports = ports();
    smtp = new GreenMail(new ServerSetup(ports[3], "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    Map<String, String> environment = new HashMap<>();
    environment.put("CONTACTDESK_DB_URL", url);
    environment.put("CONTACTDESK_DB_USER", databaseUser);
    environment.put("CONTACTDESK_DB_PASSWORD", databasePassword);
    environment.put("CONTACTDESK_MAIL_HOST", "127.0.0.1");
    environment.put("CONTACTDESK_MAIL_PORT", String.valueOf(ports[3]));
    environment.put("CONTACTDESK_MAIL_POLL_SECONDS", "1");
    environment.put("CONTACTDESK_MAIL_RETRY_BASE_SECONDS", "1");
    // a dead node's claims are taken over after this; short, so the test need not wait a minute
    environment.put("CONTACTDESK_MAIL_LEASE_SECONDS", "5");
    environment.put("CONTACTDESK_SUBMISSIONS_PER_MINUTE", "1000000");
    a = new RunnableJar("node a", ports[1], WORK.resolve("a"), environment);
    b = new RunnableJar("node b", ports[2], WORK.resolve("b"), environment);
    // both at once on the empty database, as an operator's deployment starts them: one of them
    // makes the admin and the demo queue (the_two_nodes_started_at_once_made_one_admin_…)
    a.start();
    b.start();
    a.awaitReady(START);
    b.awaitReady(START);
    nginx = Nginx.start(WORK.resolve("nginx"), ports[0], List.of(a.port, b.port));
    balanced = ContactDesk.at(URI.create("http://127.0.0.1:" + ports[0] + "/"));
  }

  @AfterAll
  static void stopCluster() throws InterruptedException {
    if (nginx != null) {
      nginx.close();
    }
    for (RunnableJar node : new RunnableJar[] {a, b}) {
      if (node != null) {
        node.stop();
      }
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @BeforeEach
  void bothNodesUp() throws Exception {
    for (RunnableJar node : List.of(a, b)) {
      if (!node.alive()) {
        node.start();
        node.awaitReady(START);
      }
    }
    smtp.purgeEmailFromAllMailboxes();
  }

  @Test
  @Order(1)
  void a_contact_submitted_to_one_node_reaches_a_stream_on_the_other_and_through_nginx()
      throws Exception {
    Fixtures fixtures = new Fixtures(a.api);
    String queue = fixtures.queue().create();
    User agent = agent(fixtures, queue, false);

    try (EventStream onA = a.api.notifications(agent);
        EventStream throughNginx = balanced.notifications(agent)) {
      assertThat(onA.connectedWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(throughNginx.connectedWithin(Duration.ofSeconds(10))).isTrue();

      String onB = null;
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        onB = b.api.submit(queue, contact()).id();
        long answered = System.nanoTime();
        EventStream.Event event = onA.next(10);
        millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered));
        assertThat(event).as("the event on node a of a contact submitted to node b").isNotNull();
        assertThat(event.json().getString("contactId")).isEqualTo(onB);
      }
      System.out.printf(
          "Two nodes: from the 201 on node b to the event on node a: %s ms%n", millis);
      for (int i = 0; i < 4; i++) {
        throughNginx.next(10); // the first four, heard through nginx too
      }

      // whichever node nginx gave the stream to, one of these two crossed over
      String onA2 = a.api.submit(queue, contact()).id();
      Set<String> heard = new HashSet<>();
      for (int i = 0; i < 2; i++) {
        EventStream.Event next = throughNginx.next(10);
        assertThat(next).as("event %d through nginx", i + 1).isNotNull();
        heard.add(next.json().getString("contactId"));
      }
      assertThat(heard).containsExactlyInAnyOrder(onB, onA2);
      assertThat(throughNginx.next(1)).as("nothing twice").isNull();
    }
  }

  @Test
  @Order(2)
  void two_hundred_submissions_over_both_nodes_give_every_member_each_mail_exactly_once()
      throws Exception {
    Fixtures fixtures = new Fixtures(a.api);
    String queue = fixtures.queue().create();
    User mia = agent(fixtures, queue, true);
    User leo = agent(fixtures, queue, true);

    List<String> contacts = new ArrayList<>();
    ExecutorService load = Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> submitted = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        RunnableJar node = i % 2 == 0 ? a : b;
        submitted.add(load.submit(() -> node.api.submit(queue, contact()).id()));
      }
      for (var future : submitted) {
        contacts.add(future.get(60, TimeUnit.SECONDS));
      }
    } finally {
      load.shutdown();
    }

    Map<String, Integer> mails = awaitMails(Set.of(mia, leo), 400, Duration.ofSeconds(90));
    Map<String, Integer> expected = new HashMap<>();
    for (String contact : contacts) {
      expected.put(contact + " " + mia.username(), 1);
      expected.put(contact + " " + leo.username(), 1);
    }
    assertThat(mails).isEqualTo(expected);
  }

  @Test
  @Order(3)
  void a_killed_node_loses_nothing_acknowledged_its_agent_replays_through_nginx_mail_goes_once()
      throws Exception {
    Fixtures fixtures = new Fixtures(a.api);
    String queue = fixtures.queue().create();
    User agent = agent(fixtures, queue, true);

    EventStream stream = balanced.notifications(agent);
    assertThat(stream.connectedWithin(Duration.ofSeconds(10))).isTrue();
    String upstream = stream.header("X-Upstream").orElseThrow();
    RunnableJar victim = upstream.endsWith(":" + a.port) ? a : b;
    RunnableJar survivor = victim == a ? b : a;

    // a submission load through nginx, each with its own Idempotency-Key; paced, so that what
    // the agent misses while away stays within what a Last-Event-ID replay sends (200, SPEC)
    Map<String, String> acknowledged = new ConcurrentHashMap<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger refused = new AtomicInteger();
    ExecutorService load = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      load.submit(
          () -> {
            while (running.get()) {
              try {
                Thread.sleep(150);
              } catch (InterruptedException e) {
                return;
              }
              String key = UUID.randomUUID().toString();
              try {
                String id = submit(balanced, queue, key);
                if (id != null) {
                  acknowledged.put(key, id);
                } else {
                  refused.incrementAndGet();
                }
              } catch (RuntimeException e) {
                refused.incrementAndGet(); // cut off by the kill: never acknowledged
              }
            }
          });
    }
    List<String> heardContacts = new ArrayList<>();
    String lastEventId = null;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (System.nanoTime() < until) {
      EventStream.Event event = stream.next(1);
      if (event != null) {
        lastEventId = record(event, heardContacts);
      }
    }
    victim.killHard(); // the node holding the agent's stream, mid-load
    while (true) {
      EventStream.Event event = stream.next(2);
      if (event == null) {
        break;
      }
      lastEventId = record(event, heardContacts);
    }
    assertThat(stream.endsWithin(Duration.ofSeconds(10)))
        .as("the dead node's stream ended")
        .isTrue();
    stream.close();
    Thread.sleep(1_000); // the survivor takes the load alone for a while
    running.set(false);
    load.shutdown();
    assertThat(load.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    assertThat(acknowledged).as("submissions acknowledged").isNotEmpty();

    // the agent comes back through nginx, which now has only the survivor, with Last-Event-ID
    try (EventStream resumed =
        lastEventId == null
            ? balanced.notifications(agent)
            : balanced.notifications(agent, lastEventId)) {
      assertThat(resumed.connectedWithin(Duration.ofSeconds(10))).isTrue();
      assertThat(resumed.header("X-Upstream").orElseThrow()).endsWith(":" + survivor.port);
      Set<String> owed = new HashSet<>(acknowledged.values());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (!heardContacts.containsAll(owed) && System.nanoTime() < deadline) {
        EventStream.Event event = resumed.next(1);
        if (event != null) {
          record(event, heardContacts);
        }
      }
    }

    int lost = 0;
    for (var entry : acknowledged.entrySet()) {
      if (!entry.getValue().equals(submit(balanced, queue, entry.getKey()))) {
        lost++;
      }
    }
    Set<String> owed = new HashSet<>(acknowledged.values());
    Set<String> missed = new HashSet<>(owed);
    missed.removeAll(heardContacts);
    System.out.printf(
        "Two nodes, kill -9 of the stream's node: %d acknowledged (%d refused or cut off), %d lost,"
            + " %d heard live or replayed, %d not heard, %d heard twice%n",
        acknowledged.size(),
        refused.get(),
        lost,
        heardContacts.size(),
        missed.size(),
        heardContacts.size() - new HashSet<>(heardContacts).size());
    assertThat(lost).as("acknowledged contacts lost of " + acknowledged.size()).isZero();
    assertThat(missed).as("acknowledged contacts the agent never heard of").isEmpty();
    assertThat(heardContacts).as("heard twice").doesNotHaveDuplicates();

    // every stored contact is owed one mail: sent once by whichever node, or given up (the one a
    // node was sending when it died may have reached SMTP, so it is not sent again)
    Map<String, String> outbox = Map.of();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      outbox = outbox(queue);
      // settled: SENT, or FAILED (given up); a mail the dead node was SENDING settles when its
      // lease has run out and the survivor gives it up
      if (!outbox.isEmpty()
          && outbox.values().stream().allMatch(s -> s.equals("SENT") || s.equals("FAILED"))) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(outbox.keySet()).as("mail owed for every acknowledged contact").containsAll(owed);
    Map<String, Integer> mails = awaitMails(Set.of(agent), 0, Duration.ZERO);
    assertThat(mails.values()).as("no mail twice").allMatch(n -> n == 1);
    Map<String, String> finalOutbox = outbox;
    List<String> givenUp =
        outbox.keySet().stream().filter(c -> finalOutbox.get(c).equals("FAILED")).toList();
    List<String> sent =
        outbox.keySet().stream().filter(c -> finalOutbox.get(c).equals("SENT")).toList();
    System.out.printf(
        "Two nodes, kill -9: %d mails owed, %d sent once, %d given up as caught mid-send%n",
        outbox.size(), sent.size(), givenUp.size());
    assertThat(sent.size() + givenUp.size()).as("every mail settled").isEqualTo(outbox.size());
    for (String contact : sent) {
      assertThat(mails)
          .as("sent mail arrived once")
          .containsEntry(contact + " " + agent.username(), 1);
    }
    assertThat(givenUp).as("at most the one mail in flight on the dead node").hasSizeLessThan(2);
  }

  @Test
  void the_two_nodes_started_at_once_made_one_admin_and_one_demo_queue() throws SQLException {
    try (Connection c = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
        var rows =
            c.createStatement()
                .executeQuery(
                    "select (select count(*) from app_user where username = 'admin'),"
                        + " (select count(*) from queue where id = 'support')")) {
      rows.next();
      assertThat(rows.getInt(1)).as("admins").isEqualTo(1);
      assertThat(rows.getInt(2)).as("demo queues").isEqualTo(1);
    }
    a.api.get("api/me").as(User.ADMIN).send().assertStatus(200);
    b.api.get("api/me").as(User.ADMIN).send().assertStatus(200);
  }

  @Test
  void a_console_login_through_nginx_holds_on_both_nodes_with_its_csrf_token() {
    // round robin, no stickiness: consecutive calls alternate between the nodes (the submission
    // limit shared by both nodes is SessionsOnTwoNodesIT's, on a cluster of its own at 30/min)
    var session = balanced.login(User.ADMIN);
    for (int i = 0; i < 6; i++) {
      balanced.get("api/me").in(session).send().assertStatus(200);
      balanced
          .put("api/me/settings")
          .in(session)
          .json(
              "{\"notifications\":{\"registeredContacts\":"
                  + "{\"sound\":true,\"desktop\":false,\"email\":false}}}")
          .send()
          .assertStatus(200);
    }
    a.api.get("api/me").in(session).send().assertStatus(200);
    b.api.get("api/me").in(session).send().assertStatus(200);
    balanced.delete("api/session").in(session).send().assertStatus(204);
  }

  // ---- helpers

  /** Notes the event's contact (a repeat is kept, so that it shows) and answers its id. */
  private static String record(EventStream.Event event, List<String> contacts) {
    contacts.add(event.json().getString("contactId"));
    return event.id();
  }

  private static User agent(Fixtures fixtures, String queue, boolean email) {
    User agent = fixtures.user().memberOf(queue).create();
    a.api.notificationSettings(agent, true, false, email);
    return agent;
  }

  private static JsonObject contact() {
    return ContactDesk.parse(Fixtures.VALID_CONTACT).asJsonObject();
  }

  /** The contact's id, or null when it was not acknowledged with 201. */
  private static String submit(ContactDesk desk, String queue, String key) {
    Reply reply =
        desk.post("api/public/queues/" + queue + "/contacts")
            .header("Idempotency-Key", key)
            .timeout(Duration.ofSeconds(30))
            .json(Fixtures.VALID_CONTACT)
            .send();
    if (reply.status() != 201) {
      return null;
    }
    Matcher id = ID.matcher(reply.body());
    return id.find() ? id.group(1) : null;
  }

  /** The queue's owed mail as the database has it: contact id to state (one member each). */
  private static Map<String, String> outbox(String queue) throws SQLException {
    Map<String, String> states = new HashMap<>();
    try (Connection c = DriverManager.getConnection(databaseUrl, databaseUser, databasePassword);
        var select =
            c.prepareStatement("select contact_id, state from mail_outbox where queue_id = ?")) {
      select.setString(1, queue);
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          states.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return states;
  }

  /**
   * Waits for {@code expected} mails to these users (or the deadline), then a moment for any second
   * copy; answers how often each "contactId username" arrived.
   */
  private static Map<String, Integer> awaitMails(Set<User> to, int expected, Duration within)
      throws InterruptedException, MessagingException {
    long deadline = System.nanoTime() + within.toNanos();
    while (count(to) < expected && System.nanoTime() < deadline) {
      Thread.sleep(250);
    }
    Thread.sleep(2_000);
    Map<String, Integer> seen = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      String recipient = message.getRecipients(Message.RecipientType.TO)[0].toString();
      for (User user : to) {
        if (recipient.equals(user.username() + "@example.com")) {
          Matcher link = LINK.matcher(GreenMailUtil.getWholeMessage(message));
          assertThat(link.find()).as("a link in the mail").isTrue();
          seen.merge(link.group(1) + " " + user.username(), 1, Integer::sum);
        }
      }
    }
    return seen;
  }

  private static int count(Set<User> to) throws MessagingException {
    Set<String> addresses = new HashSet<>();
    to.forEach(u -> addresses.add(u.username() + "@example.com"));
    int n = 0;
    for (MimeMessage message : smtp.getReceivedMessages()) {
      if (addresses.contains(message.getRecipients(Message.RecipientType.TO)[0].toString())) {
        n++;
      }
    }
    return n;
  }

  /** A database of this test's own, made anew on the server the PostgreSQL pass uses. */
  private static String freshDatabase() throws SQLException {
    String configured = System.getenv("CONTACTDESK_DB_URL");
    if (configured == null || !configured.startsWith("jdbc:postgresql:")) {
      configured = "jdbc:postgresql://127.0.0.1:5432/test";
    }
    String server = configured.substring(0, configured.lastIndexOf('/') + 1);
    databaseUser = System.getenv().getOrDefault("CONTACTDESK_DB_USER", "postgres");
    databasePassword = System.getenv().getOrDefault("CONTACTDESK_DB_PASSWORD", "");
    try (Connection c =
            DriverManager.getConnection(server + "postgres", databaseUser, databasePassword);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      s.execute("CREATE DATABASE " + DATABASE);
    }
    databaseUrl = server + DATABASE;
    return databaseUrl;
  }

  /**
   * nginx, node a, node b, SMTP: from {@code contactdesk.it.cluster-port} upwards when given (a
   * shared machine hands out port ranges), else free ports.
   */
  private static int[] ports() throws IOException {
    String base = System.getProperty("contactdesk.it.cluster-port", "");
    int[] ports = new int[4];
    for (int i = 0; i < ports.length; i++) {
      if (base.isBlank()) {
        try (ServerSocket socket = new ServerSocket(0)) {
          ports[i] = socket.getLocalPort();
        }
      } else {
        ports[i] = Integer.parseInt(base.trim()) + i;
      }
    }
    return ports;
  }
}
