package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.queues.control.QueueAccess;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.users.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds contacts for an agent (docs/api.md, Contacts): in the queues the caller sees, newest first,
 * a page at a time. Every read is one index range read in order that stops after the page:
 *
 * <ul>
 *   <li>a search (a reference or an e-mail) reads the few contacts with that value, through the
 *       reference or the e-mail index;
 *   <li>a list reads, for each queue and each status asked for, the (queue, status) range of {@code
 *       contact_queue_status_newest} below the cursor, and keeps the newest {@code limit} of them
 *       all: at most queues × statuses × limit rows, however many contacts there are.
 * </ul>
 */
@ApplicationScoped
public class ContactFinder {

  static final Comparator<Listed> NEWEST_FIRST =
      Comparator.comparing(Listed::createdAt).thenComparing(Listed::id).reversed();

  @Inject EntityManager em;
  @Inject QueueAccess access;

  /** A contact as the list shows it: no answers. */
  public record Listed(
      String id,
      String reference,
      String queueId,
      Instant createdAt,
      Status status,
      String handler,
      boolean overdue,
      io.contactdesk.contacts.entity.Source source) {}

  /** Where a page ends: the last contact's time and id. */
  public record Position(Instant at, String id) {
    public Position {
      Objects.requireNonNull(at);
      Objects.requireNonNull(id);
    }
  }

  /**
   * What to list. Null means "any" for each; {@code handler} is a username, or {@link #NOBODY} for
   * contacts without one; {@code from} is inclusive, {@code to} exclusive.
   */
  public record Filter(
      String queueId,
      Status status,
      String handler,
      Boolean overdue,
      Instant from,
      Instant to,
      ContactQuery query) {

    public static final String NOBODY = "";
  }

  /** The newest {@code limit} contacts below {@code below} (from the newest when null). */
  public List<Listed> find(Caller caller, Filter filter, Position below, int limit) {
    List<String> queueIds =
        filter.queueId() != null
            ? List.of(access.visible(filter.queueId(), caller).id())
            : access.visibleQueues(caller).stream().map(Queue::id).toList();
    return find(queueIds, filter, below, limit);
  }

  /** The same in the given queues, which the caller is known to see. */
  List<Listed> find(List<String> queueIds, Filter filter, Position below, int limit) {
    if (queueIds.isEmpty()) {
      return List.of();
    }
    if (filter.query() != null) {
      return read(filter, queueIds, null, below, limit);
    }
    List<Status> statuses =
        filter.status() != null
            ? List.of(filter.status())
            // overdue means nobody has answered: such a contact is NEW
            : Boolean.TRUE.equals(filter.overdue())
                ? List.of(Status.NEW)
                : List.of(Status.values());
    List<Listed> found = new ArrayList<>();
    for (String queueId : queueIds) {
      for (Status status : statuses) {
        found.addAll(read(filter, List.of(queueId), status, below, limit));
      }
    }
    found.sort(NEWEST_FIRST);
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
  }

  /** Other contacts the same visitor left, by e-mail, in the queues the caller sees. */
  public List<Listed> sameVisitor(Contact contact, Caller caller, int limit) {
    if (contact.visitorEmail() == null) {
      return List.of();
    }
    Filter filter =
        new Filter(null, null, null, null, null, null, ContactQuery.email(contact.visitorEmail()));
    return find(caller, filter, null, limit + 1).stream()
        .filter(other -> !other.id().equals(contact.id()))
        .limit(limit)
        .toList();
  }

  private List<Listed> read(
      Filter filter, List<String> queueIds, Status status, Position below, int limit) {
    // Only fixed fragments are joined, every value is a parameter; the order by names the index's
    // columns from the first, so H2 reads the range in index order and stops (as for the log).
    StringBuilder jpql =
        new StringBuilder(
            "select new io.contactdesk.contacts.control.ContactFinder$Listed(c.id, c.reference,"
                + " c.queueId, c.createdAt, c.status, c.handler, c.overdue, c.source)"
                + " from Contact c where ");
    ContactQuery query = filter.query();
    // a handler's contacts are read off their own index (queue, handler, status, newest): off the
    // queue's, a handler with few contacts would cost a scan of every contact in each status
    boolean byHandler = query == null && filter.handler() != null;
    if (query != null) {
      jpql.append(query.byEmail() ? "c.visitorEmail = :q" : "c.reference = :q");
      jpql.append(" and c.queueId in :queueIds");
    } else {
      jpql.append("c.queueId = :queueId and c.status = :status");
    }
    if (query != null && filter.status() != null) {
      jpql.append(" and c.status = :status");
    }
    if (filter.handler() != null) {
      jpql.append(
          filter.handler().equals(Filter.NOBODY)
              ? " and c.handler is null"
              : " and c.handler = :handler");
    }
    if (filter.overdue() != null) {
      jpql.append(" and c.overdue = :overdue");
    }
    if (filter.from() != null) {
      jpql.append(" and c.createdAt >= :from");
    }
    if (filter.to() != null) {
      jpql.append(" and c.createdAt < :to");
    }
    if (below != null) {
      jpql.append(" and c.createdAt <= :at and (c.createdAt < :at or c.id < :id)");
    }
    jpql.append(
        query != null
            ? " order by c.createdAt desc, c.id desc"
            : byHandler
                ? " order by c.queueId, c.handler, c.status, c.createdAt desc, c.id desc"
                : " order by c.queueId, c.status, c.createdAt desc, c.id desc");
    TypedQuery<Listed> q = em.createQuery(jpql.toString(), Listed.class).setMaxResults(limit);
    if (query != null) {
      q.setParameter("q", query.value()).setParameter("queueIds", queueIds);
      if (filter.status() != null) {
        q.setParameter("status", filter.status());
      }
    } else {
      q.setParameter("queueId", queueIds.get(0)).setParameter("status", status);
    }
    if (filter.handler() != null && !filter.handler().equals(Filter.NOBODY)) {
      q.setParameter("handler", filter.handler());
    }
    if (filter.overdue() != null) {
      q.setParameter("overdue", filter.overdue());
    }
    if (filter.from() != null) {
      q.setParameter("from", filter.from());
    }
    if (filter.to() != null) {
      q.setParameter("to", filter.to());
    }
    if (below != null) {
      q.setParameter("at", below.at()).setParameter("id", below.id());
    }
    return q.getResultList();
  }
}
