package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.nio.file.*;
import java.sql.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.regex.*;

/**
 * Scenario 7 (PostgreSQL only): two nodes on one database behind nginx (docs/deployment.md,
 * "Several nodes"). Submissions/s and p99 through nginx with one node and with two, CPU per
 * submission, the live event's way across nodes (201 on node b to the event on node a), and kill -9
 * of one node during a load through nginx, repeated: every acknowledged contact kept, every owed
 * mail sent at most once.
 */
final class ClusterScenario {

  private static final String AGENT = "clusteragent";
  private static final String AGENT_PASSWORD = "cluster-agent-password";
  private static final String SUBMIT = "/api/public/queues/support/contacts";

  private ClusterScenario() {}

  static void run() throws Exception {
    int seconds = opt("seconds", 10);
    int rounds = opt("cluster-rounds", 10);
    section(
        "7. Cluster: two nodes on one PostgreSQL behind nginx; c=32 for "
            + seconds
            + " s with one node and with two, live events across nodes, kill -9 of a node "
            + rounds
            + " times");
    if (!postgres) {
      line("");
      line("Several nodes need PostgreSQL: run `bench/run --postgres cluster`.");
      return;
    }
    if (!BenchNginx.installed()) {
      line("");
      line("nginx is not installed (`apt-get install -y nginx`): scenario skipped.");
      return;
    }
    MailSink smtp = new MailSink(freePort());
    smtp.up();
    cleanups.add(smtp::down);
    Map<String, String> env =
        Map.of(
            "CONTACTDESK_MAIL_HOST", "127.0.0.1",
            "CONTACTDESK_MAIL_PORT", String.valueOf(smtp.port),
            "CONTACTDESK_MAIL_POLL_SECONDS", "1",
            "CONTACTDESK_MAIL_RETRY_BASE_SECONDS", "1",
            "CONTACTDESK_MAIL_LEASE_SECONDS", "5");
    App[] nodes = {App.start("clustera", env), null};
    nodes[1] = App.join("clusterb", nodes[0], env);
    agent(nodes[0].port, false); // no mail while throughput is measured

    // 1. throughput through nginx: one node behind it, then both (a warm-up first, not measured)
    // the JIT takes minutes to settle (see 1.): figures after a short warm-up are a cold app's
    int warmup = opt("cluster-warmup", 60);
    BenchNginx one = BenchNginx.start(root.resolve("nginx-one"), List.of(nodes[0].port));
    AtomicInteger n = new AtomicInteger();
    Load.closed(
        one.port, 32, warmup, 10_000_000, () -> contactReq(SUBMIT, n.incrementAndGet()), 201);
    long cpu0 = cpuTicks(nodes);
    Load.Result single =
        Load.closed(
            one.port, 32, seconds, 10_000_000, () -> contactReq(SUBMIT, n.incrementAndGet()), 201);
    long cpuSingle = cpuTicks(nodes) - cpu0;
    one.close();
    BenchNginx both =
        BenchNginx.start(root.resolve("nginx-both"), List.of(nodes[0].port, nodes[1].port));
    Load.closed(
        both.port, 32, warmup, 10_000_000, () -> contactReq(SUBMIT, n.incrementAndGet()), 201);
    cpu0 = cpuTicks(nodes);
    Load.Result pair =
        Load.closed(
            both.port, 32, seconds, 10_000_000, () -> contactReq(SUBMIT, n.incrementAndGet()), 201);
    long cpuPair = cpuTicks(nodes) - cpu0;
    line("");
    line(
        "| through nginx, c=32 | submissions/s | p50 ms | p99 ms | max ms | answered / s elapsed"
            + " | errors | app CPU ms per submission |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|");
    row("one node", single, cpuSingle);
    row("two nodes", pair, cpuPair);

    // 2. the live event across nodes: a stream on node a, one submission at a time to node b. The
    // event goes out at the commit, before b has written its 201, so the clock starts at the send.
    Agent agent = Agent.connect(nodes[0].port, AGENT, AGENT_PASSWORD);
    List<Long> micros = new ArrayList<>();
    List<Long> answerMicros = new ArrayList<>();
    int timed = 50;
    int before201 = 0;
    try (Http http = new Http(nodes[1].port)) {
      for (int i = 0; i < timed + 10; i++) {
        long sent = System.nanoTime();
        Http.Response r = http.send(contactReq(SUBMIT, 5_000_000 + i));
        long answered = System.nanoTime();
        Matcher m = ID.matcher(r.text());
        if (r.status() != 201 || !m.find()) {
          continue;
        }
        String id = m.group(1);
        long deadline = answered + TimeUnit.SECONDS.toNanos(10);
        while (!agent.events.containsKey(id) && System.nanoTime() < deadline) {
          java.util.concurrent.locks.LockSupport.parkNanos(100_000);
        }
        Long heard = agent.events.get(id);
        if (heard != null && i >= 10) { // the first ten warm the path
          micros.add((heard - sent) / 1000);
          answerMicros.add((answered - sent) / 1000);
          if (heard < answered) {
            before201++;
          }
        }
        Thread.sleep(50);
      }
    }
    agent.close();
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] answers = answerMicros.stream().mapToLong(Long::longValue).sorted().toArray();
    line("");
    line(
        String.format(
            Locale.ROOT,
            "Live event across nodes, %d contacts one at a time to node b, a stream on node a: from"
                + " the request sent to the event read on a, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                + " (b's own 201: p50 %.1f ms, p99 %.1f ms); the event was read before the 201 in"
                + " %d of them; %d not heard within 10 s.",
            sorted.length,
            pct(sorted, 50) / 1000.0,
            pct(sorted, 99) / 1000.0,
            sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0,
            pct(answers, 50) / 1000.0,
            pct(answers, 99) / 1000.0,
            before201,
            timed - sorted.length));
    line(
        "(Each figure is read on this machine with both nodes, nginx, PostgreSQL and the load"
            + " generator on its cores.)");

    // 3. kill -9 of one node (in turn) during a load through nginx; the node is started again
    agent(nodes[0].port, true);
    int lost = 0;
    int checked = 0;
    List<String> perRound = new ArrayList<>();
    Random random = new Random();
    for (int round = 1; round <= rounds; round++) {
      int victim = round % 2;
      Map<String, String> acked = new ConcurrentHashMap<>();
      Map<String, byte[]> bodies = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService load = Executors.newFixedThreadPool(8);
      int port = both.port;
      for (int t = 0; t < 8; t++) {
        load.submit(
            () -> {
              int i = 0;
              while (running.get() && i++ < 100_000) {
                try (Http http = new Http(port)) {
                  while (running.get()) {
                    Req r = contactReq(SUBMIT, i++);
                    String key = r.headers().get(1).substring("Idempotency-Key: ".length());
                    bodies.put(key, r.body());
                    Http.Response resp = http.send(r);
                    Matcher m = ID.matcher(resp.text());
                    if (resp.status() == 201 && m.find()) {
                      acked.put(key, m.group(1));
                    }
                  }
                } catch (IOException cut) {
                  // a request cut by the kill was never acknowledged; go on through nginx
                }
              }
              return null;
            });
      }
      int target = 20 + random.nextInt(200);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (acked.size() < target && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      nodes[victim].kill9();
      Thread.sleep(1_000); // the survivor carries the load alone
      running.set(false);
      load.shutdown();
      load.awaitTermination(60, TimeUnit.SECONDS);
      int roundLost = 0;
      try (Http http = new Http(both.port)) {
        for (Map.Entry<String, String> e : acked.entrySet()) {
          Http.Response resp =
              http.send(
                  new Req(
                      "POST",
                      SUBMIT,
                      List.of("Content-Type: application/json", "Idempotency-Key: " + e.getKey()),
                      bodies.get(e.getKey())));
          Matcher m = ID.matcher(resp.text());
          if (resp.status() != 201 || !m.find() || !m.group(1).equals(e.getValue())) {
            roundLost++;
          }
        }
      }
      lost += roundLost;
      checked += acked.size();
      perRound.add(acked.size() + (roundLost > 0 ? "(" + roundLost + " lost)" : ""));
      System.out.println(
          "cluster round " + round + ": " + acked.size() + " acknowledged, " + roundLost + " lost");
      nodes[victim] = nodes[victim].restart(env);
    }

    // every owed mail settled (sent or given up), then: which arrived, and how often
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Map<String, Integer> states = outbox(nodes[0]);
    while (states.getOrDefault("PENDING", 0) + states.getOrDefault("SENDING", 0) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
      states = outbox(nodes[0]);
    }
    Thread.sleep(2_000);
    Map<String, Integer> pairs = smtp.perPair();
    long twice = pairs.values().stream().filter(c -> c > 1).count();
    both.close();
    line("");
    line("| kill -9 through nginx | value |");
    line("|---|---:|");
    line("| kills (alternating nodes, each started again) | " + rounds + " |");
    line("| acknowledged per round | " + String.join(", ", perRound) + " |");
    line("| acknowledged contacts lost | **" + lost + " lost of " + checked + "** |");
    line(
        "| owed mails: sent / given up (caught mid-send) / still waiting | "
            + states.getOrDefault("SENT", 0)
            + " / "
            + states.getOrDefault("FAILED", 0)
            + " / "
            + (states.getOrDefault("PENDING", 0) + states.getOrDefault("SENDING", 0))
            + " |");
    line(
        "| mails received / received more than once | "
            + pairs.size()
            + " / **"
            + twice
            + " doubled** |");
    for (App node : nodes) {
      node.stop();
    }
  }

  private static void row(String what, Load.Result r, long cpuTicks) {
    line(
        String.format(
            Locale.ROOT,
            "| %s | %.0f | %.1f | %.1f | %.1f | %d / %.1f | %d | %.2f |",
            what,
            r.rate(),
            r.p(50),
            r.p(99),
            r.p(100),
            r.count(),
            r.seconds(),
            r.errors(),
            r.count() == 0 ? 0 : cpuTicks * 10.0 / r.count()));
  }

  /** CPU time of the nodes' processes so far, in clock ticks (1/100 s on Linux). */
  private static long cpuTicks(App[] nodes) throws IOException {
    long ticks = 0;
    for (App node : nodes) {
      String stat = Files.readString(Path.of("/proc", String.valueOf(node.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }
    return ticks;
  }

  private static Map<String, Integer> outbox(App node) throws Exception {
    Map<String, Integer> states = new HashMap<>();
    String url = "jdbc:postgresql://127.0.0.1:5432/" + postgresDb + "?currentSchema=" + node.schema;
    try (Connection c = DriverManager.getConnection(url, "postgres", "");
        ResultSet r =
            c.createStatement()
                .executeQuery("select state, count(*) from mail_outbox group by state")) {
      while (r.next()) {
        states.put(r.getString(1), r.getInt(2));
      }
    }
    return states;
  }

  /** A member of the demo queue who hears of contacts live and by e-mail. */
  private static void agent(int port, boolean email) throws IOException {
    try (Http http = new Http(port)) {
      String admin = basic("admin", ADMIN_PASSWORD);
      if (email) {
        settings(http, true);
        return;
      }
      expect(
          http.send(
              jsonReq(
                  "POST",
                  "/api/admin/users",
                  admin,
                  "{\"username\":\""
                      + AGENT
                      + "\",\"displayName\":\"Cluster agent\",\"email\":\""
                      + AGENT
                      + "@example.com\",\"password\":\""
                      + AGENT_PASSWORD
                      + "\",\"roles\":[\"agent\"]}")),
          201);
      expect(
          http.send(
              new Req("PUT", "/api/admin/queues/support/members/" + AGENT, List.of(admin), null)),
          204);
      settings(http, false);
    }
  }

  private static void settings(Http http, boolean email) throws IOException {
    expect(
        http.send(
            jsonReq(
                "PUT",
                "/api/me/settings",
                basic(AGENT, AGENT_PASSWORD),
                "{\"notifications\":{\"registeredContacts\":{\"sound\":true,\"desktop\":false,\"email\":"
                    + email
                    + "}}}")),
        200);
  }
}
