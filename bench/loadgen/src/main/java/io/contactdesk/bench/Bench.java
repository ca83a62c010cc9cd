package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Run.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * ContactDesk's benchmark and fault suite (docs/benchmarks.md). Starts the bench build of the
 * runnable jar (target/bench-app, with the yardsticks) on loopback, drives it with bounded load
 * from this JVM, and prints a table per scenario. Run through bench/run from the repository root.
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<String> scenarios = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--postgres")) {
        postgres = true;
      } else if (a.startsWith("--")) {
        String[] kv = a.substring(2).split("=", 2);
        opts.put(kv[0], Integer.parseInt(kv[1]));
      } else {
        scenarios.add(a);
      }
    }
    List<String> all =
        List.of("submit", "fanout", "scale", "mail", "survival", "fuzz", "cluster", "nodes");
    if (scenarios.isEmpty()) {
      scenarios = all;
      // one Payara start per kill: 20 rounds alone take 10-35 min, so the full run does 5
      opts.putIfAbsent("rounds", 5);
    }
    for (String s : scenarios) {
      if (!all.contains(s)) {
        throw new IllegalArgumentException("unknown scenario " + s + "; one of " + all);
      }
    }
    jar = Path.of("target", "bench-app", "contactdesk-microbundle.jar").toAbsolutePath();
    root =
        Path.of("target", "bench", LocalDateTime.now().withNano(0).toString().replace(':', '-'))
            .toAbsolutePath();
    Files.createDirectories(root);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanups.forEach(Run::quietly)));
    long started = System.nanoTime();
    line("# ContactDesk benchmarks");
    line("");
    line("- date: " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
    line(
        "- commit: "
            + sh("git", "rev-parse", "--short", "HEAD").trim()
            + (sh("git", "status", "--porcelain").isBlank() ? "" : " (+ uncommitted changes)"));
    line(
        "- machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + memTotal()
            + " memory; "
            + System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.version"));
    line(
        "- database: "
            + (postgres
                ? "PostgreSQL 127.0.0.1:5432, db " + postgresDb + " (fresh schema)"
                : "embedded H2"));
    line("- load average at start: " + load());
    line("- work dir: " + root);
    for (String s : scenarios) {
      long t0 = System.nanoTime();
      try {
        switch (s) {
          case "submit" -> SubmitScenario.run();
          case "fanout" -> FanoutScenario.run();
          case "scale" -> ScaleScenario.run();
          case "mail" -> MailScenario.run();
          case "survival" -> SurvivalScenario.run();
          case "fuzz" -> FuzzScenario.run();
          case "cluster" -> ClusterScenario.run();
          case "nodes" -> NodesScenario.run();
          default -> throw new IllegalStateException();
        }
      } catch (Exception e) {
        line("");
        line("**" + s + " FAILED: " + e + "**");
        e.printStackTrace();
      } finally {
        List<Runnable> pending = new ArrayList<>(cleanups);
        Collections.reverse(pending);
        pending.forEach(Run::quietly);
        cleanups.clear();
      }
      line("");
      line("(" + s + ": " + secs(t0) + " s, load average now " + load() + ")");
    }
    line("");
    line("Total: " + secs(started) + " s");
    Files.writeString(root.resolve("results.md"), report);
    System.out.println("\nResults also in " + root.resolve("results.md"));
    System.exit(0);
  }

  // ---------------------------------------------------------------- scenario 1: submission
}
