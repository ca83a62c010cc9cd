package io.contactdesk.webhooks.boundary;

import io.contactdesk.platform.ViolationFields;
import io.contactdesk.webhooks.control.Webhooks;
import io.contactdesk.webhooks.entity.Webhook;
import io.contactdesk.webhooks.entity.WebhookDelivery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admins' webhooks and their delivery log (SPEC, Integrations; docs/webhooks.md). */
@Path("admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminWebhooksResource {

  @Inject Webhooks webhooks;
  @Inject Validator validator;

  /** A webhook as admins read it: never its secret. */
  public record View(
      String id,
      String url,
      List<String> events,
      List<String> queues,
      boolean includeAnswers,
      Instant createdAt,
      Instant updatedAt,
      boolean failing,
      int consecutiveFailures,
      Instant failingSince,
      Instant lastDeliveredAt) {}

  public record Delivery(
      String id,
      String event,
      String contactId,
      int attempts,
      String status,
      Integer lastStatusCode,
      String lastError,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant deliveredAt) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(WebhookBody body) {
    Map<String, String> refused = refused(body);
    Webhooks.Created created = webhooks.create(body.draft(refused), refused);
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("id", created.webhook().id());
    answer.put("secret", created.secret());
    return Response.created(URI.create("admin/webhooks/" + created.webhook().id()))
        .entity(answer)
        .build();
  }

  @GET
  public List<View> all() {
    return webhooks.all().stream().map(AdminWebhooksResource::view).toList();
  }

  @GET
  @Path("{id}")
  public View read(@PathParam("id") String id) {
    return view(webhooks.find(id));
  }

  @PUT
  @Path("{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  public View change(@PathParam("id") String id, WebhookBody body) {
    webhooks.find(id); // an unknown webhook is 404 before its body is judged
    Map<String, String> refused = refused(body);
    return view(webhooks.reconfigure(id, body.draft(refused), refused));
  }

  @DELETE
  @Path("{id}")
  public Response delete(@PathParam("id") String id) {
    webhooks.delete(id);
    return Response.noContent().build();
  }

  @GET
  @Path("{id}/deliveries")
  public List<Delivery> deliveries(@PathParam("id") String id) {
    return webhooks.deliveries(id).stream().map(AdminWebhooksResource::delivery).toList();
  }

  @POST
  @Path("{id}/deliveries/{deliveryId}/redeliver")
  public Response redeliver(
      @PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
    webhooks.redeliver(id, deliveryId);
    return Response.accepted().build();
  }

  // Checked here rather than with @Valid, so the 422 names the wire's and the domain's failures
  // together (a URL the guard refuses beside an unknown event name).
  private Map<String, String> refused(WebhookBody body) {
    if (body == null) {
      throw new BadRequestException("Send {\"url\",\"events\":[…],\"queues\":[…]|null}");
    }
    return new LinkedHashMap<>(ViolationFields.of(validator.validate(body)));
  }

  private static View view(Webhook w) {
    var subscription = w.subscription();
    return new View(
        w.id(),
        w.url(),
        subscription.events().stream().sorted().map(e -> e.wire()).toList(),
        subscription.queues(),
        subscription.includeAnswers(),
        w.createdAt(),
        w.updatedAt(),
        w.failing(),
        w.consecutiveFailures(),
        w.failingSince(),
        w.lastDeliveredAt());
  }

  private static Delivery delivery(WebhookDelivery d) {
    return new Delivery(
        d.id(),
        d.event(),
        d.contactId(),
        d.attempts(),
        d.state().name(),
        d.lastStatusCode(),
        d.lastError(),
        d.createdAt(),
        d.nextAttemptAt(),
        d.deliveredAt());
  }
}
