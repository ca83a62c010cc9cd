package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** Scenario 2: live notifications of submissions to many agents on /api/notifications. */
final class FanoutScenario {

  private static final String AGENT_PASSWORD = "fanout-agent-password";

  private FanoutScenario() {}

  static void run() throws Exception {
    int agents = opt("agents", 1000);
    int rate = opt("rate", 10);
    int seconds = opt("fanout-seconds", 15);
    App app = App.start("fanout", Map.of());
    // One agent through the admin API, so that the app's own password code makes the hash; the
    // other agents are its copies, written by JDBC into the schema of the app's migrations:
    // through the API each would cost five PBKDF2 rounds at the app's iterations (admin login
    // twice, the new hash, the agent's login twice), minutes for 1,000 agents on two cores.
    try (Http http = new Http(app.port)) {
      String admin = basic("admin", ADMIN_PASSWORD);
      expect(
          http.send(
              jsonReq(
                  "POST",
                  "/api/admin/users",
                  admin,
                  "{\"username\":\"agent0000\","
                      + "\"displayName\":\"Agent 0\",\"email\":\"agent0000@example.com\",\"password\":\""
                      + AGENT_PASSWORD
                      + "\",\"roles\":[\"agent\"]}")),
          201);
      expect(
          http.send(
              new Req("PUT", "/api/admin/queues/support/members/agent0000", List.of(admin), null)),
          204);
      expect(
          http.send(
              jsonReq(
                  "PUT",
                  "/api/me/settings",
                  basic("agent0000", AGENT_PASSWORD),
                  "{\"notifications\":{\"registeredContacts\":{\"sound\":true,\"desktop\":true,\"email\":false}}}")),
          200);
    }
    app.stopGently();
    app.jdbc(
        c -> {
          String hash;
          try (PreparedStatement h =
                  c.prepareStatement(
                      "SELECT password_hash FROM app_user WHERE username = 'agent0000'");
              ResultSet r = h.executeQuery()) {
            r.next();
            hash = r.getString(1);
          }
          c.setAutoCommit(false);
          try (PreparedStatement u =
                  c.prepareStatement(
                      "INSERT INTO app_user (id, username, display_name, email, password_hash, roles,"
                          + " notify_sound, notify_desktop, notify_email, created_at, version)"
                          + " VALUES (?, ?, ?, ?, ?, 'AGENT', TRUE, TRUE, FALSE, ?, 0)");
              PreparedStatement m =
                  c.prepareStatement(
                      "INSERT INTO queue_member (queue_id, username, joined_at) VALUES ('support', ?, ?)")) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            for (int i = 1; i < agents; i++) {
              String name = String.format("agent%04d", i);
              u.setString(1, "bench-agent-" + i);
              u.setString(2, name);
              u.setString(3, "Agent " + i);
              u.setString(4, name + "@example.com");
              u.setString(5, hash);
              u.setObject(6, now);
              u.addBatch();
              m.setString(1, name);
              m.setObject(2, now);
              m.addBatch();
            }
            u.executeBatch();
            m.executeBatch();
          }
          c.commit();
        });
    App live = App.start("fanout", Map.of(), app.dir);
    app = live;
    section(
        "2. Fan-out: "
            + agents
            + " agents on /api/notifications, "
            + rate
            + " submissions/s for "
            + seconds
            + " s");
    long heapBefore = app.heapUsedAfterGc();
    ConcurrentHashMap<String, Long> acked = new ConcurrentHashMap<>();
    List<long[]> arrivalsNanos = Collections.synchronizedList(new ArrayList<>());
    List<Agent> list = new ArrayList<>();
    long t0 = System.nanoTime();
    ExecutorService connecting = Executors.newFixedThreadPool(16);
    List<Future<Agent>> futures = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      String name = String.format("agent%04d", i);
      futures.add(connecting.submit(() -> Agent.connect(live.port, name, AGENT_PASSWORD)));
    }
    int failed = 0;
    for (Future<Agent> f : futures) {
      try {
        list.add(f.get(120, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        failed++;
        if (failed < 4) {
          System.out.println("agent connect failed: " + e);
        }
      }
    }
    connecting.shutdownNow();
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(2000);
    long heapConnected = app.heapUsedAfterGc();
    // warm-up at the same rate, not measured: the JIT compiles the fan-out path for a while
    try (Http http = new Http(app.port)) {
      int warmup = rate * opt("fanout-warmup", 15);
      long warmStart = System.nanoTime();
      for (int i = 0; i < warmup; i++) {
        long wait = warmStart + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        http.send(contactReq("/api/public/queues/support/contacts", -1 - i));
      }
    }
    Thread.sleep(1000);
    list.forEach(a -> a.events.clear());
    // steady submissions
    List<Long> submitLatencies = Collections.synchronizedList(new ArrayList<>());
    int total = rate * seconds;
    long start = System.nanoTime();
    try (Http http = new Http(app.port)) {
      for (int i = 0; i < total; i++) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long s0 = System.nanoTime();
        Http.Response r = http.send(contactReq("/api/public/queues/support/contacts", i));
        long s1 = System.nanoTime();
        submitLatencies.add(s1 - s0);
        Matcher id = ID.matcher(r.text());
        if (r.status() == 201 && id.find()) {
          acked.put(id.group(1), s1);
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long expected = (long) acked.size() * list.size();
    while (System.nanoTime() < deadline) {
      long got = list.stream().mapToLong(a -> a.events.size()).sum();
      if (got >= expected) {
        break;
      }
      Thread.sleep(200);
    }
    long[] lat = new long[(int) expected];
    int k = 0;
    int early = 0;
    long delivered = 0;
    for (Agent a : list) {
      for (Map.Entry<String, Long> e : a.events.entrySet()) {
        Long ack = acked.get(e.getKey());
        if (ack == null) {
          continue;
        }
        long d = e.getValue() - ack;
        if (d < 0) {
          early++;
          d = 0;
        }
        if (k < lat.length) {
          lat[k++] = d;
        }
        delivered++;
      }
    }
    long[] got = Arrays.copyOf(lat, k);
    Arrays.sort(got);
    long[] sl = submitLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    line("");
    line("| figure | value |");
    line("|---|---:|");
    line(
        String.format(
            Locale.ROOT,
            "| agents connected | %d of %d (%d failed) in %.1f s |",
            list.size(),
            agents,
            failed,
            connectSeconds));
    line(
        String.format(Locale.ROOT, "| submissions acknowledged | %d of %d |", acked.size(), total));
    line(
        String.format(
            Locale.ROOT, "| events delivered / expected | %,d / %,d |", delivered, expected));
    line(String.format(Locale.ROOT, "| 201 → event p50 | %.1f ms |", pct(got, 50) / 1e6));
    line(String.format(Locale.ROOT, "| 201 → event p99 | %.1f ms |", pct(got, 99) / 1e6));
    line(
        String.format(
            Locale.ROOT,
            "| 201 → event max | %.1f ms |",
            got.length == 0 ? 0 : got[got.length - 1] / 1e6));
    line(
        String.format(
            Locale.ROOT, "| events read before the 201 was read (counted as 0) | %d |", early));
    line(
        String.format(
            Locale.ROOT,
            "| submission p50 / p99 during fan-out | %.1f / %.1f ms |",
            pct(sl, 50) / 1e6,
            pct(sl, 99) / 1e6));
    line(
        String.format(
            Locale.ROOT,
            "| heap used after GC: before / with agents | %.1f / %.1f MiB |",
            heapBefore / 1048576.0,
            heapConnected / 1048576.0));
    line(
        String.format(
            Locale.ROOT,
            "| heap per connected agent | %.1f KiB |",
            list.isEmpty() ? 0 : (heapConnected - heapBefore) / 1024.0 / list.size()));
    list.forEach(Agent::close);
    app.stop();
  }
}
