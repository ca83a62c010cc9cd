package io.contactdesk.users.boundary;

import io.contactdesk.platform.ClientAddress;
import io.contactdesk.users.control.ApiTokens;
import io.contactdesk.users.control.ConsoleSessions;
import io.contactdesk.users.control.DatabaseIdentityStore;
import io.contactdesk.users.control.LoginThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Three ways in: HTTP Basic on every request (scripts), a personal API token as {@code
 * Authorization: Bearer} (scripts, {@link ApiTokens}), or the console's session cookie after {@code
 * POST /api/session}. A cookie can be sent by another site's page, so a cookie-authenticated
 * request that changes something must also carry the session's CSRF token; Basic credentials and
 * tokens cannot be forged that way and need none.
 *
 * <p>Visitor endpoints ({@code /api/public/}) and the login itself are anonymous: a console cookie
 * sent along by the same browser is ignored there. Basic logins go through the same {@link
 * LoginThrottle} as console logins, before the password is checked; tokens too, before they are
 * looked up, counted against the client address (a token that is not found names no user). The
 * session behind a cookie is the database's ({@link ConsoleSessions}), so any node answers it
 * alike; one whose user was disabled, deleted or given a new password since it began ends at its
 * next request.
 *
 * <p>Which endpoints need which role is decided per resource ({@code @RolesAllowed}); this class
 * only says who the caller is. A request without credentials goes on anonymously.
 */
@ApplicationScoped
public class ContactDeskAuthentication implements HttpAuthenticationMechanism {

  static final String REALM = "ContactDesk";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject ClientAddress clientAddress;
  @Inject DatabaseIdentityStore identityStore;
  @Inject LoginThrottle throttle;
  @Inject ConsoleSessions sessions;
  @Inject ApiTokens tokens;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(authorization.substring(6).trim(), request, context);
    }
    if (BearerToken.isBearer(authorization)) {
      return bearer(BearerToken.tokenOf(authorization), request, context);
    }
    if (isVisitorOrLogin(request)) {
      // anonymous by design: an agent's console cookie neither helps nor hinders here
      return context.doNothing();
    }
    String token = SessionCookie.tokenOf(request);
    if (token == null) {
      return context.doNothing();
    }
    var lookup = sessions.lookup(token);
    if (lookup.state() == ConsoleSessions.State.ENDED) {
      return refuse(
          request,
          context,
          new LoginRefusal(
              401,
              "session_ended",
              "Your session has ended; log in",
              Map.of("Set-Cookie", SessionCookie.ending())));
    }
    if (lookup.state() != ConsoleSessions.State.HOLDS) {
      return context.doNothing();
    }
    ConsoleSessions.Current console = lookup.session();
    if (!SAFE_METHODS.contains(request.getMethod())
        && !sameToken(console.csrfToken(), request.getHeader(SessionCookie.CSRF_HEADER))) {
      return refuse(
          request, context, 403, "csrf", "This request needs the session's X-CSRF-Token header");
    }
    request.setAttribute(SessionCookie.ATTRIBUTE, new SessionCookie.Signed(console, token));
    return context.notifyContainerAboutLogin(console.username(), console.roles());
  }

  private static boolean isVisitorOrLogin(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/public/")
        || (path.equals("/api/session") && request.getMethod().equals("POST"));
  }

  private AuthenticationStatus basic(
      String encoded, HttpServletRequest request, HttpMessageContext context) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return challenge(request, context);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return challenge(request, context);
    }
    String username = decoded.substring(0, colon);
    var wait = throttle.refusal(username, clientAddress.of(request));
    if (wait.isPresent()) {
      return refuse(
          request,
          context,
          new LoginRefusal(
              429,
              "too_many_requests",
              "Too many failed logins; try again later",
              Map.of("Retry-After", String.valueOf(wait.get().toSeconds()))));
    }
    var signIn = identityStore.check(username, decoded.substring(colon + 1));
    if (signIn.isEmpty()) {
      throttle.failed(username, clientAddress.of(request));
      return challenge(request, context);
    }
    throttle.succeeded(username);
    return context.notifyContainerAboutLogin(signIn.get().username(), signIn.get().groups());
  }

  private AuthenticationStatus bearer(
      String token, HttpServletRequest request, HttpMessageContext context) {
    String address = clientAddress.of(request);
    var wait = throttle.refusal(address);
    if (wait.isPresent()) {
      return refuse(
          request,
          context,
          new LoginRefusal(
              429,
              "too_many_requests",
              "Too many failed logins; try again later",
              Map.of("Retry-After", String.valueOf(wait.get().toSeconds()))));
    }
    ApiTokens.Lookup lookup = tokens.lookup(token);
    if (lookup.state() != ApiTokens.State.HOLDS) {
      throttle.failedFrom(address);
      String message =
          switch (lookup.state()) {
            case EXPIRED -> "This API token has expired";
            case ACCOUNT_ENDED -> "This API token's user is disabled or deleted";
            default -> "Unknown or revoked API token";
          };
      return refuse(
          request,
          context,
          new LoginRefusal(
              401, "unauthorized", message, Map.of("WWW-Authenticate", BearerToken.CHALLENGE)));
    }
    ApiTokens.Bearer bearer = lookup.bearer();
    request.setAttribute(BearerToken.ATTRIBUTE, bearer.tokenId());
    return context.notifyContainerAboutLogin(bearer.username(), bearer.roles());
  }

  private static AuthenticationStatus challenge(
      HttpServletRequest request, HttpMessageContext context) {
    return refuse(
        request,
        context,
        new LoginRefusal(
            401,
            "unauthorized",
            "Wrong username or password",
            Map.of("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"")));
  }

  private static AuthenticationStatus refuse(
      HttpServletRequest request,
      HttpMessageContext context,
      int status,
      String code,
      String message) {
    return refuse(request, context, new LoginRefusal(status, code, message, Map.of()));
  }

  /**
   * The request goes on with nobody logged in, and {@link LoginRefusal.Answer} answers it with the
   * refusal before any resource runs: the same on every server (see {@link LoginRefusal}).
   */
  private static AuthenticationStatus refuse(
      HttpServletRequest request, HttpMessageContext context, LoginRefusal refusal) {
    refusal.recordOn(request);
    return context.doNothing();
  }

  private static boolean sameToken(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
