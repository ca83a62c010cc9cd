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
 * Scenario 1: contact submissions against the no-op POST and the durable floor, per concurrency.
 */
final class SubmitScenario {

  private SubmitScenario() {}

  static void run() throws Exception {
    int seconds = opt("seconds", 8);
    App app = App.start("submit", Map.of());
    section(
        "1. Contact submission vs. no-op JAX-RS POST and durable floor ("
            + seconds
            + " s per cell)");
    AtomicInteger n = new AtomicInteger();
    Supplier<Req> echo = () -> contactReq("/api/bench/echo", n.incrementAndGet());
    Supplier<Req> floor = () -> contactReq("/api/bench/floor/support", n.incrementAndGet());
    Supplier<Req> sub =
        () -> contactReq("/api/public/queues/support/contacts", n.incrementAndGet());
    warmUp(app, echo, floor, sub);
    line("");
    line(
        "| concurrency | no-op req/s | no-op p50 ms | no-op p99 ms | floor req/s | floor p99 ms | submit req/s | submit p50 ms | submit p99 ms | floor / no-op | submit / no-op | errors | load avg |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (int c : new int[] {1, 8, 32, 128}) {
      boolean profiled = c == 32 && opt("profile", 0) > 0;
      Process echoProfile = profiled ? app.cpuProfile("echo-c32", seconds) : null;
      Load.Result e = Load.closed(app.port, c, seconds, 400_000, echo, 200);
      if (echoProfile != null) {
        echoProfile.waitFor(60, TimeUnit.SECONDS);
      }
      Process floorProfile = profiled ? app.cpuProfile("floor-c32", seconds) : null;
      Load.Result f = Load.closed(app.port, c, seconds, 400_000, floor, 201);
      if (floorProfile != null) {
        floorProfile.waitFor(60, TimeUnit.SECONDS);
      }
      Process submitProfile = profiled ? app.cpuProfile("submit-c32", seconds) : null;
      if (profiled && submitProfile == null) {
        app.flightRecording("submit-c32", seconds);
      }
      Load.Result s = Load.closed(app.port, c, seconds, 400_000, sub, 201);
      if (submitProfile != null) {
        submitProfile.waitFor(60, TimeUnit.SECONDS);
      }
      line(
          String.format(
              Locale.ROOT,
              "| %d | %,.0f | %.2f | %.2f | %,.0f | %.2f | %,.0f | %.2f | %.2f | %.0f %% | %.0f %% | %d / %d / %d | %s |",
              c,
              e.rate(),
              e.p(50),
              e.p(99),
              f.rate(),
              f.p(99),
              s.rate(),
              s.p(50),
              s.p(99),
              100 * f.rate() / e.rate(),
              100 * s.rate() / e.rate(),
              e.errors(),
              f.errors(),
              s.errors(),
              load()));
    }
    app.stop();
    if (!postgres) {
      checkpointCost();
    }
  }

  /**
   * The three paths in turn at concurrency 8 and 32 (10 s each, 5 s for the floor), until the JIT
   * has settled: Payara on two cores keeps compiling for minutes, and compiler threads measured in
   * a cell take CPU from the requests (a profile after a fixed 30 s warm-up still found 16 % of a
   * submission's CPU in the compiler). Settled = under 1 s of compile time in the last round of 50
   * s; at least {@code --warmup} seconds per path (30), at most 240 s in all.
   */
  static void warmUp(App app, Supplier<Req> echo, Supplier<Req> floor, Supplier<Req> sub)
      throws Exception {
    int minimum = opt("warmup", 30);
    long t0 = System.nanoTime();
    double compiled = app.compileSeconds();
    for (int round = 1; ; round++) {
      for (int c : new int[] {8, 32}) {
        Load.closed(app.port, c, 10, 4_000_000, echo, 200);
        Load.closed(app.port, c, 5, 4_000_000, floor, 201);
        Load.closed(app.port, c, 10, 4_000_000, sub, 201);
      }
      double now = app.compileSeconds();
      double lastRound = now - compiled;
      compiled = now;
      double elapsed = (System.nanoTime() - t0) / 1e9;
      if ((elapsed >= 2 * minimum && lastRound < 1) || elapsed >= 240) {
        line(
            String.format(
                Locale.ROOT,
                "Warm-up: %.0f s (%d rounds); the JIT compiled for %.2f s in the last 50 s.",
                elapsed,
                round,
                lastRound));
        return;
      }
    }
  }

  /**
   * What one group commit of DurableCommit costs on this disk, next to what it could cost: an H2
   * insert alone, followed by CHECKPOINT (what DurableCommit runs), by CHECKPOINT SYNC, and a raw 4
   * KiB write + fsync of a plain file.
   */
  static void checkpointCost() throws Exception {
    Path dir = root.resolve("checkpoint-probe");
    Files.createDirectories(dir);
    String url = "jdbc:h2:file:" + dir.resolve("probe") + ";WRITE_DELAY=0";
    String[] names = {
      "insert (autocommit, WRITE_DELAY=0)",
      "insert + CHECKPOINT",
      "insert + CHECKPOINT SYNC (DurableCommit, once per group)",
      "plain file: 4 KiB write + fsync (FileChannel.force)"
    };
    long[][] lat = new long[4][200];
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        java.nio.channels.FileChannel f =
            java.nio.channels.FileChannel.open(
                dir.resolve("fsync.bin"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      c.createStatement().execute("CREATE TABLE t (id IDENTITY PRIMARY KEY, v VARCHAR(400))");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
        for (int kind = 0; kind < 4; kind++) {
          for (int i = 0; i < lat[kind].length; i++) {
            long t0 = System.nanoTime();
            if (kind == 3) {
              f.write(java.nio.ByteBuffer.wrap(new byte[4096]), 4096L * (i % 64));
              f.force(false);
            } else {
              p.setString(1, BODY_TEMPLATE);
              p.executeUpdate();
              if (kind == 1) {
                c.createStatement().execute("CHECKPOINT");
              } else if (kind == 2) {
                c.createStatement().execute("CHECKPOINT SYNC");
              }
            }
            lat[kind][i] = System.nanoTime() - t0;
          }
          Arrays.sort(lat[kind]);
        }
      }
    }
    line("");
    line("Durability cost on this disk, measured in the same run (200 each, one thread):");
    line("");
    line("| operation | p50 ms | p99 ms |");
    line("|---|---:|---:|");
    for (int kind = 0; kind < 4; kind++) {
      line(
          String.format(
              Locale.ROOT,
              "| %s | %.2f | %.2f |",
              names[kind],
              pct(lat[kind], 50) / 1e6,
              pct(lat[kind], 99) / 1e6));
    }
  }
}
