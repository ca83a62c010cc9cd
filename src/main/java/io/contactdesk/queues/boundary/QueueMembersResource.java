package io.contactdesk.queues.boundary;

import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.control.QueueAccess;
import io.contactdesk.users.control.Caller;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.User;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who works in a queue, for its members: the console offers them as handlers of a contact. A
 * non-member gets 404, as for everything of another queue; admins see every queue's members.
 */
@Path("queues/{queueId}/members")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class QueueMembersResource {

  @Inject QueueAccess access;
  @Inject Memberships memberships;
  @Inject Users users;
  @Context SecurityContext security;

  public record Member(String username, String displayName) {}

  /** The members by display name, so the console's list reads like a list of people. */
  @GET
  public List<Member> members(@PathParam("queueId") String queueId) {
    String id = access.visible(queueId, Caller.of(security)).id();
    List<String> usernames = memberships.membersOf(id);
    Map<String, String> names =
        users.withUsernames(usernames).stream()
            .collect(Collectors.toMap(User::username, User::displayName, (a, b) -> a));
    return usernames.stream()
        .map(u -> new Member(u, names.getOrDefault(u, u)))
        .sorted(
            Comparator.comparing((Member m) -> m.displayName().toLowerCase(Locale.ROOT))
                .thenComparing(Member::username))
        .toList();
  }
}
