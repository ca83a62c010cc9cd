package io.contactdesk.servers;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WildFly, set up with its own CLI (an embedded, offline server), as docs/deployment.md says: the
 * root location freed for the app, Jakarta Security without WildFly's integrated JASPI, and for the
 * server-datasource pass the PostgreSQL driver (deployed as a jar) and a datasource {@value #JNDI}.
 * The WAR is deployed by the deployment scanner as {@code ROOT.war}, so at {@code /}.
 */
final class WildFly implements AppServer.Server {

  static final String JNDI = "java:jboss/datasources/contactdesk";

  private final AppServer.Setup setup;
  private final Path base;
  private final Path log;
  private Process process;

  WildFly(AppServer.Setup setup) {
    this.setup = setup;
    this.base = setup.work().resolve("standalone").toAbsolutePath();
    this.log = setup.work().resolve("wildfly.log").toAbsolutePath();
  }

  @Override
  public void install() throws Exception {
    // a fresh server base per pass: its configuration, data and deployments
    Servers.deleteTree(setup.work());
    Servers.copyTree(setup.home().resolve("standalone"), base);
    Path cli = setup.work().resolve("setup.cli");
    StringBuilder script =
        new StringBuilder(
            """
            embed-server --std-out=discard --server-config=standalone.xml
            /subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi,value=false)
            /subsystem=undertow/server=default-server/host=default-host/location=\\/:remove
            """);
    if (setup.serverPool()) {
      Files.copy(setup.postgresDriver(), base.resolve("deployments/postgresql.jar"));
      script.append(
          "data-source add --name=contactdesk --jndi-name="
              + JNDI
              + " --driver-name=postgresql.jar --connection-url="
              + setup.postgresUrl()
              + " --user-name="
              + setup.postgresUser()
              + " --password="
              + Servers.passwordOrPlaceholder(setup.postgresPassword())
              + "\n");
    }
    script.append("stop-embedded-server\n");
    Files.writeString(cli, script);
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_OPTS", "-Djboss.server.base.dir=" + base);
    AppServer.run(
        log,
        env,
        Duration.ofMinutes(10),
        setup.home().resolve("bin/jboss-cli.sh").toString(),
        "--file=" + cli.toAbsolutePath());
    Files.copy(
        setup.war(), base.resolve("deployments/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public URI start() throws Exception {
    List<Integer> ports = setup.freePorts(4);
    process =
        AppServer.launch(
            log,
            setup.environment(JNDI),
            setup.work(),
            setup.home().resolve("bin/standalone.sh").toString(),
            "-Djboss.server.base.dir=" + base,
            "-b",
            "127.0.0.1",
            "-bmanagement",
            "127.0.0.1",
            "-Djboss.http.port=" + ports.get(0),
            "-Djboss.https.port=" + ports.get(1),
            "-Djboss.management.http.port=" + ports.get(2),
            "-Djboss.management.https.port=" + ports.get(3));
    return URI.create("http://127.0.0.1:" + ports.get(0) + "/");
  }

  @Override
  public void stop() throws Exception {
    AppServer.end(process);
  }
}
