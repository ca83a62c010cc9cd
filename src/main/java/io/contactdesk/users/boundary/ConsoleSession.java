package io.contactdesk.users.boundary;

import java.io.Serializable;

/**
 * Who is logged in to the console in this HTTP session, the user's session epoch at login (a newer
 * one ends the session), and the token that cookie-authenticated requests that change something
 * must repeat in the {@code X-CSRF-Token} header. The roles are read afresh on every request.
 */
public record ConsoleSession(String username, long epoch, String csrfToken)
    implements Serializable {

  public static final String ATTRIBUTE = "contactdesk.console";
  public static final String CSRF_HEADER = "X-CSRF-Token";

  ConsoleSession withEpoch(long newEpoch) {
    return new ConsoleSession(username, newEpoch, csrfToken);
  }
}
