package io.contactdesk.activity.boundary;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PageSize;
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
import java.util.Base64;
import java.util.List;

/** A queue's activity log, newest first, a page at a time (SPEC, Agent). */
@Path("queues/{queueId}/activity")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class ActivityResource {

  @Inject ActivityLog log;
  @Inject QueueAccess access;
  @Context SecurityContext security;

  /** {@code detail} says what a status or handler change changed; null for other entries. */
  public record Entry(
      String id,
      String type,
      Instant at,
      String actor,
      String contactId,
      String reference,
      ActivityEntry.Change detail) {}

  public record Page(List<Entry> entries, String next) {}

  @GET
  public Page page(
      @PathParam("queueId") String queueId,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    int size = PageSize.of(limit);
    Long beforeId = before == null || before.isEmpty() ? null : Cursor.decode(before);
    access.visible(queueId, Caller.of(security));
    List<ActivityEntry> entries = log.page(queueId, beforeId, size + 1);
    boolean more = entries.size() > size;
    List<ActivityEntry> shown = more ? entries.subList(0, size) : entries;
    return new Page(
        shown.stream()
            .map(
                e ->
                    new Entry(
                        String.valueOf(e.id()),
                        e.type().name(),
                        e.at(),
                        e.actor(),
                        e.contactId(),
                        e.reference(),
                        e.change()))
            .toList(),
        more ? Cursor.encode(shown.get(shown.size() - 1).id()) : null);
  }

  /** The position in the log, opaque to clients so its form can change. */
  static final class Cursor {
    private static final String PREFIX = "a1:";

    static String encode(long id) {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString((PREFIX + id).getBytes(StandardCharsets.US_ASCII));
    }

    static long decode(String cursor) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        if (text.startsWith(PREFIX)) {
          return Long.parseLong(text.substring(PREFIX.length()));
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw InvalidInput.of("before", "is not a cursor from this log; use the value of next");
    }
  }
}
