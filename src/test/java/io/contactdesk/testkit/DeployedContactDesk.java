package io.contactdesk.testkit;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real build deployed as is ({@link ContactDeskWar}) and driven over HTTP only (black box):
 * {@link #api} speaks to it, {@link #fixtures} makes its test data. Each subclass is one server
 * start, so a test class groups many tests.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedContactDesk {

  @Deployment(testable = false)
  public static WebArchive contactDesk() {
    return ContactDeskWar.asBuilt();
  }

  @ArquillianResource protected URL deployment;

  protected ContactDesk api;
  protected Fixtures fixtures;

  @BeforeEach
  protected void connect() {
    api = ContactDesk.at(deployment);
    fixtures = new Fixtures(api);
  }
}
