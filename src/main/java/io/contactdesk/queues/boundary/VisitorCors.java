package io.contactdesk.queues.boundary;

import io.contactdesk.platform.ErrorBody;
import io.contactdesk.platform.NotFound;
import io.contactdesk.queues.control.PublishedQueues;
import io.contactdesk.queues.entity.Origin;
import io.contactdesk.queues.entity.Queue;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * Cross-origin access to the visitor API, per queue: a page on one of the queue's allowed origins
 * may call it from the browser. Any other site's page gets no CORS headers, so its browser keeps it
 * out, and a POST that names such an origin is refused outright. Requests from the app's own origin
 * (the {@code /widget/} chat window) and requests without an {@code Origin} (scripts) pass.
 */
@Provider
@PreMatching
public class VisitorCors implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String ALLOWED = "contactdesk.cors.allowed";

  @Inject PublishedQueues queues;

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    String queueId = queueId(request);
    if (origin == null || queueId == null || isSameOrigin(origin, request)) {
      return;
    }
    boolean allowed;
    try {
      Queue queue = queues.get(queueId);
      allowed = Origin.parse(origin).map(queue::allowsOrigin).orElse(false);
    } catch (NotFound e) {
      return; // the resource answers 404
    }
    if (allowed) {
      request.setProperty(ALLOWED, origin);
      if (request.getMethod().equals("OPTIONS")) {
        request.abortWith(
            Response.noContent()
                .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
                .header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
                .header("Access-Control-Max-Age", "600")
                .build());
      }
    } else if (!request.getMethod().equals("GET")) {
      request.abortWith(
          ErrorBody.of(403, "origin_not_allowed", "This web site may not send to this queue")
              .toResponse());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(ALLOWED) instanceof String origin) {
      response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
      response.getHeaders().putSingle("Vary", "Origin");
      response
          .getHeaders()
          .putSingle("Access-Control-Expose-Headers", "Location, Retry-After, Idempotent-Replayed");
    }
  }

  private static String queueId(ContainerRequestContext request) {
    List<jakarta.ws.rs.core.PathSegment> segments = request.getUriInfo().getPathSegments();
    if (segments.size() >= 3
        && segments.get(0).getPath().equals("public")
        && segments.get(1).getPath().equals("queues")) {
      return segments.get(2).getPath();
    }
    return null;
  }

  private static boolean isSameOrigin(String origin, ContainerRequestContext request) {
    String host = request.getHeaderString("Host");
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }
}
