package io.contactdesk.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the suite asks of the machine: free ports, load, memory, commands, files. */
final class Machine {

  private Machine() {}

  // BENCH_PORT_BASE=44300 hands out ports from there on (on a machine that assigns port ranges)
  private static final java.util.concurrent.atomic.AtomicInteger NEXT_PORT =
      new java.util.concurrent.atomic.AtomicInteger(
          Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT_BASE", "0")));

  static int freePort() throws IOException {
    while (NEXT_PORT.get() > 0) {
      // the range lies among the ephemeral ports: a client socket may hold one now
      int port = NEXT_PORT.getAndIncrement();
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // the next one
      }
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path top) {
    try (var paths = Files.walk(top)) {
      paths.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  static String load() {
    try {
      String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return l[0] + " " + l[1] + " " + l[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static String memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          return String.format(
              Locale.ROOT, "%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0);
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "?";
  }

  static String sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  static void psql(String sql) throws Exception {
    String out =
        sh(
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            Run.postgresDb,
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql);
    if (out.contains("ERROR")) {
      throw new IllegalStateException(out);
    }
  }
}
