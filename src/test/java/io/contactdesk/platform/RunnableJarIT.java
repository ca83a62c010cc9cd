package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Reply;
import io.contactdesk.testkit.RunnableJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * SPEC rules 8, 16 and 17 on the real runnable jar, {@code target/contactdesk-microbundle.jar},
 * started as an operator starts it: it listens on its HTTP port and on nothing else reachable from
 * another host; a good start prints one ready line with the real port; a refused setting ends the
 * process with a non-zero exit and one line naming the key, no stack trace; the data files are
 * readable by their owner only. Three starts of the jar, so about a minute.
 */
@EnabledIfSystemProperty(
    named = "contactdesk.it.database",
    matches = "h2",
    disabledReason = "the runnable jar is the same on every database: once is enough")
class RunnableJarIT {

  private static final String ADMIN_PASSWORD = "runnable-jar-admin";
  private static final Duration START = Duration.ofSeconds(240);
  private static final Duration REFUSED_START = Duration.ofSeconds(180);

  private final Path work = Path.of("target", "runnable-jar-test", UUID.randomUUID().toString());
  private Process app;
  private Path log;

  @Test
  void a_good_start_listens_on_the_http_port_only_says_ready_once_and_keeps_the_data_private()
      throws Exception {
    int port = RunnableJar.freePort();
    start("good", port, Map.of("CONTACTDESK_ADMIN_PASSWORD", ADMIN_PASSWORD));
    ContactDesk desk = ContactDesk.at(URI.create("http://127.0.0.1:" + port + "/"));
    awaitReady(desk);

    assertThat(nonLoopbackListeningPorts(app.pid()))
        .as("TCP ports the jar listens on beyond loopback (SPEC rule 8)")
        .containsExactly(port);

    List<String> ready =
        Files.readAllLines(log).stream().filter(l -> l.contains("ContactDesk is ready")).toList();
    assertThat(ready).as("ready lines").hasSize(1);
    assertThat(ready.get(0))
        .as("the console at the real port, not the default 8080")
        .contains("console at http://localhost:" + port + "/")
        .contains("sign in as admin");

    Reply stored =
        desk.post("api/public/queues/support/contacts")
            .timeout(Duration.ofSeconds(30))
            .json(
                "{\"answers\":{\"name\":\"Private\",\"email\":\"p@example.com\","
                    + "\"message\":\"Only the owner may read this file\"}}")
            .send();
    assertThat(stored.status()).as(stored.body()).isEqualTo(201);

    Path data = work.resolve("good").resolve("data");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
        .as("the data directory (SPEC rule 17)")
        .isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(data)) {
      List<Path> all = files.toList();
      assertThat(all).as("files in the data directory").isNotEmpty();
      for (Path file : all) {
        assertThat(groupOrOthers(file)).as(file + " permissions for group or others").isEmpty();
      }
    }
  }

  @Test
  void a_refused_admin_password_ends_the_process_with_one_line_naming_the_key() throws Exception {
    start("short-password", RunnableJar.freePort(), Map.of("CONTACTDESK_ADMIN_PASSWORD", "short"));

    assertRefused("contactdesk.admin.password (CONTACTDESK_ADMIN_PASSWORD)");
  }

  @Test
  void an_unreachable_database_ends_the_process_with_one_line_naming_the_url() throws Exception {
    start(
        "unreachable-database",
        RunnableJar.freePort(),
        Map.of(
            "CONTACTDESK_ADMIN_PASSWORD",
            ADMIN_PASSWORD,
            // loopback port 1: nothing listens there, the connection is refused at once
            "CONTACTDESK_DB_URL",
            "jdbc:postgresql://127.0.0.1:1/contactdesk"));

    assertRefused("contactdesk.db.url (CONTACTDESK_DB_URL)");
  }

  private void assertRefused(String setting) throws Exception {
    boolean ended = app.waitFor(REFUSED_START.toSeconds(), TimeUnit.SECONDS);
    assertThat(ended).as("the process ended by itself; see " + log).isTrue();
    assertThat(app.exitValue()).as("exit status").isNotZero();
    List<String> lines = Files.readAllLines(log);
    assertThat(lines)
        .as("the one line naming the key, in " + log)
        .filteredOn(l -> l.contains("ContactDesk cannot start: " + setting))
        .hasSize(1);
    assertThat(lines)
        .as("stack trace lines in " + log)
        .noneMatch(l -> l.matches("\\s+at [\\w$.]+\\(.*"))
        .noneMatch(l -> l.contains("Exception") && l.contains("io.contactdesk"));
    assertThat(lines).as("a server that says it is ready").noneMatch(l -> l.contains(" ready"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null && app.isAlive()) {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
        app.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private void start(String name, int port, Map<String, String> environment) throws IOException {
    Path dir = work.resolve(name);
    Files.createDirectories(dir.resolve("tmp"));
    log = dir.resolve("app.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m",
                "-Djava.io.tmpdir=" + dir.resolve("tmp").toAbsolutePath(),
                "-jar",
                Path.of(System.getProperty("contactdesk.microbundle")).toAbsolutePath().toString(),
                "--port",
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().remove("CONTACTDESK_BASE_URL");
    builder.environment().remove("CONTACTDESK_DB_URL");
    builder
        .environment()
        .put("CONTACTDESK_DATA_DIR", dir.resolve("data").toAbsolutePath().toString());
    builder.environment().putAll(environment);
    app = builder.start();
  }

  /**
   * The TCP ports a process listens on at an address other than loopback: the sockets of {@code
   * /proc/<pid>/net/tcp} and {@code tcp6} in state LISTEN whose inode is among the process's file
   * descriptors.
   */
  static Set<Integer> nonLoopbackListeningPorts(long pid) throws IOException {
    Set<String> inodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring("socket:[".length(), target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // a descriptor closed while we looked
        }
      }
    }
    Set<Integer> ports = new HashSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", String.valueOf(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String row : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] column = row.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        String[] local = column[1].split(":");
        boolean listening = column[3].equals("0A");
        if (listening && inodes.contains(column[9]) && !loopback(local[0])) {
          ports.add(Integer.parseInt(local[1], 16));
        }
      }
    }
    return ports;
  }

  /** An address as /proc prints it: 32-bit words in host (little-endian) order, in hex. */
  private static boolean loopback(String hex) {
    if (hex.length() == 8) {
      return hex.endsWith("7F"); // 127.0.0.0/8
    }
    return hex.equals("00000000000000000000000001000000") // ::1
        || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F")); // ::ffff:127.x
  }

  private static List<PosixFilePermission> groupOrOthers(Path file) throws IOException {
    List<PosixFilePermission> others = new ArrayList<>();
    for (PosixFilePermission permission : Files.getPosixFilePermissions(file)) {
      if (permission.name().startsWith("GROUP") || permission.name().startsWith("OTHERS")) {
        others.add(permission);
      }
    }
    return others;
  }

  /**
   * Returns once {@code GET /api/public/queues/support} is 200; fails if the app dies or is late.
   */
  private void awaitReady(ContactDesk desk) throws InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
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
