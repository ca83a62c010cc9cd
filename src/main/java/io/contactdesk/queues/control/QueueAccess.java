package io.contactdesk.queues.control;

import io.contactdesk.queues.entity.Queue;
import io.contactdesk.users.control.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Agents see only their own queues. Anything of another queue answers exactly like something that
 * does not exist (404), so a non-member learns nothing, not even that it exists.
 */
@ApplicationScoped
public class QueueAccess {

  @Inject Queues queues;
  @Inject PublishedQueues published;
  @Inject Memberships memberships;

  /**
   * The queue, to read: the snapshot the chat window uses, because loading the queue and parsing
   * its settings took a quarter of an activity page's CPU (docs/benchmarks.md).
   */
  public Queue visible(String queueId, Caller caller) {
    Queue queue = published.get(queueId);
    check(queue.id(), caller);
    return queue;
  }

  public void check(String queueId, Caller caller) {
    if (!caller.admin() && !memberships.isMember(queueId, caller.username())) {
      throw new QueueNotFound();
    }
  }

  public boolean canSee(String queueId, Caller caller) {
    return caller.admin() || memberships.isMember(queueId, caller.username());
  }

  public List<Queue> visibleQueues(Caller caller) {
    return caller.admin() ? queues.all() : memberships.queuesOf(caller.username());
  }
}
