package io.contactdesk.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one run of the suite shares: its work dir, the jar under test, the database, the options
 * given on the command line, and what is to be undone after each scenario (apps, schemas, temp
 * dirs).
 */
final class Run {

  static Path root;
  static Path jar;
  static boolean postgres;

  /**
   * The PostgreSQL database the schemas are made in (127.0.0.1:5432): {@code BENCH_POSTGRES_DB},
   * default {@code test}, so a run can keep off a database other work shares.
   */
  static final String postgresDb = System.getenv().getOrDefault("BENCH_POSTGRES_DB", "test");

  static final Map<String, Integer> opts = new HashMap<>();
  static final List<Runnable> cleanups = new CopyOnWriteArrayList<>();

  private Run() {}

  static int opt(String name, int dflt) {
    return opts.getOrDefault(name, dflt);
  }

  static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // best effort
    }
  }
}
