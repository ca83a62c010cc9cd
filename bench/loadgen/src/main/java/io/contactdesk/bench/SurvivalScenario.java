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

/**
 * Scenario 5: kill -9 during a submission load, restart, and every acknowledged contact is there.
 */
final class SurvivalScenario {

  private SurvivalScenario() {}

  static void run() throws Exception {
    int rounds = opt("rounds", 20);
    section(
        "5. Survival: kill -9 during a submission load (8 clients, after 20-220 acknowledgements or 10 s), restart, check, "
            + rounds
            + " times");
    App app = App.start("survival", Map.of());
    Path dir = app.dir;
    Map<String, String> everAcked = new ConcurrentHashMap<>();
    Set<String> everSent = ConcurrentHashMap.newKeySet();
    int lost = 0;
    int checked = 0;
    Random random = new Random();
    List<String> perRound = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Map<String, String> acked = new ConcurrentHashMap<>();
      // a replay must send the body of its first try: another body under the key is refused (422)
      Map<String, byte[]> sentBodies = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      int port = app.port;
      ExecutorService load = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        load.submit(
            () -> {
              try (Http http = new Http(port)) {
                int i = 0;
                while (running.get() && i++ < 100_000) {
                  Req r = contactReq("/api/public/queues/support/contacts", i);
                  String key = r.headers().get(1).substring("Idempotency-Key: ".length());
                  everSent.add(key);
                  sentBodies.put(key, r.body());
                  Http.Response resp = http.send(r);
                  Matcher m = ID.matcher(resp.text());
                  if (resp.status() == 201 && m.find()) {
                    acked.put(key, m.group(1));
                  }
                }
              } catch (IOException died) {
                // the app was killed under us: that request was never acknowledged
              }
              return null;
            });
      }
      // kill at a random moment once some contacts are acknowledged (a cold app is slow at first)
      int target = 20 + random.nextInt(200);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (acked.size() < target && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      app.kill9();
      running.set(false);
      load.shutdown();
      load.awaitTermination(30, TimeUnit.SECONDS);
      everAcked.putAll(acked);
      app = App.start("survival", Map.of(), dir);
      int roundLost = 0;
      try (Http http = new Http(app.port)) {
        for (Map.Entry<String, String> e : acked.entrySet()) {
          Req r =
              new Req(
                  "POST",
                  "/api/public/queues/support/contacts",
                  List.of("Content-Type: application/json", "Idempotency-Key: " + e.getKey()),
                  sentBodies.get(e.getKey()));
          Http.Response resp = http.send(r);
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
          "round " + round + ": " + acked.size() + " acknowledged, " + roundLost + " lost");
    }
    // none twice: every acknowledged id appears exactly once in the activity log
    Map<String, Integer> seen = new HashMap<>();
    int pages = 0;
    try (Http http = new Http(app.port)) {
      String auth = basic("admin", ADMIN_PASSWORD);
      String next = null;
      Pattern nextP = Pattern.compile("\"next\":\"([^\"]+)\"");
      do {
        Http.Response r =
            http.send(
                new Req(
                    "GET",
                    "/api/queues/support/activity?limit=200"
                        + (next == null ? "" : "&before=" + next),
                    List.of(auth),
                    null));
        registeredIds(r.text()).forEach(id -> seen.merge(id, 1, Integer::sum));
        Matcher n = nextP.matcher(r.text());
        next = n.find() ? n.group(1) : null;
      } while (next != null && ++pages < 10_000);
    }
    long twice = everAcked.values().stream().filter(id -> seen.getOrDefault(id, 0) > 1).count();
    long absent = everAcked.values().stream().filter(id -> !seen.containsKey(id)).count();
    line("");
    line("| figure | value |");
    line("|---|---:|");
    line("| kills | " + rounds + " |");
    line("| acknowledged per round | " + String.join(", ", perRound) + " |");
    line(
        "| lost after restart (replay did not return the acknowledged id) | **"
            + lost
            + " of "
            + checked
            + "** |");
    line("| stored twice / missing from the activity log | " + twice + " / " + absent + " |");
    line(
        "| contacts in the log / distinct keys sent (unacknowledged ones may or may not be stored) | "
            + seen.size()
            + " / "
            + everSent.size()
            + " |");
    app.stop();
  }
}
