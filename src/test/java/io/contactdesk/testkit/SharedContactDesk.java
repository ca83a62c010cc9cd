package io.contactdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One runnable jar ({@code target/contactdesk-microbundle.jar}, as the README starts it) shared by
 * every black-box IT class of the failsafe JVM, started before the first of them and stopped after
 * the last. A server start costs 30–40 s on the CI machine; one per class was a third of CI.
 *
 * <p>The jar inherits failsafe's environment (database, data directory, SMTP port, poll intervals:
 * pom.xml, one execution per database). Classes share its data the way the tests of one class
 * always did: every test makes its own queue and users ({@link Fixtures#unique}), and the limits
 * count per client address and queue or per username.
 */
public final class SharedContactDesk implements BeforeAllCallback {

  private static final ExtensionContext.Namespace HERE =
      ExtensionContext.Namespace.create(SharedContactDesk.class);

  private static volatile URI base;

  @Override
  public void beforeAll(ExtensionContext context) {
    base =
        context
            .getRoot()
            .getStore(HERE)
            .getOrComputeIfAbsent(App.class, key -> App.start(), App.class)
            .base;
  }

  /** The shared app's base URI, once a class with this extension has started. */
  public static URI base() {
    if (base == null) {
      throw new IllegalStateException("@ExtendWith(SharedContactDesk.class) starts the app");
    }
    return base;
  }

  private static final class App implements ExtensionContext.Store.CloseableResource {

    final URI base;
    private final Process process;

    private App(URI base, Process process) {
      this.base = base;
      this.process = process;
    }

    static App start() {
      try {
        int port = freePort();
        Path data = Path.of(System.getenv().getOrDefault("CONTACTDESK_DATA_DIR", "target/it-data"));
        Files.createDirectories(data.resolve("tmp"));
        Path log = data.resolve("app.log").toAbsolutePath();
        ProcessBuilder builder =
            new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g",
                    "-Djava.io.tmpdir=" + data.resolve("tmp").toAbsolutePath(),
                    "-jar",
                    Path.of(
                            System.getProperty(
                                "contactdesk.microbundle", "target/contactdesk-microbundle.jar"))
                        .toAbsolutePath()
                        .toString(),
                    "--port",
                    String.valueOf(port),
                    "--nocluster")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        builder.environment().put("CONTACTDESK_BASE_URL", base.toString());
        System.out.println("the shared app: " + base + ", its log: " + log);
        App app = new App(base, builder.start());
        app.awaitReady(Duration.ofMinutes(5), log);
        return app;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private void awaitReady(Duration within, Path log) throws InterruptedException {
      ContactDesk desk = ContactDesk.at(base);
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the shared app died while starting; see " + log);
        }
        try {
          if (desk.get("api/public/queues/support").timeout(Duration.ofSeconds(5)).send().status()
              == 200) {
            return;
          }
        } catch (UncheckedIOException notYet) {
          // still starting
        }
        Thread.sleep(250);
      }
      close();
      throw new IllegalStateException("the shared app did not start in time; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }
  }
}
