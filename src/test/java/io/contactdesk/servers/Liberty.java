package io.contactdesk.servers;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty with {@code jakartaee-10.0} and {@code mpConfig-3.1}, set up by its {@code
 * server.xml} as docs/deployment.md shows: a datasource {@value #JNDI} on PostgreSQL with the
 * driver as a library, the WAR as a {@code webApplication} at {@code /}. Liberty loads the class of
 * an application-defined pool only from a shared library, so the server's datasource is its route.
 */
final class Liberty implements AppServer.Server {

  static final String JNDI = "jdbc/contactdesk";
  private static final String NAME = "contactdesk";

  private final AppServer.Setup setup;
  private final Path userDir;
  private final Path log;
  private Process process;

  Liberty(AppServer.Setup setup) {
    this.setup = setup;
    this.userDir = setup.work().resolve("usr").toAbsolutePath();
    this.log = setup.work().resolve("liberty.log").toAbsolutePath();
  }

  private Map<String, String> environment() {
    var env = new java.util.HashMap<>(setup.environment(JNDI));
    env.put("WLP_USER_DIR", userDir.toString());
    return env;
  }

  @Override
  public void install() throws Exception {
    Servers.deleteTree(setup.work());
    AppServer.run(
        log,
        environment(),
        Duration.ofMinutes(5),
        setup.home().resolve("bin/server").toString(),
        "create",
        NAME);
    Path config = userDir.resolve("servers").resolve(NAME);
    Files.copy(setup.postgresDriver(), config.resolve("postgresql.jar"));
    Files.createDirectories(config.resolve("apps"));
    Files.copy(setup.war(), config.resolve("apps/ROOT.war"), StandardCopyOption.REPLACE_EXISTING);
    List<Integer> ports = setup.freePorts(2);
    Files.writeString(config.resolve("server.xml"), serverXml(ports.get(0), ports.get(1)));
    this.httpPort = ports.get(0);
  }

  private int httpPort;

  String serverXml(int http, int https) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <server description="ContactDesk">
          <featureManager>
            <feature>jakartaee-10.0</feature>
            <feature>mpConfig-3.1</feature>
          </featureManager>
          <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="%d"/>
          <keyStore id="defaultKeyStore" password="contactdesk-keystore"/>
          <library id="postgresql"><file name="${server.config.dir}/postgresql.jar"/></library>
          <dataSource id="contactdesk" jndiName="%s">
            <jdbcDriver libraryRef="postgresql"/>
            <properties.postgresql serverName="%s" portNumber="%d" databaseName="%s"
                                   user="%s" password="%s"/>
          </dataSource>
          <!-- jakartaee-10.0 brings remote EJBs, whose ORB waits for a user registry -->
          <basicRegistry id="basic" realm="contactdesk"/>
          <webApplication location="ROOT.war" contextRoot="/"/>
        </server>
        """
        .formatted(
            http,
            https,
            JNDI,
            setup.postgresHost(),
            setup.postgresPort(),
            setup.postgresDatabase(),
            setup.postgresUser(),
            Servers.passwordOrPlaceholder(setup.postgresPassword()));
  }

  @Override
  public URI start() throws Exception {
    process =
        AppServer.launch(
            log,
            environment(),
            setup.work(),
            setup.home().resolve("bin/server").toString(),
            "run",
            NAME);
    return URI.create("http://127.0.0.1:" + httpPort + "/");
  }

  @Override
  public void stop() throws Exception {
    AppServer.end(process);
  }
}
