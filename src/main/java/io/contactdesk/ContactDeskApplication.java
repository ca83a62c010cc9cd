package io.contactdesk;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * The HTTP API under {@code /api}; resources and providers are discovered by scanning. Jersey's
 * generated {@code /api/application.wadl} is off: it would list every endpoint to anyone (SPEC rule
 * 15); the API is described at {@code /openapi}.
 */
@ApplicationPath("api")
@DeclareRoles({"agent", "admin"})
public class ContactDeskApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
