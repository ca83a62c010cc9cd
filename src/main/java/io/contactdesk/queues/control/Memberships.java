package io.contactdesk.queues.control;

import io.contactdesk.queues.entity.Membership;
import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Who works in which queue. Putting a member twice or removing a non-member changes nothing. */
@ApplicationScoped
public class Memberships {

  @Inject EntityManager em;
  @Inject Clock clock;

  @Transactional
  public void join(String queueId, String username) {
    if (em.find(Membership.class, Membership.key(queueId, username)) == null) {
      em.persist(new Membership(queueId, username, clock.instant()));
    }
  }

  @Transactional
  public void leave(String queueId, String username) {
    Membership membership = em.find(Membership.class, Membership.key(queueId, username));
    if (membership != null) {
      em.remove(membership);
    }
  }

  public boolean isMember(String queueId, String username) {
    return em.createNamedQuery(Membership.COUNT, Long.class)
            .setParameter("queueId", queueId)
            .setParameter("username", username)
            .getSingleResult()
        > 0;
  }

  public List<Queue> queuesOf(String username) {
    return em.createNamedQuery(Membership.QUEUES_OF, Queue.class)
        .setParameter("username", username)
        .getResultList();
  }

  public List<String> membersOf(String queueId) {
    return em.createNamedQuery(Membership.MEMBERS_OF, String.class)
        .setParameter("queueId", queueId)
        .getResultList();
  }
}
