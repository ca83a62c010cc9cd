package io.contactdesk.notifications.boundary;

import io.contactdesk.notifications.control.LiveNotifier;
import io.contactdesk.users.boundary.SessionCookie;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** The agent's live stream of {@code registered-contact} events (SPEC, Agent). */
@Path("notifications")
@RolesAllowed({"agent", "admin"})
public class NotificationsResource {

  @Inject LiveNotifier notifier;
  @Context SecurityContext security;

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @Context SseEventSink sink,
      @Context Sse sse,
      @Context HttpServletRequest request,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @QueryParam("lastEventId") String lastEventIdParam) {
    // A new EventSource cannot set headers; the query parameter lets the console resume after a
    // reload.
    String resumeFrom = lastEventId != null ? lastEventId : lastEventIdParam;
    notifier.connect(
        security.getUserPrincipal().getName(),
        SessionCookie.sessionIdOf(request).orElse(null),
        sink,
        sse,
        parse(resumeFrom));
  }

  private static Long parse(String lastEventId) {
    try {
      return lastEventId == null ? null : Long.valueOf(lastEventId.trim());
    } catch (NumberFormatException e) {
      return null; // not an id of ours: start afresh
    }
  }
}
