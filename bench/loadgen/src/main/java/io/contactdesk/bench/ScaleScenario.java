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

/** Scenario 3: activity pages, statistics and the CSV export at a million contacts. */
final class ScaleScenario {

  private ScaleScenario() {}

  static void run() throws Exception {
    int contacts = opt("contacts", 1_000_000);
    App app = App.start("scale", Map.of());
    app.stopGently();
    long s0 = System.nanoTime();
    long[] firstLast = new long[2];
    app.jdbc(c -> ScaleSeed.seed(c, contacts));
    double seedSeconds = (System.nanoTime() - s0) / 1e9;
    app = App.start("scale", Map.of(), app.dir);
    section(
        "3. Scale: "
            + String.format(Locale.ROOT, "%,d", contacts)
            + " contacts in queue support (seeded by JDBC in "
            + String.format(Locale.ROOT, "%.0f", seedSeconds)
            + " s)");
    try (Http http = new Http(app.port)) {
      String auth =
          "Authorization: Basic "
              + Base64.getEncoder()
                  .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
      Http.Response first =
          http.send(new Req("GET", "/api/queues/support/activity?limit=50", List.of(auth), null));
      if (first.status() != 200) {
        throw new IllegalStateException("activity: " + first.status() + " " + first.text());
      }
      Matcher m = Pattern.compile("\"id\":\"(\\d+)\"").matcher(first.text());
      m.find();
      long newest = Long.parseLong(m.group(1));
      long deepId = newest - contacts / 2;
      String cursor = activityCursor(deepId);
      // following next from the newest page for 20 pages proves the computed cursor has the same
      // form
      String next = null;
      Req page = new Req("GET", "/api/queues/support/activity?limit=50", List.of(auth), null);
      for (int i = 0; i < 20; i++) {
        Http.Response r =
            http.send(
                next == null
                    ? page
                    : new Req(
                        "GET",
                        "/api/queues/support/activity?limit=50&before=" + next,
                        List.of(auth),
                        null));
        Matcher n = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(r.text());
        next = n.find() ? n.group(1) : null;
      }
      // The app has just started: pages, a contact, pages again, until the JIT has compiled the
      // paths timed below (as in a server that has run for a while); nothing of this is timed.
      long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt("scale-warmup", 20));
      for (int i = 0; System.nanoTime() < warmUntil; i++) {
        http.send(contactReq("/api/public/queues/support/contacts", 100_000 + i));
        http.send(page);
        http.send(new Req("GET", "/api/contacts?queue=support&limit=50", List.of(auth), null));
        http.send(
            new Req(
                "GET",
                "/api/queues/support/activity?limit=50&before="
                    + activityCursor(deepId + 10_000 + i),
                List.of(auth),
                null));
      }
      // Each timed page must really be read: H2 answers a statement repeated with the same
      // parameters on an unchanged table from its last result. So a contact arrives before each
      // newest page (as in a live queue), and each deep page has a cursor of its own.
      Req newestPage = new Req("GET", "/api/queues/support/activity?limit=50", List.of(auth), null);
      long[] newestLat =
          timeGets(
              http,
              i -> {
                Http.Response r = http.send(contactReq("/api/public/queues/support/contacts", i));
                if (r.status() != 201) {
                  throw new IllegalStateException("submission: " + r.status() + " " + r.text());
                }
                return newestPage;
              },
              100);
      Http.Response deepPage =
          http.send(
              new Req(
                  "GET",
                  "/api/queues/support/activity?limit=50&before=" + cursor,
                  List.of(auth),
                  null));
      int deepEntries = countOf(deepPage.text(), "\"type\":\"CONTACT_REGISTERED\"");
      long[] deepLat =
          timeGets(
              http,
              i ->
                  new Req(
                      "GET",
                      "/api/queues/support/activity?limit=50&before="
                          + activityCursor(deepId - 50L * (i + 1)),
                      List.of(auth),
                      null),
              100);
      // The statistics of the default 30 days at each grain (issue #19: still one pass over the
      // date index), a new contact before each so that H2 cannot answer from its last result
      Map<String, long[]> statisticsLat = new LinkedHashMap<>();
      int submitted = 1000;
      for (String grain : List.of("hour", "day", "month")) {
        Req statistics =
            new Req(
                "GET", "/api/queues/support/statistics?granularity=" + grain, List.of(auth), null);
        int from = submitted;
        statisticsLat.put(
            grain,
            timeGets(
                http,
                i -> {
                  http.send(contactReq("/api/public/queues/support/contacts", from + i));
                  return statistics;
                },
                5));
        submitted += 5;
      }
      // The contact list and search (issue #17): filtered newest pages, a new contact before each
      // (it is NEW and in the queue, so it lands on the page read next), and lookups of 100
      // contacts spread over the whole table
      String list = "/api/contacts?queue=support&limit=50";
      Instant dayStart = Instant.now().minus(Duration.ofDays(10));
      // 1,000 reads a probe, so that its p99 is the tenth slowest, not the second
      int samples = opt("scale-samples", 1000);
      int spread = Math.max(1, contacts / samples);
      Map<String, IOFunction<Req>> probes = new LinkedHashMap<>();
      int base = submitted;
      for (var filter :
          List.of(
              List.of("the queue's contacts, newest page", ""),
              List.of("status NEW, newest page", "&status=NEW"),
              List.of("handler admin, newest page", "&handler=admin"),
              List.of("overdue, newest page (1 in 500 is)", "&overdue=true"))) {
        probes.put(
            filter.get(0) + " (a new contact before each)",
            i -> {
              http.send(contactReq("/api/public/queues/support/contacts", base + i));
              return new Req("GET", list + filter.get(1), List.of(auth), null);
            });
      }
      probes.put(
          "one day, ten days back (a window a minute later each time)",
          i -> {
            Instant from = dayStart.plus(Duration.ofMinutes(i));
            return new Req(
                "GET",
                list + "&from=" + from + "&to=" + from.plus(Duration.ofDays(1)),
                List.of(auth),
                null);
          });
      probes.put(
          "q = a reference in lower case without its dash (1,000 across the table)",
          i ->
              new Req(
                  "GET",
                  "/api/contacts?q="
                      + ScaleSeed.REFERENCES
                          .get(i % ScaleSeed.REFERENCES.size())
                          .replace("-", "")
                          .toLowerCase(Locale.ROOT),
                  List.of(auth),
                  null));
      probes.put(
          "q = a visitor's e-mail in upper case (1,000 across the table)",
          i ->
              new Req(
                  "GET",
                  "/api/contacts?q="
                      + ScaleSeed.email((i % samples) * spread).toUpperCase(Locale.ROOT),
                  List.of(auth),
                  null));
      // the first probe runs right after the statistics' passes over the whole table: the same
      // page once more at the end tells that apart from the page's own cost
      probes.put(
          "the queue's contacts, newest page, again after the other probes",
          i -> {
            http.send(contactReq("/api/public/queues/support/contacts", base + 10_000 + i));
            return new Req("GET", list, List.of(auth), null);
          });
      Map<String, long[]> listLat = new LinkedHashMap<>();
      int offset = 0;
      for (var probe : probes.entrySet()) {
        int shift = offset;
        listLat.put(
            probe.getKey(), timeGets(http, i -> probe.getValue().apply(i + shift), samples));
        offset += samples;
      }
      line("");
      line("| figure | value |");
      line("|---|---:|");
      line(
          String.format(
              Locale.ROOT,
              "| newest activity page (50; a new contact before each) p50 / p99 / max | %.2f / %.2f / %.2f ms |",
              pct(newestLat, 50) / 1e6,
              pct(newestLat, 99) / 1e6,
              newestLat[newestLat.length - 1] / 1e6));
      line(
          String.format(
              Locale.ROOT,
              "| page %,d entries deep (100 cursors from a1:%d down, 50 apart), p50 / p99 / max | %.2f / %.2f / %.2f ms (%d entries, status %d) |",
              contacts / 2,
              deepId,
              pct(deepLat, 50) / 1e6,
              pct(deepLat, 99) / 1e6,
              deepLat[deepLat.length - 1] / 1e6,
              deepEntries,
              deepPage.status()));
      statisticsLat.forEach(
          (grain, lat) ->
              line(
                  String.format(
                      Locale.ROOT,
                      "| queue statistics by %s, last 30 days (a new contact before each; 5 times) p50 / max | %.0f / %.0f ms |",
                      grain,
                      pct(lat, 50) / 1e6,
                      lat[lat.length - 1] / 1e6)));
      listLat.forEach(
          (probe, lat) ->
              line(
                  String.format(
                      Locale.ROOT,
                      "| contacts: %s, p50 / p99 / max | %.2f / %.2f / %.2f ms |",
                      probe,
                      pct(lat, 50) / 1e6,
                      pct(lat, 99) / 1e6,
                      lat[lat.length - 1] / 1e6)));
      line(
          "| cursor after 20 pages of next | "
              + next
              + " (= a1:"
              + new String(
                      Base64.getUrlDecoder().decode(next == null ? "" : next),
                      StandardCharsets.US_ASCII)
                  .substring(3)
              + ") |");
      // CSV export with heap sampling
      long baseline = app.heapUsedAfterGc();
      HeapSampler sampler = new HeapSampler(app.pid());
      sampler.start();
      long e0 = System.nanoTime();
      long[] rowsBytes =
          http.streamLines(
              new Req(
                  "GET",
                  "/api/queues/support/questionnaire-answers",
                  List.of(auth, "Accept: text/csv"),
                  null),
              600);
      double exportSeconds = (System.nanoTime() - e0) / 1e9;
      sampler.stop();
      long rows = rowsBytes[0] - 1; // header
      line(
          String.format(
              Locale.ROOT,
              "| CSV export: rows / bytes / time | %,d / %,d / %.1f s (status %d) |",
              rows,
              rowsBytes[1],
              exportSeconds,
              rowsBytes[2]));
      line(String.format(Locale.ROOT, "| CSV export rate | %,.0f rows/s |", rows / exportSeconds));
      line(
          String.format(
              Locale.ROOT,
              "| heap used after GC before export | %.1f MiB |",
              baseline / 1048576.0));
      line(
          String.format(
              Locale.ROOT,
              "| heap used during export: peak (incl. young garbage) | %.1f MiB (+%.1f MiB; %d samples) |",
              sampler.peakUsed / 1048576.0,
              (sampler.peakUsed - baseline) / 1048576.0,
              sampler.samples));
      line(
          String.format(
              Locale.ROOT,
              "| old generation during export: start / peak | %.1f / %.1f MiB (+%.1f MiB) |",
              sampler.firstOld / 1048576.0,
              sampler.peakOld / 1048576.0,
              (sampler.peakOld - sampler.firstOld) / 1048576.0));
      line(
          String.format(
              Locale.ROOT,
              "| **retained during export** (survivors + old generation): start / peak | %.1f / %.1f MiB (**+%.1f MiB**) |",
              sampler.firstRetained / 1048576.0,
              sampler.peakRetained / 1048576.0,
              (sampler.peakRetained - sampler.firstRetained) / 1048576.0));
      line(
          String.format(
              Locale.ROOT,
              "| heap used after GC after export | %.1f MiB |",
              app.heapUsedAfterGc() / 1048576.0));
    }
    app.stop();
  }

  interface IOFunction<T> {
    T apply(int i) throws IOException;
  }

  /** Times the GET that {@code next} gives for 0 … n-1; whatever else it sends is not timed. */
  static long[] timeGets(Http http, IOFunction<Req> next, int n) throws IOException {
    long[] lat = new long[n];
    for (int i = 0; i < n; i++) {
      Req req = next.apply(i);
      long t0 = System.nanoTime();
      Http.Response r = http.send(req);
      lat[i] = System.nanoTime() - t0;
      if (r.status() != 200) {
        throw new IllegalStateException(req.path() + ": " + r.status() + " " + r.text());
      }
    }
    Arrays.sort(lat);
    return lat;
  }
}
