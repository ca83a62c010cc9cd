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

/** A keep-alive HTTP/1.1 connection on loopback: enough of the protocol for this suite. */
final class Http implements Closeable {
  final int port;
  Socket socket;
  InputStream in;
  OutputStream out;

  Http(int port) {
    this.port = port;
  }

  record Response(int status, Map<String, String> headers, byte[] body, boolean closes) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private void open(int timeoutMillis) throws IOException {
    if (socket == null || socket.isClosed()) {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      in = new BufferedInputStream(socket.getInputStream(), 16384);
      out = new BufferedOutputStream(socket.getOutputStream(), 16384);
    }
    socket.setSoTimeout(timeoutMillis);
  }

  Response send(Req req) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(req.method())
        .append(' ')
        .append(req.path())
        .append(" HTTP/1.1\r\nHost: 127.0.0.1:")
        .append(port)
        .append("\r\n");
    for (String h : req.headers()) {
      head.append(h).append("\r\n");
    }
    if (req.body() != null) {
      head.append("Content-Length: ").append(req.body().length).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] raw = req.body() == null ? h : concatBytes(h, req.body());
    boolean reused = socket != null && !socket.isClosed();
    try {
      return sendRaw(raw, 60_000);
    } catch (IOException e) {
      if (!reused) {
        throw e;
      }
      close(); // a kept-alive connection the server closed meanwhile: one fresh try
      return sendRaw(raw, 60_000);
    }
  }

  Response sendRaw(byte[] raw, int timeoutMillis) throws IOException {
    open(timeoutMillis);
    try {
      out.write(raw);
      out.flush();
    } catch (IOException e) {
      // the server may answer (e.g. 413) and close before reading everything
    }
    boolean head =
        raw.length > 5 && raw[0] == 'H' && raw[1] == 'E' && raw[2] == 'A' && raw[3] == 'D';
    Response r = read(null, head);
    if (r.closes()) {
      close();
    }
    return r;
  }

  /**
   * GET whose body is streamed: counts lines and bytes without keeping them. {rows, bytes, status}.
   */
  long[] streamLines(Req req, int timeoutSeconds) throws IOException {
    open(timeoutSeconds * 1000);
    StringBuilder head =
        new StringBuilder(req.method() + " " + req.path() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    req.headers().forEach(x -> head.append(x).append("\r\n"));
    head.append("Connection: close\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    long[] counts = new long[3];
    Response r =
        read(
            b -> {
              if (b == '\n') {
                counts[0]++;
              }
              counts[1]++;
            },
            false);
    counts[2] = r.status();
    close();
    return counts;
  }

  private Response read(IntConsumer sink, boolean head) throws IOException {
    String status = line();
    if (status == null) {
      throw new EOFException("no answer");
    }
    String[] parts = status.split(" ", 3);
    if (parts.length < 2) {
      throw new IOException("bad status line: " + status);
    }
    int code = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    String l;
    while ((l = line()) != null && !l.isEmpty()) {
      int colon = l.indexOf(':');
      if (colon > 0) {
        headers.put(
            l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
      }
    }
    boolean closes = "close".equalsIgnoreCase(headers.get("connection"));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    IntConsumer into = sink != null ? sink : body::write;
    if (head) {
      // no body after HEAD
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      while (true) {
        String size = line();
        if (size == null) {
          throw new EOFException("chunked body cut");
        }
        int semi = size.indexOf(';');
        int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
        if (n == 0) {
          while ((l = line()) != null && !l.isEmpty()) {
            // trailers
          }
          break;
        }
        copy(n, into);
        line();
      }
    } else if (headers.containsKey("content-length")) {
      copy(Long.parseLong(headers.get("content-length")), into);
    } else if (code != 204 && code != 304 && code >= 200) {
      int b;
      while ((b = in.read()) >= 0) {
        into.accept(b);
      }
      closes = true;
    }
    return new Response(code, headers, body.toByteArray(), closes);
  }

  private void copy(long n, IntConsumer into) throws IOException {
    byte[] buf = new byte[8192];
    while (n > 0) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, n));
      if (r < 0) {
        throw new EOFException("body cut");
      }
      for (int i = 0; i < r; i++) {
        into.accept(buf[i] & 0xff);
      }
      n -= r;
    }
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = b.length();
        return len > 0 && b.charAt(len - 1) == '\r' ? b.substring(0, len - 1) : b.toString();
      }
      b.append((char) c);
    }
    return b.length() == 0 ? null : b.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
      socket = null;
    }
  }
}
