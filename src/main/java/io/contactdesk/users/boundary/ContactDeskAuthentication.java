package io.contactdesk.users.boundary;

import io.contactdesk.platform.ErrorBody;
import io.contactdesk.users.control.DatabaseIdentityStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;

/**
 * Two ways in: HTTP Basic on every request (scripts), or the console's session cookie after {@code
 * POST /api/session}. A cookie can be sent by another site's page, so a cookie-authenticated request
 * that changes something must also carry the session's CSRF token; Basic credentials cannot be
 * forged that way and need none.
 *
 * <p>Which endpoints need which role is decided per resource ({@code @RolesAllowed}); this class only
 * says who the caller is. A request without credentials goes on anonymously.
 */
@ApplicationScoped
public class ContactDeskAuthentication implements HttpAuthenticationMechanism {

  static final String REALM = "ContactDesk";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Inject DatabaseIdentityStore identityStore;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(authorization.substring(6).trim(), response, context);
    }
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(ConsoleSession.ATTRIBUTE) instanceof ConsoleSession console) {
      if (!SAFE_METHODS.contains(request.getMethod())
          && !sameToken(console.csrfToken(), request.getHeader(ConsoleSession.CSRF_HEADER))) {
        return refuse(response, context, 403, "csrf", "This request needs the session's X-CSRF-Token header");
      }
      return context.notifyContainerAboutLogin(console.username(), console.roles());
    }
    return context.doNothing();
  }

  private AuthenticationStatus basic(
      String encoded, HttpServletResponse response, HttpMessageContext context) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return challenge(response, context);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return challenge(response, context);
    }
    CredentialValidationResult result =
        identityStore.check(decoded.substring(0, colon), decoded.substring(colon + 1));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      return challenge(response, context);
    }
    return context.notifyContainerAboutLogin(result);
  }

  private AuthenticationStatus challenge(HttpServletResponse response, HttpMessageContext context) {
    response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
    return refuse(response, context, 401, "unauthorized", "Wrong username or password");
  }

  private static AuthenticationStatus refuse(
      HttpServletResponse response, HttpMessageContext context, int status, String code, String message) {
    try {
      response.setStatus(status);
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      response.getWriter().write(ErrorBody.of(status, code, message).toJson());
    } catch (IOException e) {
      // the client has gone; nothing more to tell it
    }
    return AuthenticationStatus.SEND_FAILURE;
  }

  private static boolean sameToken(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
