package io.contactdesk.users.control;

import jakarta.ws.rs.core.SecurityContext;

/** Who is asking: an agent sees the queues they are a member of, an admin sees all. */
public record Caller(String username, boolean admin) {

  public static Caller of(SecurityContext security) {
    return new Caller(security.getUserPrincipal().getName(), security.isUserInRole("admin"));
  }
}
