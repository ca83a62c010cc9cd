package io.contactdesk.platform;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background worker's rounds (the mail and webhook outboxes, the escalation check, the retention
 * sweep): run on the executor one at a time, the scheduler only keeping time.
 *
 * <ol>
 *   <li>A poll asks for a round every period, whatever became of earlier asks: it is what
 *       guarantees that owed work gets done, so nothing may stop it (a task the executor refused or
 *       never ran, a round that failed, a nudge that was lost).
 *   <li>A nudge asks for a round soon (after {@code gap}, so that the nudges of many commits share
 *       one round); nudges while one is pending are that one.
 *   <li>At most one round waits behind the one running: an ask while one is queued is that one,
 *       unless the queued one has waited a whole period (then it is taken as lost and asked again).
 * </ol>
 */
public final class Rounds {

  private static final Logger LOG = Logger.getLogger(Rounds.class.getName());

  private final String name;
  private final ScheduledExecutorService scheduler;
  private final Executor executor;
  private final Runnable round;
  private final Duration gap;
  private final Object oneAtATime = new Object();
  private final AtomicBoolean nudged = new AtomicBoolean();
  private final AtomicLong queuedSince = new AtomicLong(); // System.nanoTime(), 0 when none
  private volatile long periodNanos = Long.MAX_VALUE;
  private volatile ScheduledFuture<?> polling;

  /** {@code round} must be safe to run at any time: it finds its own work. */
  public Rounds(
      String name,
      ScheduledExecutorService scheduler,
      Executor executor,
      Runnable round,
      Duration gap) {
    this.name = name;
    this.scheduler = scheduler;
    this.executor = executor;
    this.round = round;
    this.gap = gap;
  }

  /** Polls every {@code period}, the first time after {@code first}. */
  public void poll(Duration first, Duration period) {
    periodNanos = period.toNanos();
    polling =
        scheduler.scheduleWithFixedDelay(
            this::polled, first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks for a round soon. */
  public void nudge() {
    if (nudged.compareAndSet(false, true)) {
      try {
        scheduler.schedule(
            () -> {
              nudged.set(false);
              ask(false);
            },
            gap.toMillis(),
            TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopping) {
        nudged.set(false);
      }
    }
  }

  public void stop() {
    ScheduledFuture<?> running = polling;
    if (running != null) {
      running.cancel(false);
    }
  }

  // on the scheduler's thread: it must never throw, or the periodic schedule would end for good
  private void polled() {
    nudged.set(false); // a nudge that never ran must not silence the next ones
    ask(true);
  }

  private void ask(boolean polled) {
    long now = System.nanoTime();
    long since = queuedSince.get();
    boolean waiting = since != 0 && !(polled && now - since >= periodNanos);
    if (waiting || !queuedSince.compareAndSet(since, now)) {
      return; // the round already queued does this work
    }
    try {
      executor.execute(this::run);
    } catch (RuntimeException refused) {
      queuedSince.compareAndSet(now, 0); // the next nudge or poll asks again
      LOG.log(Level.FINE, name + ": the executor refused a round", refused);
    }
  }

  private void run() {
    synchronized (oneAtATime) {
      queuedSince.set(0); // an ask from now on is for work this round may not see
      try {
        round.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, name + ": a round failed; the next one tries again", e);
      }
    }
  }
}
