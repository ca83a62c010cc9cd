package io.contactdesk.users.boundary;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.users.control.ApiTokens;
import io.contactdesk.users.entity.ApiToken;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The caller's personal API tokens (SPEC Part 2, Accounts): made, listed without their values,
 * revoked. A token is shown once, in the answer that made it.
 *
 * <p>A request signed in with a token may list and revoke tokens (a script may drop its own), but
 * not make one: a token that leaked must not be able to outlive its revocation through another.
 */
@Path("me/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class TokensResource {

  @Inject ApiTokens tokens;
  @Context SecurityContext security;
  @Context HttpServletRequest request;

  /** {@code expiresAt} is optional: without it the token lasts until it is revoked. */
  public record NewToken(String name, String expiresAt) {

    /** The expiry as an instant; an ISO-8601 time with its offset, as every time of the API. */
    Instant expiry() {
      if (expiresAt == null) {
        return null;
      }
      try {
        return OffsetDateTime.parse(expiresAt.strip()).toInstant();
      } catch (DateTimeParseException e) {
        throw InvalidInput.of(
            "expiresAt", "must be an ISO-8601 time with its offset, such as 2027-06-30T00:00:00Z");
      }
    }
  }

  /** The answer to a new token: the only time {@code token} is ever shown. */
  public record Created(String id, String name, String token, Instant expiresAt) {}

  /** A token as the list shows it: never its value. */
  public record Listed(
      String id, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    static Listed of(ApiToken token) {
      return new Listed(
          token.id(), token.name(), token.createdAt(), token.expiresAt(), token.lastUsedAt());
    }
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(NewToken body) {
    if (body == null) {
      throw new BadRequestException("Send {\"name\":…} and, if it should expire, \"expiresAt\"");
    }
    if (BearerToken.tokenIdOf(request).isPresent()) {
      throw new ForbiddenException(
          "An API token cannot make another; sign in with your password to make one");
    }
    var errors = new InvalidInput.Collector();
    Instant expiresAt = errors.attempt(body::expiry);
    ApiTokens.Issued issued = tokens.issue(username(), body.name(), expiresAt, errors);
    ApiToken token = issued.token();
    return Response.status(Response.Status.CREATED)
        .entity(new Created(token.id(), token.name(), issued.secret(), token.expiresAt()))
        .build();
  }

  @GET
  public List<Listed> list() {
    return tokens.of(username()).stream().map(Listed::of).toList();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id) {
    tokens.revoke(username(), id);
    return Response.noContent().build();
  }

  private String username() {
    return security.getUserPrincipal().getName();
  }
}
