package io.contactdesk.users.boundary;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * A personal API token in {@code Authorization: Bearer <token>} (RFC 6750; SPEC Part 2, Accounts).
 * Like Basic credentials, a browser never sends it by itself, so a request signed in with one needs
 * no CSRF token.
 */
final class BearerToken {

  // the token this request was signed in with, set by ContactDeskAuthentication
  static final String ATTRIBUTE = "contactdesk.token";
  static final String CHALLENGE =
      "Bearer realm=\"" + ContactDeskAuthentication.REALM + "\", error=\"invalid_token\"";

  private BearerToken() {}

  /** Whether the header is of the Bearer scheme (the name is case-insensitive, RFC 9110). */
  static boolean isBearer(String authorization) {
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  /** The token of a Bearer header. */
  static String tokenOf(String authorization) {
    return authorization.substring(7).strip();
  }

  /** The id of the API token the request was signed in with, if it was. */
  static Optional<String> tokenIdOf(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof String id
        ? Optional.of(id)
        : Optional.empty();
  }
}
