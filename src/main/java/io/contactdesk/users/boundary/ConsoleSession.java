package io.contactdesk.users.boundary;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is logged in to the console in this HTTP session, and the token that cookie-authenticated
 * requests that change something must repeat in the {@code X-CSRF-Token} header.
 */
public record ConsoleSession(String username, Set<String> roles, String csrfToken)
    implements Serializable {

  public static final String ATTRIBUTE = "contactdesk.console";
  public static final String CSRF_HEADER = "X-CSRF-Token";
}
