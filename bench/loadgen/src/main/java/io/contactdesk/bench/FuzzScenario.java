package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** Scenario 6: generated hostile requests; no 5xx, nothing stored that should not be. */
final class FuzzScenario {

  private FuzzScenario() {}

  static void run() throws Exception {
    int count = opt("fuzz-requests", 3000);
    App app = App.start("fuzz", Map.of());
    section("6. Hostile input: " + count + " generated requests (seeded, reproducible)");
    Random random = new Random(opt("seed", 7));
    String admin = basic("admin", ADMIN_PASSWORD);
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    List<String> fiveXx = new ArrayList<>();
    int created = 0;
    int dropped = 0;
    List<String> createdBodies = new ArrayList<>();
    int timeouts = 0;
    for (int i = 0; i < count; i++) {
      Fuzz.Case f = Fuzz.next(random, admin);
      byKind.merge(f.kind(), 1, Integer::sum);
      Http.Response r;
      // one connection per request, closed after it: a hostile request cannot confuse the next one
      try (Http http = new Http(app.port)) {
        r = http.sendRaw(Fuzz.closing(f.raw()), 15_000);
      } catch (SocketTimeoutException e) {
        timeouts++;
        statuses.merge(-2, 1, Integer::sum);
        if (timeouts <= 5) {
          System.out.println(
              "timeout: "
                  + f.kind()
                  + " "
                  + Fuzz.shorten(new String(f.raw(), StandardCharsets.ISO_8859_1)));
        }
        continue;
      } catch (IOException e) {
        dropped++;
        statuses.merge(-1, 1, Integer::sum);
        continue;
      }
      statuses.merge(r.status(), 1, Integer::sum);
      if (r.status() >= 500) {
        fiveXx.add(
            f.kind()
                + ": "
                + Fuzz.shorten(new String(f.raw(), StandardCharsets.ISO_8859_1))
                + " -> "
                + r.status()
                + " "
                + Fuzz.shorten(r.text()));
      }
      String requestLine =
          new String(f.raw(), 0, Math.min(80, f.raw().length), StandardCharsets.ISO_8859_1);
      if (r.status() == 201
          && (requestLine.contains("/contacts ") || requestLine.contains("/bench/floor/"))) {
        created++;
        createdBodies.add(f.kind());
      }
    }
    // What was stored: every contact in the log, read back, and the CSV export
    int stored = 0;
    int badStored = 0;
    List<String> badExamples = new ArrayList<>();
    String csv;
    try (Http h = new Http(app.port)) {
      String next = null;
      List<String> ids = new ArrayList<>();
      do {
        Http.Response r =
            h.send(
                new Req(
                    "GET",
                    "/api/queues/support/activity?limit=200"
                        + (next == null ? "" : "&before=" + next),
                    List.of(admin),
                    null));
        ids.addAll(registeredIds(r.text()));
        Matcher n = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(r.text());
        next = n.find() ? n.group(1) : null;
      } while (next != null);
      stored = ids.size();
      for (String id : ids) {
        Http.Response r = h.send(new Req("GET", "/api/contacts/" + id, List.of(admin), null));
        String body = r.text();
        String why = Fuzz.badStored(body);
        if (r.status() != 200 || why != null) {
          badStored++;
          if (badExamples.size() < 5) {
            badExamples.add(
                id
                    + ": "
                    + (why == null ? "status " + r.status() : why)
                    + " "
                    + Fuzz.shorten(body));
          }
        }
      }
      Http.Response c =
          h.send(
              new Req(
                  "GET",
                  "/api/queues/support/questionnaire-answers",
                  List.of(admin, "Accept: text/csv"),
                  null));
      csv = c.text();
    }
    int formulaCells = Fuzz.formulaCells(csv);
    line("");
    line("| figure | value |");
    line("|---|---:|");
    line("| requests sent | " + count + " |");
    line("| kinds | " + byKind + " |");
    line("| statuses (-1 = closed without an answer, -2 = no answer in 15 s) | " + statuses + " |");
    line("| **5xx seen** | **" + fiveXx.size() + "** |");
    line(
        "| answered 201 (submissions and the durable floor) / contacts stored in the log | "
            + created
            + " / "
            + stored
            + " |");
    line(
        "| stored contacts with control characters, markup not kept as text, or invalid e-mail | "
            + badStored
            + " |");
    line("| CSV cells starting with = + - @ (formula injection) | " + formulaCells + " |");
    line(
        "| connections dropped by the server without an answer / no answer in 15 s | "
            + dropped
            + " / "
            + timeouts
            + " |");
    for (String s : fiveXx.subList(0, Math.min(10, fiveXx.size()))) {
      line("");
      line("    5xx: " + s);
    }
    badExamples.forEach(b -> line("\n    stored: " + b));
    String log = Files.readString(app.log(), StandardCharsets.ISO_8859_1);
    long severe = log.lines().filter(l -> l.contains("SEVERE") || l.contains("Unexpected")).count();
    line("");
    line("App log lines with SEVERE or Unexpected during fuzz: " + severe + " (" + app.log() + ")");
    app.stop();
  }
}
