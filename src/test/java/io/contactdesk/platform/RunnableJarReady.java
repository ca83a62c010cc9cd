package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/** Waits for a runnable jar started by a test to serve the demo queue on 127.0.0.1. */
final class RunnableJarReady {

  private RunnableJarReady() {}

  /**
   * Returns once {@code GET /api/public/queues/support} is 200; fails if the app dies or is late.
   */
  static void await(Process app, ContactDesk desk, Duration within, Path log)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(app.isAlive()).as("the app is running; see " + log).isTrue();
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
    throw new AssertionError("the app did not start in time; see " + log);
  }
}
