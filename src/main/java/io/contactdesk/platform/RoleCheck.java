package io.contactdesk.platform;

import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;

/**
 * Enforces {@code @RolesAllowed} on resources: no caller is 401, a caller without the role 403. The
 * console marks its requests with {@code X-Requested-With} so the browser does not pop up its own
 * login dialog on a 401; scripts get the Basic challenge.
 */
@Provider
public class RoleCheck implements DynamicFeature {

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    RolesAllowed allowed = resource.getResourceMethod().getAnnotation(RolesAllowed.class);
    if (allowed == null) {
      allowed = resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
    if (allowed != null) {
      context.register(new Filter(allowed.value()));
    }
  }

  // Ahead of Payara's own @RolesAllowed filter (MicroProfile JWT's), which answers without the
  // Basic challenge and with a JWT-specific message.
  @Priority(Priorities.AUTHENTICATION)
  static final class Filter implements ContainerRequestFilter {
    private final String[] roles;

    Filter(String[] roles) {
      this.roles = roles;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      var security = request.getSecurityContext();
      if (security.getUserPrincipal() == null) {
        Response.ResponseBuilder answer = Response.status(401);
        if (request.getHeaderString("X-Requested-With") == null) {
          answer.header("WWW-Authenticate", "Basic realm=\"ContactDesk\", charset=\"UTF-8\"");
        }
        request.abortWith(
            answer
                .type("application/json")
                .entity(ErrorBody.of(401, "unauthorized", "Log in first"))
                .build());
        return;
      }
      if (Arrays.stream(roles).noneMatch(security::isUserInRole)) {
        request.abortWith(
            ErrorBody.of(403, "forbidden", "Your role does not allow this").toResponse());
      }
    }
  }
}
