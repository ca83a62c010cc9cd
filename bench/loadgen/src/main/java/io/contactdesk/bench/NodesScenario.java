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
 * Scenario 8 (PostgreSQL only): what more nodes cost each other and the database. Two nodes on one
 * schema, then ten (by default), the same measurements at each size: the PostgreSQL connections
 * they hold, the live event from a submission on node a to an agent's stream on every other node, a
 * load of submissions to node a with the other nodes idle but listening and claiming mail (rate,
 * p99, CPU per submission over every node's process), what PostgreSQL's backends waited for
 * meanwhile, and every owed mail sent once. The load goes to one node, not through a balancer: on
 * two cores more nodes cannot add throughput, so what is measured is what each extra node takes.
 */
final class NodesScenario {

  private static final String AGENT = "nodesagent";
  private static final String AGENT_PASSWORD = "nodes-agent-password";
  private static final String SUBMIT = "/api/public/queues/support/contacts";

  private NodesScenario() {}

  static void run() throws Exception {
    int many = opt("nodes", 10);
    int seconds = opt("seconds", 10);
    int heap = opt("nodes-heap-mb", 384);
    section(
        "8. Nodes: 2, then "
            + many
            + " nodes on one PostgreSQL; live events to every node, c=16 to one node for "
            + seconds
            + " s, connections, waits, mail claims");
    if (!postgres) {
      line("");
      line("Several nodes need PostgreSQL: run `bench/run --postgres nodes`.");
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
            "CONTACTDESK_MAIL_RETRY_BASE_SECONDS", "1");
    int before = backends();
    List<App> nodes = new ArrayList<>();
    nodes.add(App.start("nodea", env, heap));
    nodes.add(App.join("nodeb", nodes.get(0), env, heap));
    member(nodes.get(0).port);
    List<String> rows = new ArrayList<>();
    AtomicInteger next = new AtomicInteger();
    rows.add(measure(nodes, before, smtp, next, seconds));
    while (nodes.size() < many) {
      nodes.add(App.join("node" + (char) ('a' + nodes.size()), nodes.get(0), env, heap));
    }
    rows.add(measure(nodes, before, smtp, next, seconds));
    line("");
    line(
        "| nodes | PostgreSQL connections (per node) | CPU of the idle nodes, cores | live event a → each other node p50 / p99 /"
            + " max ms (heard / sent) | c=16 to node a: submissions/s | p99 ms | CPU ms per"
            + " submission, all nodes, idle CPU taken off | backends waiting (samples: lock / LWLock / IO / client) |"
            + " mails owed / received / twice |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    rows.forEach(Report::line);
    for (App node : nodes) {
      node.stop();
    }
  }

  /** One row of the table with the nodes that are up now. */
  private static String measure(
      List<App> nodes, int before, MailSink smtp, AtomicInteger next, int seconds)
      throws Exception {
    Thread.sleep(5_000); // the last node's pool and listener settle
    int connections = backends() - before;
    // what the nodes spend with nothing to do (their pollers, timers and listeners)
    App[] all = nodes.toArray(App[]::new);
    long idle0 = cpuTicks(all);
    Thread.sleep(10_000);
    double idleCores = (cpuTicks(all) - idle0) / 100.0 / 10;

    // the live event: one submission at a time to node a, an agent's stream on every other node
    settings(nodes.get(0).port, false);
    List<Agent> agents = new ArrayList<>();
    for (App node : nodes.subList(1, nodes.size())) {
      agents.add(Agent.connect(node.port, AGENT, AGENT_PASSWORD));
    }
    List<Long> micros = new ArrayList<>();
    int sent = 0;
    try (Http http = new Http(nodes.get(0).port)) {
      for (int i = 0; i < 40; i++) {
        long start = System.nanoTime();
        Http.Response r = http.send(contactReq(SUBMIT, next.incrementAndGet()));
        Matcher m = ID.matcher(r.text());
        if (r.status() != 201 || !m.find()) {
          continue;
        }
        String id = m.group(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Agent agent : agents) {
          while (!agent.events.containsKey(id) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
          }
          Long heard = agent.events.get(id);
          if (heard != null && i >= 10) { // the first ten warm the path
            micros.add((heard - start) / 1000);
          }
        }
        if (i >= 10) {
          sent += agents.size();
        }
        Thread.sleep(100);
      }
    }
    agents.forEach(Agent::close);
    long[] live = micros.stream().mapToLong(Long::longValue).sorted().toArray();

    // a load on node a, every node's mail worker claiming the mails it owes (one member wants them)
    String schema = nodes.get(0).schema;
    settings(nodes.get(0).port, true);
    int owedBefore = owed(schema);
    int mailsBefore = smtp.count();
    Load.closed(
        nodes.get(0).port, 16, opt("nodes-warmup", 30), 10_000_000, () -> submit(next), 201);
    Map<String, Integer> waits = new ConcurrentHashMap<>();
    AtomicBoolean sampling = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> sampleWaits(waits, sampling), "wait-sampler");
    sampler.start();
    long cpu0 = cpuTicks(all);
    Load.Result load =
        Load.closed(nodes.get(0).port, 16, seconds, 10_000_000, () -> submit(next), 201);
    long cpu = cpuTicks(all) - cpu0 - Math.round(idleCores * 100 * load.seconds());
    sampling.set(false);
    sampler.join();
    settings(nodes.get(0).port, false);
    int owed = owed(schema) - owedBefore;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (smtp.count() - mailsBefore < owed && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    Thread.sleep(2_000); // anything sent twice would show up now
    int received = smtp.count() - mailsBefore;
    long twice = smtp.perPair().values().stream().filter(n -> n > 1).count();
    return String.format(
        Locale.ROOT,
        "| %d | %d (%.1f) | %.2f | %.1f / %.1f / %.1f (%d / %d) | %.0f | %.1f | %.2f | %d / %d / %d"
            + " / %d of %d | %d / %d / %d |",
        nodes.size(),
        connections,
        connections / (double) nodes.size(),
        idleCores,
        pct(live, 50) / 1000.0,
        pct(live, 99) / 1000.0,
        live.length == 0 ? 0 : live[live.length - 1] / 1000.0,
        live.length,
        sent,
        load.rate(),
        load.p(99),
        load.count() == 0 ? 0 : cpu * 10.0 / load.count(),
        waits.getOrDefault("Lock", 0),
        waits.getOrDefault("LWLock", 0),
        waits.getOrDefault("IO", 0),
        waits.getOrDefault("Client", 0),
        waits.getOrDefault("samples", 0),
        owed,
        received,
        twice);
  }

  private static Req submit(AtomicInteger next) {
    return contactReq(SUBMIT, next.incrementAndGet());
  }

  /** Mails owed so far, in any state. */
  private static int owed(String schema) throws SQLException {
    try (Connection c = connection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + ".mail_outbox")) {
      r.next();
      return r.getInt(1);
    }
  }

  /**
   * Every 50 ms, what the database's busy backends wait for, summed by {@code wait_event_type}
   * ("samples" counts the samples).
   */
  private static void sampleWaits(Map<String, Integer> waits, AtomicBoolean sampling) {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT wait_event_type, count(*) FROM pg_stat_activity WHERE datname = ?"
                    + " AND state <> 'idle' AND pid <> pg_backend_pid()"
                    + " AND wait_event_type IS NOT NULL GROUP BY wait_event_type")) {
      s.setString(1, postgresDb);
      while (sampling.get()) {
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            waits.merge(r.getString(1), r.getInt(2), Integer::sum);
          }
        }
        waits.merge("samples", 1, Integer::sum);
        Thread.sleep(50);
      }
    } catch (SQLException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Connections to the bench's database now, this one not counted. */
  private static int backends() throws SQLException {
    try (Connection c = connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                    + " AND pid <> pg_backend_pid()")) {
      s.setString(1, postgresDb);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static Connection connection() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:5432/" + postgresDb, "postgres", "");
  }

  private static long cpuTicks(App[] nodes) throws IOException {
    long ticks = 0;
    for (App node : nodes) {
      String stat = Files.readString(Path.of("/proc", String.valueOf(node.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
    }
    return ticks;
  }

  /** A member of the demo queue, with e-mail off for now. */
  private static void member(int port) throws IOException {
    try (Http http = new Http(port)) {
      String admin = basic("admin", ADMIN_PASSWORD);
      expect(
          http.send(
              jsonReq(
                  "POST",
                  "/api/admin/users",
                  admin,
                  "{\"username\":\""
                      + AGENT
                      + "\",\"displayName\":\"Nodes agent\",\"email\":\""
                      + AGENT
                      + "@example.com\",\"password\":\""
                      + AGENT_PASSWORD
                      + "\",\"roles\":[\"agent\"]}")),
          201);
      expect(
          http.send(
              new Req("PUT", "/api/admin/queues/support/members/" + AGENT, List.of(admin), null)),
          204);
    }
  }

  private static void settings(int port, boolean email) throws IOException {
    try (Http http = new Http(port)) {
      expect(
          http.send(
              jsonReq(
                  "PUT",
                  "/api/me/settings",
                  basic(AGENT, AGENT_PASSWORD),
                  "{\"notifications\":{\"registeredContacts\":{\"sound\":true,\"desktop\":false,"
                      + "\"email\":"
                      + email
                      + "}}}")),
          200);
    }
  }
}
