package io.contactdesk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
    private final RunnableJar jar;

    private App(RunnableJar jar) {
      this.jar = jar;
      this.base = jar.api.base();
    }

    static App start() {
      try {
        // failsafe's data directory for this pass (the H2 file, or nothing on PostgreSQL)
        Path dir = Path.of(System.getenv().getOrDefault("CONTACTDESK_DATA_DIR", "target/it-data"));
        RunnableJar jar = new RunnableJar("the shared app", RunnableJar.freePort(), dir, Map.of());
        System.out.println("the shared app: " + jar.api.base() + ", its log: " + jar.log());
        jar.start();
        jar.awaitReady(Duration.ofMinutes(5));
        return new App(jar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() throws InterruptedException {
      jar.stop();
    }
  }
}
