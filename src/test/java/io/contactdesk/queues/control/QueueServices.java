package io.contactdesk.queues.control;

import jakarta.persistence.EntityManager;

/** Queue services reading through a test's entity manager. */
public final class QueueServices {
  private QueueServices() {}

  public static Queues queues(EntityManager em) {
    Queues queues = new Queues();
    queues.em = em;
    return queues;
  }

  public static PublishedQueues published(EntityManager em) {
    PublishedQueues published = new PublishedQueues();
    published.queues = queues(em);
    return published;
  }

  public static Memberships memberships(EntityManager em) {
    Memberships memberships = new Memberships();
    memberships.em = em;
    return memberships;
  }
}
