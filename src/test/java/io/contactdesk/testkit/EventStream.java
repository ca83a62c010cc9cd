package io.contactdesk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One server-sent event stream, parsed line by line as the SSE format says on a reader thread of
 * its own: the events as they come, the server's {@code : connected} comment, and whether the
 * server has ended the stream.
 */
public final class EventStream implements AutoCloseable {

  /** One event: its {@code event:} name, {@code id:} and {@code data:}. */
  public record Event(String name, String id, String data) {
    public JsonObject json() {
      return ContactDesk.parse(data).asJsonObject();
    }
  }

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CountDownLatch connected = new CountDownLatch(1);
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile Stream<String> lines;

  private EventStream(CompletableFuture<HttpResponse<Stream<String>>> response) {
    this.response = response;
  }

  static EventStream open(HttpClient http, HttpRequest request) {
    EventStream stream =
        new EventStream(http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()));
    HttpResponse<Stream<String>> answer;
    try {
      answer = stream.response.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      stream.close();
      throw new AssertionError("the stream did not open: " + request.uri(), e);
    }
    assertThat(answer.statusCode()).as("stream opened").isEqualTo(200);
    Thread reader = new Thread(() -> stream.read(answer.body()), "sse " + request.uri());
    reader.setDaemon(true);
    reader.start();
    return stream;
  }

  private void read(Stream<String> body) {
    lines = body;
    String name = null;
    String id = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) body::iterator) {
        if (line.startsWith(": connected")) {
          connected.countDown();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        } else if (line.isEmpty() && name != null) {
          events.add(new Event(name, id, data.toString()));
          name = null;
          id = null;
          data.setLength(0);
        }
      }
    } catch (RuntimeException closed) {
      // closed under us (by the test or the network): ended as well
    } finally {
      ended.complete(null);
    }
  }

  /** A header of the stream's response (e.g. which node behind a load balancer answered). */
  public java.util.Optional<String> header(String name) {
    return response.join().headers().firstValue(name);
  }

  /** Whether the server said {@code : connected} within {@code timeout}. */
  public boolean connectedWithin(Duration timeout) throws InterruptedException {
    return connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next event, or null if none comes within {@code seconds}. */
  public Event next(int seconds) throws InterruptedException {
    return events.poll(seconds, TimeUnit.SECONDS);
  }

  /** Whether the server ends the stream within {@code timeout}. */
  public boolean endsWithin(Duration timeout) {
    try {
      ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  @Override
  public void close() {
    Stream<String> open = lines;
    if (open != null) {
      open.close();
    }
    response.cancel(true);
  }
}
