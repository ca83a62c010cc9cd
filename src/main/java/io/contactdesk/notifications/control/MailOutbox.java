package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.ContactErased;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.RetryPolicy;
import io.contactdesk.queues.control.QueueDeleted;
import io.contactdesk.users.control.UserDeleted;
import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hibernate.LockOptions;
import org.hibernate.jpa.SpecHints;

/**
 * The mail owed for new contacts. The rows are written in the contact's own transaction, so a
 * stored contact always has its mail owed and a rolled-back one owes none; sending happens later,
 * elsewhere ({@link MailWorker}), and can neither slow nor fail a submission.
 */
@ApplicationScoped
public class MailOutbox {

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject MailWorker worker;

  /** One row per member of the queue who wants e-mail and has an address. */
  void owe(@Observes(during = TransactionPhase.IN_PROGRESS) ContactRegistered registered) {
    List<User> recipients =
        em.createNamedQuery(OutboxMail.RECIPIENTS, User.class)
            .setParameter("queueId", registered.queueId())
            .getResultList();
    Instant now = clock.instant();
    for (User user : recipients) {
      em.persist(
          new OutboxMail(
              Ids.timeOrdered(now),
              registered.contactId(),
              registered.queueId(),
              user.username(),
              user.email(),
              now));
    }
  }

  /** A deleted user is owed no more mail; what was sent stays as a record. */
  void forget(@Observes UserDeleted deleted) {
    em.createNamedQuery(OutboxMail.FORGET_RECIPIENT)
        .setParameter("recipient", deleted.username())
        .setParameter("sent", OutboxMail.State.SENT)
        .executeUpdate();
  }

  /**
   * An erased contact is owed no mail, sent or not: nothing about it may stay. Observed in the
   * erasing transaction ({@code IN_PROGRESS}, as a plain observer would be), not after it: the rows
   * must go in the same commit as the contact, or a failure between the two would leave mail about
   * a contact that no longer exists, and the worker might still send it.
   */
  void eraseContact(@Observes(during = TransactionPhase.IN_PROGRESS) ContactErased erased) {
    em.createNamedQuery(OutboxMail.ERASE)
        .setParameter("contactId", erased.contactId())
        .executeUpdate();
  }

  /** A deleted queue's contacts are erased, and with them every mail about them. */
  void eraseQueue(@Observes QueueDeleted deleted) {
    em.createNamedQuery(OutboxMail.ERASE_QUEUE)
        .setParameter("queueId", deleted.queueId())
        .executeUpdate();
  }

  /** Once the contact is committed, the worker need not wait for its next round. */
  void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactRegistered registered) {
    worker.nudge();
  }

  /**
   * Claims up to {@code limit} due mails for this node, the longest due first, for {@code lease}
   * (the rules on {@link OutboxMail}). Rows another node is claiming at this moment are skipped,
   * not waited for ({@code SKIP LOCKED}), so nodes claiming at once get different mails.
   */
  @Transactional
  public List<String> claim(String node, int limit, Duration lease) {
    Instant now = clock.instant();
    List<OutboxMail> claimable =
        em.createNamedQuery(OutboxMail.CLAIMABLE, OutboxMail.class)
            .setParameter("pending", OutboxMail.State.PENDING)
            .setParameter("now", now)
            .setMaxResults(limit)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, LockOptions.SKIP_LOCKED)
            .getResultList();
    claimable.forEach(mail -> mail.claim(node, now, lease));
    return claimable.stream().map(OutboxMail::id).toList();
  }

  /**
   * Takes a claimed mail for one attempt, or null when the claim is no longer this node's (it ran
   * out and another node took the mail) or the mail was erased. Under the row's lock, so a node
   * taking the mail over waits for this to commit and then sees it sending.
   */
  @Transactional
  public OutboxMail startSending(String id, String node, Duration lease) {
    OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (mail == null || !mail.claimedBy(node)) {
      return null;
    }
    mail.startSending(node, clock.instant(), lease);
    return mail;
  }

  @Transactional
  public void sent(String id) {
    OutboxMail mail = em.find(OutboxMail.class, id);
    if (mail != null) {
      mail.sent(clock.instant());
    }
  }

  @Transactional
  public void failed(String id, String error, RetryPolicy retry) {
    OutboxMail mail = em.find(OutboxMail.class, id);
    if (mail != null && mail.state() == OutboxMail.State.SENDING) {
      mail.failed(error, clock.instant(), retry);
    }
  }

  /**
   * The mail server could not be reached: each of these mails, if still this node's, had an
   * attempt.
   */
  @Transactional
  public void unreachable(String node, List<String> ids, String error, RetryPolicy retry) {
    Instant now = clock.instant();
    for (String id : ids) {
      OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (mail != null && mail.claimedBy(node)) {
        mail.serverUnreachable(node, error, now, retry);
      }
    }
  }

  /** Gives back the claims this node did not get to, so that any round may take them at once. */
  @Transactional
  public void release(String node, List<String> ids) {
    for (String id : ids) {
      OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (mail != null) {
        mail.release(node);
      }
    }
  }

  /**
   * Mail caught in the middle of sending by a crash (or a stall) of whichever node sent it, found
   * once its lease ran out: given up, never sent twice. A live node's mail being sent is left
   * alone.
   */
  @Transactional
  public int abandonStalled() {
    Instant now = clock.instant();
    List<OutboxMail> caught =
        em.createNamedQuery(OutboxMail.ABANDONED, OutboxMail.class)
            .setParameter("sending", OutboxMail.State.SENDING)
            .setParameter("now", now)
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .setHint(SpecHints.HINT_SPEC_LOCK_TIMEOUT, LockOptions.SKIP_LOCKED)
            .getResultList();
    caught.forEach(mail -> mail.abandon(now));
    return caught.size();
  }

  public List<OutboxMail> unsent(int limit) {
    return em.createNamedQuery(OutboxMail.UNSENT, OutboxMail.class)
        .setParameter("sent", OutboxMail.State.SENT)
        .setMaxResults(limit)
        .getResultList();
  }
}
