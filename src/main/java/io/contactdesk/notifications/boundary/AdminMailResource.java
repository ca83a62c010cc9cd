package io.contactdesk.notifications.boundary;

import io.contactdesk.notifications.control.MailOutbox;
import io.contactdesk.notifications.entity.OutboxMail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** Admins see mail that has not gone out yet, and mail given up on, with the last error. */
@Path("admin/mail")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AdminMailResource {

  @Inject MailOutbox outbox;

  public record Mail(
      String id,
      String contactId,
      String queueId,
      String recipient,
      String state,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      String lastError,
      String kind) {}

  @GET
  public List<Mail> unsent() {
    return outbox.unsent(500).stream().map(AdminMailResource::of).toList();
  }

  private static Mail of(OutboxMail m) {
    return new Mail(
        m.id(),
        m.contactId(),
        m.queueId(),
        m.recipient(),
        m.state().name(),
        m.attempts(),
        m.createdAt(),
        m.nextAttemptAt(),
        m.lastError(),
        m.kind().name());
  }
}
