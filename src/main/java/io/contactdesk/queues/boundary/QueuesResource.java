package io.contactdesk.queues.boundary;

import io.contactdesk.queues.control.QueueAccess;
import io.contactdesk.users.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The queues the caller works in (SPEC, Agent): all of them for an admin. */
@Path("queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class QueuesResource {

  @Inject QueueAccess access;
  @Inject Clock clock;
  @Context SecurityContext security;

  public record QueueState(String id, String name, boolean open, String timeZone) {}

  @GET
  public List<QueueState> mine() {
    Instant now = clock.instant();
    return access.visibleQueues(Caller.of(security)).stream()
        .map(q -> new QueueState(q.id(), q.name(), q.isOpenAt(now), q.zone().getId()))
        .toList();
  }
}
