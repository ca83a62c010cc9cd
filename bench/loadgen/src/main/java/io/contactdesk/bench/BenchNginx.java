package io.contactdesk.bench;

import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.stream.*;

/**
 * Debian's nginx in front of the given nodes, as docs/deployment.md configures it (round robin, no
 * stickiness, no buffering), on loopback, with its config, pid, logs and temp dirs in {@code dir}.
 */
final class BenchNginx implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/nginx");
  final int port;
  private final Process process;

  private BenchNginx(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static BenchNginx start(Path dir, List<Integer> nodes) throws Exception {
    int port = Machine.freePort();
    Path p = dir.toAbsolutePath();
    for (String d : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs")) {
      Files.createDirectories(p.resolve(d));
    }
    String upstreams =
        nodes.stream()
            .map(n -> "server 127.0.0.1:" + n + " max_fails=1 fail_timeout=5s;")
            .collect(Collectors.joining(" "));
    String conf =
        ("daemon off; worker_processes 1; %s pid P/nginx.pid; error_log P/logs/error.log warn;"
                + " events { worker_connections 4096; }"
                + " http { access_log off; client_body_temp_path P/client_body;"
                + " proxy_temp_path P/proxy; fastcgi_temp_path P/fastcgi; uwsgi_temp_path P/uwsgi;"
                + " scgi_temp_path P/scgi;"
                + " upstream contactdesk { %s keepalive 64; }"
                + " server { listen 127.0.0.1:%d; location / { proxy_pass http://contactdesk;"
                + " proxy_http_version 1.1; proxy_set_header Connection \"\";"
                + " proxy_set_header Host $http_host; proxy_buffering off; proxy_read_timeout 1h;"
                + " proxy_connect_timeout 2s; proxy_next_upstream error timeout; } } }")
            .formatted(
                "root".equals(System.getProperty("user.name")) ? "user root;" : "", upstreams, port)
            .replace("P/", p + "/");
    Files.writeString(p.resolve("nginx.conf"), conf);
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "-p",
                p.toString(),
                "-e",
                p.resolve("logs/error.log").toString(),
                "-c",
                p.resolve("nginx.conf").toString())
            .redirectErrorStream(true)
            .redirectOutput(p.resolve("logs/nginx.out").toFile())
            .start();
    BenchNginx nginx = new BenchNginx(port, process);
    Run.cleanups.add(nginx::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return nginx;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    nginx.close();
    throw new IllegalStateException("nginx did not start; see " + p.resolve("logs"));
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
