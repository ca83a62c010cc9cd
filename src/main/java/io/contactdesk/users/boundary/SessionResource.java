package io.contactdesk.users.boundary;

import io.contactdesk.platform.ErrorBody;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.TooManyRequests;
import io.contactdesk.platform.WritesNothing;
import io.contactdesk.users.control.DatabaseIdentityStore;
import io.contactdesk.users.control.LoginThrottle;
import io.contactdesk.users.control.Users;
import jakarta.inject.Inject;
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
 * and hands out the CSRF token; {@code GET} tells who is logged in; {@code DELETE} logs out, which
 * also ends the live streams opened with the session ({@link SessionEnd}).
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
@WritesNothing // the console session lives in memory; the time of the last login may be lost
public class SessionResource {

  @Inject DatabaseIdentityStore identityStore;
  @Inject Users users;
  @Inject LoginThrottle throttle;
  @Context HttpServletRequest request;

  public record Login(String username, String password) {}

  public record Session(UserBody user, String csrfToken) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(Login login) {
    if (login == null) {
      throw new BadRequestException("Send {\"username\":…,\"password\":…}");
    }
    var wait = throttle.refusal(login.username(), request.getRemoteAddr());
    if (wait.isPresent()) {
      throw new TooManyRequests(wait.get().toSeconds());
    }
    var signIn = identityStore.check(login.username(), login.password());
    if (signIn.isEmpty()) {
      throttle.failed(login.username(), request.getRemoteAddr());
      return ErrorBody.of(401, "unauthorized", "Wrong username or password").toResponse();
    }
    throttle.succeeded(login.username());
    HttpSession old = request.getSession(false);
    if (old != null) {
      old.invalidate();
    }
    HttpSession session = request.getSession(true);
    ConsoleSession console =
        new ConsoleSession(signIn.get().username(), signIn.get().epoch(), Ids.random());
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
