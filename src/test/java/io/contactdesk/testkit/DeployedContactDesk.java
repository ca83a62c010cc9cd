package io.contactdesk.testkit;

import java.net.MalformedURLException;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real build, running as the README starts it ({@link SharedContactDesk}), driven over HTTP
 * only (black box): {@link #api} speaks to it, {@link #fixtures} makes its test data.
 */
@ExtendWith(SharedContactDesk.class)
public abstract class DeployedContactDesk {

  protected URL deployment;

  protected ContactDesk api;
  protected Fixtures fixtures;

  @BeforeEach
  protected void connect() throws MalformedURLException {
    api = ContactDesk.at(SharedContactDesk.base());
    deployment = api.base().toURL();
    fixtures = new Fixtures(api);
  }
}
