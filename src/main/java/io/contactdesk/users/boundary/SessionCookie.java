package io.contactdesk.users.boundary;

import io.contactdesk.platform.WebContainerSettings;
import io.contactdesk.users.control.ConsoleSessions;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The console's session cookie, {@code CONTACTDESK_SESSION} (SPEC rule 15): {@code HttpOnly},
 * {@code SameSite=Lax}, path {@code /}, {@code Secure} when {@code contactdesk.base-url} is https,
 * and no expiry of its own (the session's lies in the database, {@link ConsoleSessions}). Written
 * here rather than by the servlet container, whose HTTP session lives in one node's memory.
 */
public final class SessionCookie {

  public static final String NAME = "CONTACTDESK_SESSION";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  // the session this request was signed in with, set by ContactDeskAuthentication
  static final String ATTRIBUTE = "contactdesk.console";

  private SessionCookie() {}

  /** The session a request was signed in with, and the token its cookie sent. */
  record Signed(ConsoleSessions.Current session, String token) {}

  /** The id of the console session the request was signed in with, if it was. */
  public static Optional<String> sessionIdOf(HttpServletRequest request) {
    return signed(request).map(s -> s.session().id());
  }

  static Optional<Signed> signed(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof Signed s ? Optional.of(s) : Optional.empty();
  }

  /** The token of the request's session cookie; null without one. */
  static String tokenOf(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie cookie : cookies) {
        if (NAME.equals(cookie.getName())) {
          return cookie.getValue();
        }
      }
    }
    return null;
  }

  /** The {@code Set-Cookie} value that starts a session. */
  static String starting(String token) {
    return NAME + "=" + token + attributes();
  }

  /** The {@code Set-Cookie} value that makes the browser forget it. */
  static String ending() {
    return NAME + "=; Max-Age=0" + attributes();
  }

  private static String attributes() {
    return "; Path=/; HttpOnly; SameSite=Lax"
        + (WebContainerSettings.secureCookies() ? "; Secure" : "");
  }
}
