package io.contactdesk.activity.boundary;

import io.contactdesk.activity.control.UnreadContacts;
import io.contactdesk.activity.control.UnreadContacts.Position;
import io.contactdesk.activity.entity.UnreadContact;
import io.contactdesk.platform.PageSize;
import io.contactdesk.platform.TimeCursor;
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
import java.time.Instant;
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

  /** Names this list in its cursors (the form before TimeCursor was shared, so old ones hold). */
  private static final String CURSOR = "u1";

  @GET
  public Page page(
      @PathParam("queueId") String queueId,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    int size = PageSize.of(limit);
    Position below = null;
    if (before != null && !before.isEmpty()) {
      TimeCursor cursor = TimeCursor.decode(CURSOR, before);
      below = new Position(cursor.at(), cursor.id());
    }
    Caller caller = Caller.of(security);
    access.visible(queueId, caller);
    UnreadContacts.Unread found = unread.of(caller.username(), queueId, below, size + 1);
    boolean more = found.page().size() > size;
    List<UnreadContact> shown = more ? found.page().subList(0, size) : found.page();
    return new Page(
        found.count(),
        found.capped(),
        shown.stream().map(u -> new Item(u.contactId(), u.registeredAt())).toList(),
        more ? next(shown.get(shown.size() - 1)) : null);
  }

  private static String next(UnreadContact last) {
    return new TimeCursor(last.registeredAt(), last.contactId()).encode(CURSOR);
  }
}
