package io.contactdesk.cluster;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx as a test starts it: a child process with a config, pid, logs and temp dirs of its
 * own under {@code target/}, on loopback, in front of the given nodes with no stickiness (round
 * robin) and no buffering, so server-sent events pass as they come. It adds the header {@code
 * X-Upstream}: which node answered.
 */
final class Nginx implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final Path dir;

  private Nginx(Process process, Path dir) {
    this.process = process;
    this.dir = dir;
  }

  static boolean installed() {
    return Files.isExecutable(BINARY);
  }

  static Nginx start(Path dir, int port, List<Integer> nodes) throws IOException {
    Path prefix = dir.toAbsolutePath();
    for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi", "logs")) {
      Files.createDirectories(prefix.resolve(temp));
    }
    String upstreams =
        nodes.stream()
            .map(n -> "    server 127.0.0.1:" + n + " max_fails=1 fail_timeout=5s;")
            .collect(Collectors.joining("\n"));
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(
        conf,
        """
        daemon off;
        master_process on;
        worker_processes 1;
        %s
        pid %s/nginx.pid;
        error_log %s/logs/error.log warn;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path %s/client_body;
          proxy_temp_path %s/proxy;
          fastcgi_temp_path %s/fastcgi;
          uwsgi_temp_path %s/uwsgi;
          scgi_temp_path %s/scgi;
          upstream contactdesk {
        %s
            keepalive 32;
          }
          server {
            listen 127.0.0.1:%d;
            location / {
              proxy_pass http://contactdesk;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_set_header Host $http_host;
              proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
              proxy_buffering off;
              proxy_read_timeout 1h;
              proxy_connect_timeout 2s;
              proxy_next_upstream error timeout;
              add_header X-Upstream $upstream_addr always;
            }
          }
        }
        """
            .formatted(
                "root".equals(System.getProperty("user.name")) ? "user root;" : "",
                prefix,
                prefix,
                prefix,
                prefix,
                prefix,
                prefix,
                prefix,
                upstreams,
                port));
    Process process =
        new ProcessBuilder(
                BINARY.toString(),
                "-p",
                prefix.toString(),
                "-e",
                prefix.resolve("logs/error.log").toString(),
                "-c",
                conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("logs/nginx.out").toFile())
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "nginx did not start: " + Files.readString(prefix.resolve("logs/nginx.out")));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new Nginx(process, prefix);
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("nginx did not listen on " + port + "; see " + prefix);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: nginx's fast shutdown
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  Path dir() {
    return dir;
  }
}
