package io.contactdesk.activity.boundary;

import io.contactdesk.activity.control.UnreadContacts;
import io.contactdesk.activity.control.UnreadContacts.Position;
import io.contactdesk.activity.entity.UnreadContact;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.control.QueueAccess;
import io.contactdesk.users.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;

/**
 * The contacts of a queue the caller has not opened yet, newest first, with how many there are in
 * all (docs/api.md, Unread; the rule is on {@link UnreadContact}). A non-member gets 404, as for
 * everything of another queue.
 */
@Path("queues/{queueId}/unread")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class UnreadResource {

  @Inject UnreadContacts unread;
  @Inject QueueAccess access;
  @Context SecurityContext security;

  public record Item(String contactId, Instant at) {}

  /** {@code capped}: there are more than {@code count}, which stops at a thousand. */
  public record Page(int count, boolean capped, List<Item> contacts, String next) {}

  @GET
  public Page page(
      @PathParam("queueId") String queueId,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    int size = ActivityResource.limit(limit);
    Position below = before == null || before.isEmpty() ? null : Cursor.decode(before);
    Caller caller = Caller.of(security);
    access.visible(queueId, caller);
    UnreadContacts.Unread found = unread.of(caller.username(), queueId, below, size + 1);
    boolean more = found.page().size() > size;
    List<UnreadContact> shown = more ? found.page().subList(0, size) : found.page();
    return new Page(
        found.count(),
        found.capped(),
        shown.stream().map(u -> new Item(u.contactId(), u.registeredAt())).toList(),
        more ? Cursor.encode(shown.get(shown.size() - 1)) : null);
  }

  /** The position in the list, opaque to clients so its form can change. */
  static final class Cursor {
    private static final String PREFIX = "u1:";

    static String encode(UnreadContact last) {
      String text = PREFIX + last.registeredAt() + "/" + last.contactId();
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    static Position decode(String cursor) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        int slash = text.indexOf('/');
        if (text.startsWith(PREFIX) && slash > PREFIX.length() && slash < text.length() - 1) {
          return new Position(
              Instant.parse(text.substring(PREFIX.length(), slash)), text.substring(slash + 1));
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        // reported below
      }
      throw InvalidInput.of("before", "is not a cursor from this list; use the value of next");
    }
  }
}
