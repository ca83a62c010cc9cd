package io.contactdesk.users.boundary;

import io.contactdesk.platform.ClientAddress;
import io.contactdesk.platform.ErrorBody;
import io.contactdesk.platform.TooManyRequests;
import io.contactdesk.users.control.ConsoleSessions;
import io.contactdesk.users.control.DatabaseIdentityStore;
import io.contactdesk.users.control.LoginThrottle;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.User;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
 * The console's login: {@code POST /api/session} with username and password starts a session (a row
 * of {@link ConsoleSessions}, so every node knows it) and hands out its cookie and CSRF token;
 * {@code GET} tells who is logged in; {@code DELETE} logs out on every node, which also ends the
 * live streams opened with the session.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

  @Inject ClientAddress clientAddress;
  @Inject DatabaseIdentityStore identityStore;
  @Inject Users users;
  @Inject LoginThrottle throttle;
  @Inject ConsoleSessions sessions;
  @Context HttpServletRequest request;

  public record Login(String username, String password) {}

  public record Session(UserBody user, String csrfToken) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(Login login) {
    if (login == null) {
      throw new BadRequestException("Send {\"username\":…,\"password\":…}");
    }
    var wait = throttle.refusal(login.username(), clientAddress.of(request));
    if (wait.isPresent()) {
      throw new TooManyRequests(wait.get().toSeconds());
    }
    var signIn = identityStore.check(login.username(), login.password());
    if (signIn.isEmpty()) {
      throttle.failed(login.username(), clientAddress.of(request));
      return ErrorBody.of(401, "unauthorized", "Wrong username or password").toResponse();
    }
    throttle.succeeded(login.username());
    // a login replaces the browser's earlier session (the login itself ignores its cookie)
    sessions.endByToken(SessionCookie.tokenOf(request));
    User user = users.get(signIn.get().username());
    var opened = sessions.open(user, signIn.get().epoch());
    return Response.ok(new Session(UserBody.of(user), opened.csrfToken()))
        .header("Set-Cookie", SessionCookie.starting(opened.token()))
        .build();
  }

  @GET
  public Response current() {
    var signed = SessionCookie.signed(request);
    if (signed.isEmpty()) {
      return ErrorBody.of(401, "unauthorized", "Not logged in").toResponse();
    }
    var console = signed.get().session();
    return Response.ok(new Session(UserBody.of(users.get(console.username())), console.csrfToken()))
        .build();
  }

  @DELETE
  public Response logout() {
    SessionCookie.signed(request).ifPresent(s -> sessions.endByToken(s.token()));
    return Response.noContent().header("Set-Cookie", SessionCookie.ending()).build();
  }
}
