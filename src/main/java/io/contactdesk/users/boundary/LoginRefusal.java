package io.contactdesk.users.boundary;

import io.contactdesk.platform.ErrorBody;
import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * A login refused by {@link ContactDeskAuthentication} (wrong password 401, missing CSRF token 403,
 * throttled 429), answered here with the SPEC's error body before any resource runs.
 *
 * <p>The mechanism only records the refusal on the request and lets it go on anonymously: what a
 * server does after a mechanism has written a body itself differs (Open Liberty goes on into the
 * application and fails with {@code SRVE0209E Writer already obtained}, a 500), while a request
 * filter that aborts is plain JAX-RS on every server, and the answer passes the same response
 * filters as any other.
 */
public record LoginRefusal(int status, String error, String message, Map<String, String> headers) {

  static final String ATTRIBUTE = LoginRefusal.class.getName();

  void recordOn(HttpServletRequest request) {
    request.setAttribute(ATTRIBUTE, this);
  }

  Response toResponse() {
    Response.ResponseBuilder answer =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(ErrorBody.of(status, error, message));
    headers.forEach(answer::header);
    return answer.build();
  }

  /** Answers a request whose login was refused, before it is matched to a resource. */
  @Provider
  @PreMatching
  @Priority(Priorities.AUTHENTICATION)
  public static class Answer implements ContainerRequestFilter {

    @Context HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
      if (servletRequest != null
          && servletRequest.getAttribute(ATTRIBUTE) instanceof LoginRefusal refusal) {
        request.abortWith(refusal.toResponse());
      }
    }
  }
}
