package io.contactdesk.contacts.boundary;

import io.contactdesk.contacts.control.Registration;
import io.contactdesk.contacts.control.Submission;
import io.contactdesk.contacts.control.Submissions;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.RateLimiter;
import io.contactdesk.queues.control.PublishedQueues;
import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A visitor leaves a message (SPEC, Visitor). The answer is 201 only after the contact is committed
 * to the database; everything else (mail, live notifications) happens after and apart from it.
 *
 * <p>One instance serves every request (like {@link
 * io.contactdesk.queues.boundary.PublicQueuesResource}): building and injecting a resource per
 * request cost a submission 0.03 ms of CPU (docs/benchmarks.md).
 */
@ApplicationScoped
@Path("public/queues/{queueId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class PublicContactsResource {

  @Inject PublishedQueues queues;
  @Inject Submissions submissions;
  @Inject RateLimiter rateLimiter;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "contactdesk.submissions.per-minute", defaultValue = "20")
  int perMinute;

  public record ContactBody(
      Map<String, Object> answers, String language, String pageUrl, String source) {}

  public record Receipt(String id, String reference, Instant createdAt, Instant nextOpening) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response submit(
      @PathParam("queueId") String queueId,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @Context HttpServletRequest request,
      ContactBody body) {
    Queue queue = queues.get(queueId);
    if (body == null || (body.answers() != null && body.answers().containsKey(null))) {
      // JSON-B turns an array into a map with null keys: both mean the shape is wrong
      throw new BadRequestException(
          "Send the answers as a JSON object: {\"answers\":{\"name\":\"…\"}}");
    }
    // A retry of a stored contact is answered before the limit: it costs nothing and must not fail.
    Registration registration =
        submissions.register(
            queue,
            new Submission(body.answers(), body.language(), body.pageUrl(), body.source()),
            idempotencyKey,
            () ->
                rateLimiter.acquire(
                    "submit " + request.getRemoteAddr() + " " + queue.id(), perMinute));
    Contact contact = registration.contact();
    return Response.created(URI.create("contacts/" + contact.id()))
        .header("Idempotent-Replayed", registration.replayed() ? "true" : null)
        .entity(
            new Receipt(
                contact.id(),
                contact.reference(),
                contact.createdAt(),
                queue.nextOpening(clock.instant()).orElse(null)))
        .build();
  }
}
