package io.contactdesk.servers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Eclipse GlassFish 7 or Payara Server 6 (the same {@code asadmin}), set up as docs/deployment.md
 * says: a domain of its own with a port base in the test range, for the server-datasource pass the
 * PostgreSQL driver ({@code add-library}) and a pool and resource {@value #JNDI}; the WAR deployed
 * with {@code asadmin deploy --contextroot /}.
 */
final class GlassFish implements AppServer.Server {

  static final String JNDI = "jdbc/contactdesk";
  private static final String DOMAIN = "contactdesk";

  private final AppServer.Setup setup;
  private final Path domains;
  private final Path log;
  private int portBase;

  GlassFish(AppServer.Setup setup) {
    this.setup = setup;
    this.domains = setup.work().resolve("domains").toAbsolutePath();
    this.log = setup.work().resolve(setup.server() + ".log").toAbsolutePath();
  }

  private void asadmin(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(setup.home().resolve("bin/asadmin").toString());
    command.add("--port");
    command.add(String.valueOf(portBase + 48));
    command.addAll(List.of(args));
    AppServer.run(
        log, setup.environment(JNDI), Duration.ofMinutes(10), command.toArray(String[]::new));
  }

  @Override
  public void install() throws Exception {
    Servers.deleteTree(setup.work());
    portBase = portBase();
    asadmin(
        "create-domain",
        "--domaindir",
        domains.toString(),
        "--portbase",
        String.valueOf(portBase),
        "--nopassword=true",
        DOMAIN);
  }

  /** The ports a domain opens: its port base plus these (Payara's data grid: +49, +59). */
  private static final int[] OFFSETS = {9, 37, 38, 39, 48, 49, 59, 66, 76, 80, 81, 86};

  /**
   * A port base whose ports are free, in a block of its own per pass (a stopped domain's JMS broker
   * may hold its port a little longer), trying the test range's later blocks when one is taken.
   */
  private int portBase() {
    int pass = (setup.server().equals("payara") ? 2 : 0) + (setup.serverPool() ? 1 : 0);
    for (int block = setup.firstPort() / 100 + 1 + pass;
        block < setup.firstPort() / 100 + 9;
        block += 4) {
      int base = block * 100;
      if (java.util.Arrays.stream(OFFSETS)
          .allMatch(offset -> AppServer.Setup.allFree(base + offset, base + offset + 1))) {
        return base;
      }
    }
    throw new IllegalStateException("no free port base after " + setup.firstPort());
  }

  @Override
  public URI start() throws Exception {
    asadmin("start-domain", "--domaindir", domains.toString(), DOMAIN);
    if (setup.server().equals("payara")) {
      // no Domain Data Grid: it would open its own ports beyond the test range
      asadmin("set-hazelcast-configuration", "--enabled=false", "--dynamic=true");
    }
    if (setup.serverPool()) {
      asadmin("add-library", setup.postgresDriver().toAbsolutePath().toString());
      asadmin(
          "create-jdbc-connection-pool",
          "--datasourceclassname",
          "org.postgresql.ds.PGSimpleDataSource",
          "--restype",
          "javax.sql.DataSource",
          "--property",
          "serverName="
              + setup.postgresHost()
              + ":portNumber="
              + setup.postgresPort()
              + ":databaseName="
              + setup.postgresDatabase()
              + ":user="
              + setup.postgresUser()
              + ":password="
              + Servers.passwordOrPlaceholder(setup.postgresPassword()),
          "contactdesk-pool");
      asadmin("create-jdbc-resource", "--connectionpoolid", "contactdesk-pool", JNDI);
    }
    asadmin(
        "deploy", "--contextroot", "/", "--name", "ROOT", setup.war().toAbsolutePath().toString());
    return URI.create("http://127.0.0.1:" + (portBase + 80) + "/");
  }

  /** Stops the domain and starts it again: the app must come back every time. */
  @Override
  public void restart() throws Exception {
    asadmin("restart-domain", "--domaindir", domains.toString(), DOMAIN);
  }

  /**
   * Stops the domain; one that does not answer its admin port any more (half started) is ended by
   * the pid it wrote, so no domain outlives its pass.
   */
  @Override
  public void stop() throws Exception {
    try {
      asadmin("stop-domain", "--domaindir", domains.toString(), DOMAIN);
    } finally {
      Path pid = domains.resolve(DOMAIN).resolve("config/pid");
      if (java.nio.file.Files.exists(pid)) {
        // only that domain's own process: a pid can have been reused since
        ProcessHandle.of(Long.parseLong(java.nio.file.Files.readString(pid).trim()))
            .filter(process -> process.info().commandLine().orElse("").contains(domains.toString()))
            .ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }
}
