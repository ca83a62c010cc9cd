package io.contactdesk.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

/**
 * A webhook receiver inside the test: the JDK's HTTP server on 127.0.0.1 and a free port. It keeps
 * every request and answers the statuses it is told, in turn (200 once they run out); a status
 * below 0 makes it wait that many seconds (negated) before answering 200, as a receiver that hangs.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as it arrived. */
  public record Request(String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

  public WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          Integer status = answers.poll();
          int code = status == null ? 200 : status;
          if (code < 0) {
            try {
              Thread.sleep(-code * 1000L);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            code = 200;
          }
          exchange.sendResponseHeaders(code, -1);
          exchange.close();
        });
    server.start();
  }

  /** The next answers, in turn. */
  public WebhookReceiver answer(Integer... statuses) {
    answers.addAll(List.of(statuses));
    return this;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** The requests so far, waiting up to 30 s until there are at least {@code count}. */
  public List<Request> await(int count) throws InterruptedException {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (requests().size() < count && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    return requests();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
