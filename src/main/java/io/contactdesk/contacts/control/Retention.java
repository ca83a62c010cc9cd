package io.contactdesk.contacts.control;

import io.contactdesk.platform.AppStarted;
import io.contactdesk.platform.ClusterJobs;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.platform.Rounds;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.queues.entity.Queue;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each queue keeps contacts for its {@code retentionDays}; once a day older ones are erased like an
 * admin's DELETE, in small batches so no transaction grows large. Once a day per cluster, not per
 * node: every node asks {@link ClusterJobs} hourly (first shortly after start), and the one that
 * finds the sweep due runs it.
 */
@ApplicationScoped
public class Retention {

  private static final Logger LOG = Logger.getLogger(Retention.class.getName());
  static final int BATCH = 200;
  static final String JOB = "retention";
  static final Duration EVERY = Duration.ofDays(1);

  // The scheduler keeps time; the sweep, which may take long, runs on the executor, so it never
  // holds up the prompt work on the scheduler (live streams' checks and dispatch).
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Inject Queues queues;
  @Inject Casework casework;
  @Inject Clock clock;
  @Inject InTransaction tx;
  @Inject ClusterJobs jobs;

  void schedule(@Observes AppStarted started) {
    new Rounds("Retention sweep", scheduler, executor, this::sweepIfDue, Duration.ZERO)
        .poll(Duration.ofMinutes(5), Duration.ofHours(1));
  }

  /** Sweeps when this node is the one to run today's sweep; returns whether it did. */
  boolean sweepIfDue() {
    try {
      if (!jobs.claim(JOB, EVERY)) {
        return false;
      }
    } catch (RuntimeException e) {
      // the next hour asks again
      LOG.log(Level.WARNING, "Could not ask whether the retention sweep is due", e);
      return false;
    }
    sweep();
    return true;
  }

  /** Erases every contact past its queue's retention; returns how many. */
  public long sweep() {
    long erased = 0;
    try {
      Instant now = clock.instant();
      for (Queue queue : tx.get(queues::all)) {
        Instant before = now.minus(Duration.ofDays(queue.retentionDays()));
        int n;
        do {
          n = casework.eraseOlderThan(queue.id(), before, BATCH);
          erased += n;
        } while (n == BATCH);
      }
      if (erased > 0) {
        LOG.info("Retention erased " + erased + " contacts");
      }
    } catch (RuntimeException e) {
      // the next run tries again; a failing sweep must not stop the schedule
      LOG.log(Level.WARNING, "Retention sweep failed", e);
    }
    return erased;
  }
}
