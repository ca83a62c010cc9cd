package io.contactdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable jar of the build ({@code target/contactdesk-microbundle.jar}, as the README starts
 * it), started by a test on a loopback port with the test's environment: a node of the two-node
 * test, or the app every black-box IT class shares ({@link SharedContactDesk}).
 */
public final class RunnableJar {

  public final String name;
  public final int port;
  public final ContactDesk api;
  private final Path dir;
  private final Map<String, String> environment;
  private Process process;

  /** {@code dir} holds its data ({@code data/}), temporary files and its log ({@code app.log}). */
  public RunnableJar(String name, int port, Path dir, Map<String, String> environment) {
    this.name = name;
    this.port = port;
    this.dir = dir.toAbsolutePath();
    this.environment = environment;
    this.api = ContactDesk.at(URI.create("http://127.0.0.1:" + port + "/"));
  }

  /** Starts the jar; {@link #awaitReady} waits for it. */
  public void start() throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-jar",
                Path.of(System.getProperty("contactdesk.microbundle")).toAbsolutePath().toString(),
                "--port",
                String.valueOf(port),
                "--nocluster")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("CONTACTDESK_ADMIN_PASSWORD", User.ADMIN_PASSWORD);
    builder.environment().put("CONTACTDESK_DATA_DIR", dir.resolve("data").toString());
    builder.environment().put("CONTACTDESK_BASE_URL", "http://127.0.0.1:" + port);
    process = builder.start();
  }

  /** Waits until the node serves the demo queue; fails if it dies or is late. */
  public void awaitReady(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " died while starting; see " + log());
      }
      try {
        if (api.get("api/public/queues/support").timeout(Duration.ofSeconds(5)).send().status()
            == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + " did not start in time; see " + log());
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hooks, no goodbye to the database. */
  public void killHard() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public void stop() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        killHard();
      }
    }
  }

  public Path log() {
    return dir.resolve("app.log");
  }

  /** A port free on loopback right now, for a node or a peer of a test. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
