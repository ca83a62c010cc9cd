package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Waits for a runnable jar started by a test to serve the demo queue on 127.0.0.1. */
final class RunnableJarReady {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private RunnableJarReady() {}

  /**
   * Returns once {@code GET /api/public/queues/support} is 200; fails if the app dies or is late.
   */
  static void await(Process app, int port, Duration within, Path log) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(app.isAlive()).as("the app is running; see " + log).isTrue();
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/public/queues/support"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the app did not start in time; see " + log);
  }
}
