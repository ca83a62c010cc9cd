package io.contactdesk.contacts.boundary;

import io.contactdesk.contacts.control.ContactFinder;
import io.contactdesk.contacts.control.ContactFinder.Filter;
import io.contactdesk.contacts.control.ContactFinder.Listed;
import io.contactdesk.contacts.control.ContactFinder.Position;
import io.contactdesk.contacts.control.ContactQuery;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PageSize;
import io.contactdesk.platform.TimeCursor;
import io.contactdesk.users.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The caller's contacts, newest first, filtered or found by reference or e-mail (docs/api.md,
 * Contacts). A queue the caller is not a member of is a 404, as everywhere.
 */
@Path("contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class ContactListResource {

  private static final String CURSOR = "c1";

  @Inject ContactFinder finder;
  @Context SecurityContext security;

  public record Item(
      String id,
      String reference,
      String queueId,
      Instant createdAt,
      String status,
      String handler,
      boolean overdue,
      String source) {

    static Item of(Listed c) {
      return new Item(
          c.id(),
          c.reference(),
          c.queueId(),
          c.createdAt(),
          c.status().name(),
          c.handler(),
          c.overdue(),
          c.source().name());
    }
  }

  public record Page(List<Item> contacts, String next) {}

  @GET
  public Page list(
      @QueryParam("queue") String queue,
      @QueryParam("status") String status,
      @QueryParam("handler") String handler,
      @QueryParam("overdue") String overdue,
      @QueryParam("q") String q,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") String limit,
      @QueryParam("before") String before) {
    var errors = new InvalidInput.Collector();
    Filter filter =
        new Filter(
            blankToNull(queue),
            errors.attempt(() -> status(status)),
            handler,
            errors.attempt(() -> yesNo(overdue)),
            errors.attempt(() -> instant(from, false)),
            errors.attempt(() -> instant(to, true)),
            errors.attempt(() -> isBlank(q) ? null : ContactQuery.of(q)));
    Integer size = errors.attempt(() -> PageSize.of(limit));
    Position below =
        errors.attempt(
            () -> {
              if (isBlank(before)) {
                return null;
              }
              TimeCursor cursor = TimeCursor.decode(CURSOR, before);
              return new Position(cursor.at(), cursor.id());
            });
    errors.throwIfAny();
    List<Listed> found = finder.find(Caller.of(security), filter, below, size + 1);
    boolean more = found.size() > size;
    List<Listed> shown = more ? found.subList(0, size) : found;
    Listed last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
    return new Page(
        shown.stream().map(Item::of).toList(),
        more ? new TimeCursor(last.createdAt(), last.id()).encode(CURSOR) : null);
  }

  private static Status status(String status) {
    if (isBlank(status)) {
      return null;
    }
    try {
      return Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("status", "must be one of NEW, IN_PROGRESS, DONE, SPAM");
    }
  }

  private static Boolean yesNo(String value) {
    if (isBlank(value)) {
      return null;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw InvalidInput.of("overdue", "must be true or false");
    };
  }

  /**
   * A time such as {@code 2026-12-01T09:00:00Z}, or a day such as {@code 2026-12-01} (in UTC): as
   * {@code from} its start, as {@code to} its end, so {@code from=2026-12-01&to=2026-12-01} is that
   * day.
   */
  private static Instant instant(String value, boolean end) {
    if (isBlank(value)) {
      return null;
    }
    String text = value.strip();
    try {
      if (text.length() == 10) {
        LocalDate day = LocalDate.parse(text);
        return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw InvalidInput.of(
          end ? "to" : "from",
          "must be a day such as 2026-12-01 or a time such as 2026-12-01T09:00:00Z");
    }
  }

  private static String blankToNull(String value) {
    return isBlank(value) ? null : value.strip();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
