package io.contactdesk.servers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A full Jakarta EE 10 server with {@code target/contactdesk.war} deployed unchanged at {@code /},
 * started before a test class and stopped after it. Which server, and whether the app uses its own
 * pool or a datasource of the server on the local PostgreSQL, come from system properties the
 * build's {@code servers} profile sets for each pass:
 *
 * <ul>
 *   <li>{@code contactdesk.server}: {@code wildfly}, {@code payara}, {@code glassfish} or {@code
 *       liberty};
 *   <li>{@code contactdesk.server.home}: the distribution, unpacked by Maven from Maven Central;
 *   <li>{@code contactdesk.server.pool}: {@code own} (the app's pool, on H2) or {@code server} (a
 *       datasource of the server, named to the app by {@code contactdesk.datasource});
 *   <li>{@code contactdesk.server.ports}: the first loopback port to try (free ones are taken).
 * </ul>
 *
 * Each server is set up with its own tools (jboss-cli, asadmin, server.xml), as a user would, the
 * way docs/deployment.md describes. The server's log stays in {@code target/servers/}.
 */
public final class AppServer implements BeforeAllCallback {

  static final String ADMIN_PASSWORD =
      System.getProperty("contactdesk.it.admin-password", "it-admin-password");

  private static volatile Running current;

  /** The running server's app, for the test class. */
  static URI base() {
    if (current == null) {
      throw new IllegalStateException("no server started: run with the servers profile");
    }
    return current.base;
  }

  static Setup setup() {
    return current.setup;
  }

  /** Stops the server and starts it again with the app deployed; answers when the app does. */
  static void restart() throws Exception {
    current.server.restart();
    awaitApp(current.base, current.setup.startTimeout());
  }

  /**
   * Starts the server once per pass (one test JVM): the test classes of a pass share it, and it
   * stops when the last of them is done.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    current =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.create(AppServer.class))
            .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** A started server; the store closes it at the end of the pass. */
  static final class Running implements ExtensionContext.Store.CloseableResource {
    final Setup setup;
    final Server server;
    final URI base;

    private Running(Setup setup, Server server, URI base) {
      this.setup = setup;
      this.server = server;
      this.base = base;
    }

    static Running start() {
      Setup setup = Setup.fromSystemProperties();
      Server server =
          switch (setup.server()) {
            case "wildfly" -> new WildFly(setup);
            case "payara", "glassfish" -> new GlassFish(setup);
            case "liberty" -> new Liberty(setup);
            default -> throw new IllegalArgumentException("unknown server: " + setup.server());
          };
      try {
        if (setup.serverPool()) {
          setup.createDatabaseIfMissing();
        }
        Instant started = Instant.now();
        server.install();
        URI base = server.start();
        awaitApp(base, setup.startTimeout());
        System.out.printf(
            "%s (%s pool) serves the app at %s after %d s%n",
            setup.server(),
            setup.pool(),
            base,
            Duration.between(started, Instant.now()).toSeconds());
        return new Running(setup, server, base);
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception | AssertionError stopFailed) {
          e.addSuppressed(stopFailed);
        }
        throw new IllegalStateException(setup.server() + " did not start the app", e);
      }
    }

