package io.contactdesk.platform;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@value #EVERY_MINUTES} minutes, on each node, purges every {@link Expiring} bean: the
 * purges are idempotent deletes of what has expired, so nodes doing them at once cost nothing more
 * than a repeat, and a failure is logged and left to the next round.
 */
@ApplicationScoped
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());
  public static final long EVERY_MINUTES = 10;

  @Inject @Any Instance<Expiring> expiring;
  @Resource ManagedScheduledExecutorService scheduler;

  private ScheduledFuture<?> rounds;

  void start(@Observes AppStarted started) {
    rounds = scheduler.scheduleWithFixedDelay(this::round, 1, EVERY_MINUTES, TimeUnit.MINUTES);
  }

  void round() {
    purgeAll(expiring);
  }

  static void purgeAll(Iterable<? extends Expiring> all) {
    for (Expiring each : all) {
      try {
        each.purge();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Could not purge " + each.expiring() + "; trying again later", e);
      }
    }
  }

  @PreDestroy
  void stop() {
    if (rounds != null) {
      rounds.cancel(false);
    }
  }
}
