package io.contactdesk.activity.control;

import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.ActivityType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Writes the queue activity log, always inside the transaction of the change it records, and keeps
 * what is unread for whom ({@link UnreadContacts}) in step with it.
 */
@ApplicationScoped
public class ActivityLog {

  @Inject EntityManager em;
  @Inject UnreadContacts unread;

  /**
   * One page of a queue's log, newest first, starting below {@code beforeId} when given. Keyset
   * paging on the id: every page costs the same however deep it is.
   */
  public List<ActivityEntry> page(String queueId, Long beforeId, int limit) {
    return em.createNamedQuery(ActivityEntry.PAGE, ActivityEntry.class)
        .setParameter("queueId", queueId)
        .setParameter("before", beforeId == null ? Long.MAX_VALUE : beforeId)
        .setMaxResults(limit)
        .getResultList();
  }

  /** An entry about a contact, named by its id and its reference. */
  @Transactional(Transactional.TxType.MANDATORY)
  public ActivityEntry record(
      String queueId,
      ActivityType type,
      Instant at,
      String actor,
      String contactId,
      String reference) {
    return record(queueId, type, at, actor, contactId, reference, null);
  }

  /** The same for a status or handler change, saying what it changed. */
  @Transactional(Transactional.TxType.MANDATORY)
  public ActivityEntry record(
      String queueId,
      ActivityType type,
      Instant at,
      String actor,
      String contactId,
      String reference,
      ActivityEntry.Change change) {
    ActivityEntry entry = new ActivityEntry(queueId, type, at, actor, contactId, reference, change);
    em.persist(entry);
    unread.recorded(entry);
    return entry;
  }

  /**
   * New-contact entries after {@code afterId} in the given queues, oldest first: what a live client
   * missed while it was away.
   */
  public List<ActivityEntry> registeredSince(long afterId, List<String> queueIds, int limit) {
    if (queueIds.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(ActivityEntry.REGISTERED_SINCE, ActivityEntry.class)
        .setParameter("after", afterId)
        .setParameter("queueIds", queueIds)
        .setParameter("type", ActivityType.CONTACT_REGISTERED)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The new-contact entries among these ids, oldest first (ids of other kinds are left out). */
  public List<ActivityEntry> registeredAmong(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(ActivityEntry.REGISTERED_AMONG, ActivityEntry.class)
        .setParameter("ids", ids)
        .setParameter("type", ActivityType.CONTACT_REGISTERED)
        .getResultList();
  }

  /** The escalation entries among these ids, oldest first (ids of other kinds are left out). */
  public List<ActivityEntry> escalatedAmong(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return em.createNamedQuery(ActivityEntry.REGISTERED_AMONG, ActivityEntry.class)
        .setParameter("ids", ids)
        .setParameter("type", ActivityType.CONTACT_ESCALATED)
        .getResultList();
  }

  /** New-contact entries of every queue after {@code afterId}, oldest first. */
  public List<ActivityEntry> registeredAfter(long afterId, int limit) {
    return em.createNamedQuery(ActivityEntry.REGISTERED_AFTER, ActivityEntry.class)
        .setParameter("after", afterId)
        .setParameter("type", ActivityType.CONTACT_REGISTERED)
        .setMaxResults(limit)
        .getResultList();
  }

  /** The id of the newest entry, 0 when the log is empty. */
  public long lastId() {
    Long last = em.createNamedQuery(ActivityEntry.LAST_ID, Long.class).getSingleResult();
    return last == null ? 0 : last;
  }
}
