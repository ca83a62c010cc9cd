package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** One agent's live stream: contact id → when its event was read. */
final class Agent {
  final Socket socket;
  final ConcurrentHashMap<String, Long> events = new ConcurrentHashMap<>();
  static final Pattern CONTACT = Pattern.compile("\"contactId\":\"([^\"]+)\"");

  Agent(Socket socket) {
    this.socket = socket;
  }

  static Agent connect(int port, String user, String password) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
    s.setSoTimeout(60_000);
    String auth =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    s.getOutputStream()
        .write(
            ("GET /api/notifications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Accept: text/event-stream\r\nAuthorization: Basic "
                    + auth
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    String status = in.readLine();
    if (status == null || !status.contains(" 200")) {
      s.close();
      throw new IOException("agent " + user + ": " + status);
    }
    // wait for the "connected" comment, so the stream is registered before the load starts
    String l;
    while ((l = in.readLine()) != null && !l.contains("connected")) {
      // headers and chunk sizes
    }
    Agent agent = new Agent(s);
    Thread t = new Thread(() -> agent.read(in), "agent-" + user);
    t.setDaemon(true);
    t.start();
    return agent;
  }

  void read(BufferedReader in) {
    try {
      String l;
      while ((l = in.readLine()) != null) {
        if (l.startsWith("data:")) {
          long now = System.nanoTime();
          Matcher m = CONTACT.matcher(l);
          if (m.find()) {
            events.putIfAbsent(m.group(1), now);
          }
        }
      }
    } catch (IOException closed) {
      // done
    }
  }

  void close() {
    quietly(
        () -> {
          try {
            socket.close();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
