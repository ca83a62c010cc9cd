package io.contactdesk.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail scenario's webhook receiver: an HTTP server on a loopback port that can be stopped (the
 * port then refuses connections) and started again, counting over all its lives each {@code
 * webhook-id} it answered 200 to and each contact it was told of.
 */
final class WebhookSink {

  private static final Pattern CONTACT = Pattern.compile("\"contactId\":\"([A-Za-z0-9_-]+)\"");

  final int port;
  private final Map<String, Integer> perDelivery = new HashMap<>();
  private final Map<String, Integer> perContact = new HashMap<>();
  private HttpServer server;
  private ExecutorService workers;

  WebhookSink(int port) {
    this.port = port;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks";
  }

  synchronized void up() throws IOException {
    if (server != null) {
      return;
    }
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    workers = Executors.newFixedThreadPool(4);
    server.setExecutor(workers);
    server.createContext(
        "/hooks",
        exchange -> {
          String body;
          try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Matcher contact = CONTACT.matcher(body);
          record(
              exchange.getRequestHeaders().getFirst("webhook-id"),
              contact.find() ? contact.group(1) : "?");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
  }

  /** Stops the server at once; what it received is kept. */
  synchronized void down() {
    if (server != null) {
      server.stop(0);
      workers.shutdownNow();
      server = null;
    }
  }

  private synchronized void record(String webhookId, String contactId) {
    perDelivery.merge(String.valueOf(webhookId), 1, Integer::sum);
    perContact.merge(contactId, 1, Integer::sum);
  }

  synchronized int count() {
    return perDelivery.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Contact id → how many deliveries about it were answered. */
  synchronized Map<String, Integer> perContact() {
    return new HashMap<>(perContact);
  }

  /** How many {@code webhook-id}s arrived more than once. */
  synchronized long repeatedIds() {
    return perDelivery.values().stream().filter(n -> n > 1).count();
  }
}
