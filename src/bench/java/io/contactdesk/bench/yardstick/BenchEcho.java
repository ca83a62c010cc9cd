package io.contactdesk.bench.yardstick;

import io.contactdesk.contacts.boundary.PublicContactsResource.ContactBody;
import io.contactdesk.platform.WritesNothing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;

/**
 * The benchmarks' yardstick (docs/benchmarks.md): a POST that binds the same JSON as a contact
 * submission and answers a body of the same shape as its receipt, with no database, no event and no
 * login. What it reaches is the server's own limit for such a request on the machine; a durable
 * submission is reported as a fraction of it. Only in the bench build ({@code -Pbench},
 * docs/benchmarks.md): the product has no such path.
 */
@ApplicationScoped // like the visitor resources it stands beside
@Path("bench/echo")
@WritesNothing
public class BenchEcho {

  public record Echo(String id, String reference, Instant createdAt, Instant nextOpening) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Echo echo(ContactBody body) {
    if (body == null || body.answers() == null) {
      throw new jakarta.ws.rs.BadRequestException("Send the answers as a JSON object");
    }
    return new Echo("echo" + body.answers().size(), "ECH-0000", Instant.now(), null);
  }
}
