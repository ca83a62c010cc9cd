package io.contactdesk.escalation.control;

import io.contactdesk.contacts.control.Casework;
import io.contactdesk.contacts.control.ContactOverdue;
import io.contactdesk.platform.AppStarted;
import io.contactdesk.platform.ClusterJobs;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.platform.Rounds;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.queues.entity.Escalation;
import io.contactdesk.queues.entity.Queue;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chases contacts that nobody answered (SPEC, Part 2, Follow-up). Every {@code
 * contactdesk.escalation.check-seconds} each node asks {@link ClusterJobs} whether the check is
 * due, so one node of a cluster runs it at a time. A check, per queue that escalates:
 *
 * <ol>
 *   <li>finds the latest registration time that has waited the queue's {@code afterOpenMinutes} of
 *       open time by now ({@link Queue#escalationCutOff}: its schedule, exceptions and overrides;
 *       closed time does not count);
 *   <li>reads the contacts registered from when escalation was switched on until then that are
 *       still {@code NEW}, have no comment and were never escalated ({@link Casework#unanswered},
 *       off an index that holds only such contacts, in batches of {@value #BATCH}), so the cost is
 *       the contacts due, not the queue's history;
 *   <li>escalates each in a transaction of its own, under its row lock ({@link Casework#escalate}:
 *       once per contact, whatever node or check comes again), and fires {@link ContactEscalated}
 *       in it: the outbox owes the link-only mails in that commit, the live event follows the
 *       commit.
 * </ol>
 *
 * A check that dies midway leaves the rest to the next one: what is due stays due.
 */
@ApplicationScoped
public class Escalations {

  private static final Logger LOG = Logger.getLogger(Escalations.class.getName());
  static final String JOB = "escalation";
  static final int BATCH = 100;

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Inject ClusterJobs jobs;
  @Inject Queues queues;
  @Inject Casework casework;
  @Inject InTransaction tx;
  @Inject Clock clock;
  @Inject Event<ContactEscalated> escalated;

  @Inject
  @ConfigProperty(name = "contactdesk.escalation.check-seconds", defaultValue = "20")
  int checkSeconds;

  void schedule(@Observes AppStarted started) {
    Duration every = Duration.ofSeconds(checkSeconds);
    new Rounds("Escalation check", scheduler, executor, this::checkIfDue, Duration.ZERO)
        .poll(every, every);
  }

  /**
   * Checks when this node is the one to run this check; the claim lasts a little less than the
   * period nodes ask in, so the node that ran the last one finds the next due on time.
   */
  boolean checkIfDue() {
    try {
      if (!jobs.claim(JOB, claimPeriod())) {
        return false;
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not ask whether the escalation check is due", e);
      return false;
    }
    check();
    return true;
  }

  Duration claimPeriod() {
    return Duration.ofSeconds(checkSeconds).multipliedBy(3).dividedBy(4);
  }

  /** Escalates every contact that is due now; returns how many. */
  public int check() {
    int count = 0;
    Instant now = clock.instant();
    List<Queue> escalating;
    try {
      escalating =
          tx.get(() -> queues.all().stream().filter(q -> q.escalation().isPresent()).toList());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Escalation check could not read the queues", e);
      return 0;
    }
    for (Queue queue : escalating) {
      try {
        count += check(queue, now);
      } catch (RuntimeException e) {
        // the next check tries again; one queue must not stop the others
        LOG.log(Level.WARNING, "Escalation check of queue " + queue.id() + " failed", e);
      }
    }
    if (count > 0) {
      LOG.info("Escalated " + count + " contacts nobody answered in their queue's open time");
    }
    return count;
  }

  private int check(Queue queue, Instant now) {
    // to the microsecond, as times are stored, and never later than the cut-off
    Optional<Instant> cutOff =
        queue.escalationCutOff(now).map(t -> t.truncatedTo(ChronoUnit.MICROS));
    if (cutOff.isEmpty()) {
      return 0;
    }
    Escalation escalation = queue.escalation().orElseThrow();
    Instant since = queue.escalationSince() == null ? Instant.EPOCH : queue.escalationSince();
    int count = 0;
    int escalatedNow;
    List<String> due;
    do {
      due = tx.get(() -> casework.unanswered(queue.id(), since, cutOff.get(), BATCH));
      escalatedNow = 0;
      for (String contactId : due) {
        if (escalate(contactId, queue, escalation, now)) {
          escalatedNow++;
        }
      }
      count += escalatedNow;
      // a full batch of which none could be escalated would be read again: left to the next check
    } while (due.size() == BATCH && escalatedNow > 0);
    return count;
  }

  private boolean escalate(String contactId, Queue queue, Escalation escalation, Instant now) {
    return tx.get(
        () ->
            casework
                .escalate(contactId, now)
                .map(overdue -> announce(overdue, queue, escalation))
                .isPresent());
  }

  private ContactOverdue announce(ContactOverdue overdue, Queue queue, Escalation escalation) {
    escalated.fire(
        new ContactEscalated(
            overdue.activityId(),
            overdue.contactId(),
            overdue.reference(),
            overdue.queueId(),
            queue.name(),
            overdue.registeredAt(),
            overdue.escalatedAt(),
            escalation.afterOpenMinutes(),
            escalation.notified()));
    return overdue;
  }
}
