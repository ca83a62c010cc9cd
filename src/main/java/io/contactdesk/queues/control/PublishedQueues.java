package io.contactdesk.queues.control;

import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queues as the chat window sees them, read from memory: every visitor request needs its queue's
 * settings, and they change only when an admin saves them. A change on this instance is seen at
 * once; one made through another instance on the same database within {@value #MAX_AGE_SECONDS}
 * seconds. The snapshots are detached and only read.
 */
@ApplicationScoped
public class PublishedQueues {

  static final long MAX_AGE_SECONDS = 5;

  @Inject Queues queues;

  private final ConcurrentHashMap<String, Snapshot> snapshots = new ConcurrentHashMap<>();
  private final AtomicLong changes = new AtomicLong();

  private record Snapshot(Queue queue, long loadedAt) {}

  /** The queue with this id; {@link QueueNotFound} for an unknown or malformed one. */
  public Queue get(String id) {
    Snapshot snapshot = id == null ? null : snapshots.get(id);
    long now = System.nanoTime();
    if (snapshot != null && now - snapshot.loadedAt() < TimeUnit.SECONDS.toNanos(MAX_AGE_SECONDS)) {
      return snapshot.queue();
    }
    // a change committed while this read runs must not be overwritten by what it read
    long seen = changes.get();
    Queue queue = queues.find(id);
    if (changes.get() == seen) {
      snapshots.put(id, new Snapshot(queue, now));
    }
    return queue;
  }

  void changed(@Observes(during = TransactionPhase.AFTER_COMPLETION) QueueChanged change) {
    changes.incrementAndGet();
    snapshots.remove(change.queueId());
  }
}
