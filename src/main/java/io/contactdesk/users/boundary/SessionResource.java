package io.contactdesk.users.boundary;

import io.contactdesk.platform.ErrorBody;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.RateLimiter;
import io.contactdesk.platform.WritesNothing;
import io.contactdesk.users.control.DatabaseIdentityStore;
import io.contactdesk.users.control.Users;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The console's login: {@code POST /api/session} with username and password starts a cookie session
 * and hands out the CSRF token; {@code GET} tells who is logged in; {@code DELETE} logs out.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
@WritesNothing // the console session lives in memory
public class SessionResource {

  static final int LOGIN_ATTEMPTS_PER_MINUTE = 10;

  @Inject DatabaseIdentityStore identityStore;
  @Inject Users users;
  @Inject RateLimiter rateLimiter;
  @Context HttpServletRequest request;

  public record Login(String username, String password) {}

  public record Session(UserBody user, String csrfToken) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(Login login) {
    if (login == null) {
      throw new BadRequestException("Send {\"username\":…,\"password\":…}");
    }
    rateLimiter.acquire("login:" + request.getRemoteAddr(), LOGIN_ATTEMPTS_PER_MINUTE);
    CredentialValidationResult result = identityStore.check(login.username(), login.password());
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return ErrorBody.of(401, "unauthorized", "Wrong username or password").toResponse();
    }
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true);
    ConsoleSession console =
        new ConsoleSession(login.username(), result.getCallerGroups(), Ids.random());
    session.setAttribute(ConsoleSession.ATTRIBUTE, console);
    return Response.ok(new Session(UserBody.of(users.get(login.username())), console.csrfToken()))
        .build();
  }

  @GET
  public Response current() {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(ConsoleSession.ATTRIBUTE) instanceof ConsoleSession console)) {
      return ErrorBody.of(401, "unauthorized", "Not logged in").toResponse();
    }
    return Response.ok(new Session(UserBody.of(users.get(console.username())), console.csrfToken()))
        .build();
  }

  @DELETE
  public Response logout() {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return Response.noContent().build();
  }
}
