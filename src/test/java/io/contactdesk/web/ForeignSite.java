package io.contactdesk.web;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A customer's web site on an origin of its own (loopback, a free port): a page that embeds the
 * chat with the embed script from ContactDesk's address, as a real site does. No Content Security
 * Policy, so only ContactDesk's own rules (CORS, {@code frame-ancestors}) decide what it may do.
 */
final class ForeignSite implements AutoCloseable {

  private final HttpServer server;

  ForeignSite(String page) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}, the site's origin. */
  String origin() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
