package io.contactdesk.activity.control;

import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.activity.entity.ActivityType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Writes the queue activity log, always inside the transaction of the change it records. */
@ApplicationScoped
public class ActivityLog {

  @Inject EntityManager em;

  @Transactional(Transactional.TxType.MANDATORY)
  public void record(String queueId, ActivityType type, Instant at, String actor, String contactId) {
    em.persist(new ActivityEntry(queueId, type, at, actor, contactId));
  }
}
