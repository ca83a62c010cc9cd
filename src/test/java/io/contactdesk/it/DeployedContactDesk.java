package io.contactdesk.it;

import java.io.File;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real build, {@code target/contactdesk.war}, deployed as is on Payara Micro and driven over
 * HTTP only (black box). Each subclass is one server start, so a test class groups many tests.
 */
@ExtendWith(ArquillianExtension.class)
abstract class DeployedContactDesk {

  /** Named {@code ROOT.war} so the app runs at {@code /}, as in production. */
  @Deployment(testable = false)
  static WebArchive contactDesk() {
    File war = new File(System.getProperty("contactdesk.war", "target/contactdesk.war"));
    return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
  }

  @ArquillianResource URL deployment;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(deployment);
  }
}
