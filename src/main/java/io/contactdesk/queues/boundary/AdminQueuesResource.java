package io.contactdesk.queues.boundary;

import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.control.QueueReach;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.users.control.Users;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** Admins create and change queues and say who works in them (SPEC, Admin). */
@Path("admin/queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminQueuesResource {

  @Inject Queues queues;
  @Inject Memberships memberships;
  @Inject Users users;
  @Inject QueueReach reach;
  @Context SecurityContext security;

  public record QueueSummary(String id, String name) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Valid QueueBody body) {
    Queue queue = queues.create(required(body).toSettings());
    return Response.created(URI.create("admin/queues/" + queue.id()))
        .entity(Map.of("id", queue.id()))
        .build();
  }

  @GET
  public List<QueueSummary> all() {
    return queues.all().stream().map(q -> new QueueSummary(q.id(), q.name())).toList();
  }

  /** The queue's settings and, read only, who a new contact reaches now. */
  @GET
  @Path("{id}")
  public QueueBody read(@PathParam("id") String id) {
    Queue queue = queues.find(id);
    QueueReach.Reach now = reach.of(queue.id());
    return QueueBody.of(queue)
        .withReach(new QueueBody.Reach(now.members(), now.email(), now.live()));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public QueueBody change(@PathParam("id") String id, @Valid QueueBody body) {
    return QueueBody.of(queues.reconfigure(id, required(body).toSettings()));
  }

  /** The queue and its contacts (erased, each with a log entry), memberships and owed mail. */
  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    queues.delete(id, security.getUserPrincipal().getName());
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/members")
  public List<String> members(@PathParam("id") String id) {
    return memberships.membersOf(queues.find(id).id());
  }

  @PUT
  @Path("{id}/members/{username}")
  public Response join(@PathParam("id") String id, @PathParam("username") String username) {
    memberships.join(queues.find(id).id(), users.get(username).username());
    return Response.noContent().build();
  }

  @DELETE
  @Path("{id}/members/{username}")
  public Response leave(@PathParam("id") String id, @PathParam("username") String username) {
    memberships.leave(queues.find(id).id(), users.get(username).username());
    return Response.noContent().build();
  }

  private static QueueBody required(QueueBody body) {
    if (body == null) {
      throw new BadRequestException("Send the queue as JSON");
    }
    return body;
  }
}
