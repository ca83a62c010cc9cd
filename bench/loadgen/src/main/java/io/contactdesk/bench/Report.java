package io.contactdesk.bench;

import java.util.Locale;

/** The tables the suite prints, also kept for the run's results.md. */
final class Report {

  static final StringBuilder report = new StringBuilder();

  private Report() {}

  static void section(String title) {
    line("");
    line("## " + title);
  }

  static synchronized void line(String s) {
    System.out.println(s);
    report.append(s).append('\n');
  }

  static String secs(long t0) {
    return String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9);
  }

  /** The q-th percentile of sorted nanosecond samples (0 for none). */
  static long pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