    @Override
    public void close() throws Exception {
      server.stop();
    }
  }

  /** Waits until the app itself answers: a JSON 404 for a queue that is not there. */
  static void awaitApp(URI base, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(timeout);
    String last = "nothing";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> answer =
            http.send(
                HttpRequest.newBuilder(base.resolve("api/public/queues/none"))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        // a JSON 404 from the app, not the server's own page: the app is deployed and started
        if (answer.statusCode() == 404
            && answer.headers().firstValue("Content-Type").orElse("").contains("json")) {
          return;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        "the app did not answer at " + base + " within " + timeout + ": " + last);
  }

  /** What a pass of the build asks for. */
  record Setup(
      String server,
      Path home,
      String pool,
      Path war,
      Path work,
      int firstPort,
      int smtpPort,
      String postgresHost,
      int postgresPort,
      String postgresDatabase,
      String postgresUser,
      String postgresPassword,
      Path postgresDriver,
      Duration startTimeout) {

    static Setup fromSystemProperties() {
      String server = System.getProperty("contactdesk.server", "");
      return new Setup(
          server,
          Path.of(System.getProperty("contactdesk.server.home", "")),
          System.getProperty("contactdesk.server.pool", "own"),
          Path.of(System.getProperty("contactdesk.war", "target/contactdesk.war")),
          Path.of(System.getProperty("contactdesk.server.work", "target/servers/work"))
              .resolve(server + "-" + System.getProperty("contactdesk.server.pool", "own")),
          Integer.getInteger("contactdesk.server.ports", 41100),
          Integer.getInteger("contactdesk.it.smtp-port", 41251),
          System.getProperty("it.postgres.host", "127.0.0.1"),
          Integer.getInteger("it.postgres.port", 5432),
          System.getProperty("it.postgres.database", "test"),
          System.getProperty("it.postgres.user", "postgres"),
          System.getProperty("it.postgres.password", ""),
          Path.of(System.getProperty("contactdesk.server.postgres-driver", "")),
          Duration.ofSeconds(Integer.getInteger("contactdesk.server.start-seconds", 900)));
    }

    boolean serverPool() {
      return pool.equals("server");
    }

    /** The server passes share a PostgreSQL database of their own, made on first use. */
    void createDatabaseIfMissing() throws java.sql.SQLException {
      String admin = "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/postgres";
      try (var connection =
              java.sql.DriverManager.getConnection(admin, postgresUser, postgresPassword);
          var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
        exists.setString(1, postgresDatabase);
        if (!exists.executeQuery().next()) {
          try (var create = connection.createStatement()) {
            create.execute("create database \"" + postgresDatabase.replace("\"", "") + "\"");
          }
        }
      }
    }

    String postgresUrl() {
      return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + postgresDatabase;
    }

    /** The app's settings, as environment variables of the server process. */
    Map<String, String> environment(String serverDatasource) {
      Map<String, String> env = new HashMap<>();
      env.put("CONTACTDESK_ADMIN_PASSWORD", ADMIN_PASSWORD);
      env.put("CONTACTDESK_MAIL_HOST", "127.0.0.1");
      env.put("CONTACTDESK_MAIL_PORT", String.valueOf(smtpPort));
      env.put("CONTACTDESK_MAIL_POLL_SECONDS", "1");
      env.put("CONTACTDESK_MAIL_RETRY_BASE_SECONDS", "1");
      env.put("CONTACTDESK_DATA_DIR", work.resolve("data").toAbsolutePath().toString());
      if (serverPool()) {
        env.put("CONTACTDESK_DATASOURCE", serverDatasource);
      }
      return env;
    }

    /** Whether every loopback port from {@code from} to {@code to} (exclusive) is free. */
    static boolean allFree(int from, int to) {
      for (int port = from; port < to; port++) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          // free
        } catch (IOException taken) {
          return false;
        }
      }
      return true;
    }

    /** {@code count} free loopback ports, from {@link #firstPort} up. */
    List<Integer> freePorts(int count) {
      List<Integer> ports = new ArrayList<>();
      for (int port = firstPort; ports.size() < count && port < firstPort + 900; port++) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
          ports.add(port);
        } catch (IOException taken) {
          // try the next
        }
      }
      return ports;
    }
  }

  /** One kind of server: set up once per pass, started, stopped. */
  interface Server {
    void install() throws Exception;

    URI start() throws Exception;

    void stop() throws Exception;

    default void restart() throws Exception {
      throw new UnsupportedOperationException("no restart test for this server");
    }
  }

  /**
   * Runs a server tool to its end, its output appended to {@code log}; fails on a non-zero exit.
   */
  static void run(Path log, Map<String, String> env, Duration timeout, String... command)
      throws IOException, InterruptedException {
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "\n$ " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("timed out after " + timeout + ": " + String.join(" ", command));
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "exit " + process.exitValue() + ": " + String.join(" ", command) + " (see " + log + ")");
    }
  }

  /** Starts a long-running server process, its output to {@code log}. */
  static Process launch(Path log, Map<String, String> env, Path dir, String... command)
      throws IOException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Ends a process started by {@link #launch} and everything it started. */
  static void end(Process process) throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 60, TimeUnit.SECONDS).join();
      child.destroyForcibly();
    }
  }
}
