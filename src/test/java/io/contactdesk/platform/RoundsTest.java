package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link Rounds}, on real executors. The mail outbox stopped for good under a load of
 * 100 submissions a second (bench/run mail, 2026-12-02): one ask for a round that never ran left
 * the "asked" flag set, and every later nudge and poll was taken for that ask.
 */
class RoundsTest {

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final ExecutorService pool = Executors.newSingleThreadExecutor();
  private final AtomicInteger rounds = new AtomicInteger();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
    pool.shutdownNow();
  }

  @Test
  void a_nudge_the_executor_refused_does_not_silence_the_next_nudge() throws Exception {
    AtomicInteger asks = new AtomicInteger();
    Executor refusingTheFirst =
        task -> {
          if (asks.incrementAndGet() == 1) {
            throw new RejectedExecutionException("busy");
          }
          pool.execute(task);
        };
    Rounds worker = new Rounds("test", scheduler, refusingTheFirst, rounds::incrementAndGet, gap());

    worker.nudge();
    awaitTrue(() -> asks.get() == 1);
    worker.nudge();

    awaitTrue(() -> rounds.get() == 1);
  }

  @Test
  void a_nudge_that_never_ran_does_not_stop_the_polls_nor_later_nudges() throws Exception {
    AtomicInteger scheduled = new AtomicInteger();
    ScheduledExecutorService losingTheFirstNudge =
        new ScheduledThreadPoolExecutor(1) {
          @Override
          public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            return scheduled.incrementAndGet() == 1
                ? super.schedule(() -> {}, delay, unit) // the task is lost
                : super.schedule(task, delay, unit);
          }
        };
    try {
      Rounds worker = new Rounds("test", losingTheFirstNudge, pool, rounds::incrementAndGet, gap());
      worker.nudge();
      worker.poll(Duration.ofMillis(50), Duration.ofMillis(50));

      awaitTrue(() -> rounds.get() >= 2);
      worker.stop();
      int polled = rounds.get();
      worker.nudge();
      awaitTrue(() -> rounds.get() == polled + 1);
    } finally {
      losingTheFirstNudge.shutdownNow();
    }
  }

  @Test
  void polls_go_on_after_refusals_and_failed_rounds() throws Exception {
    AtomicInteger asks = new AtomicInteger();
    Executor refusingEveryOther =
        task -> {
          if (asks.incrementAndGet() % 2 == 1) {
            throw new RejectedExecutionException("busy");
          }
          pool.execute(task);
        };
    Runnable failing =
        () -> {
          rounds.incrementAndGet();
          throw new IllegalStateException("the database is away");
        };
    Rounds worker = new Rounds("test", scheduler, refusingEveryOther, failing, gap());

    worker.poll(Duration.ofMillis(20), Duration.ofMillis(20));

    awaitTrue(() -> rounds.get() >= 3);
  }

  @Test
  void while_a_round_runs_asks_queue_at_most_one_more() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger queued = new AtomicInteger();
    ExecutorService twoThreads = Executors.newFixedThreadPool(2);
    Executor counting =
        task -> {
          queued.incrementAndGet();
          twoThreads.execute(task);
        };
    Runnable slow =
        () -> {
          rounds.incrementAndGet();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    try {
      Rounds worker = new Rounds("test", scheduler, counting, slow, Duration.ZERO);
      worker.nudge();
      awaitTrue(() -> rounds.get() == 1);
      for (int i = 0; i < 20; i++) {
        worker.nudge();
        Thread.sleep(5);
      }

      assertThat(queued.get()).as("rounds handed to the executor").isEqualTo(2);
      release.countDown();
      awaitTrue(() -> rounds.get() == 2);
    } finally {
      release.countDown();
      twoThreads.shutdownNow();
    }
  }

  private static Duration gap() {
    return Duration.ofMillis(10);
  }

  private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
