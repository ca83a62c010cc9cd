package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.ContactErased;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.notifications.entity.RetryPolicy;
import io.contactdesk.platform.Ids;
import io.contactdesk.queues.control.QueueDeleted;
import io.contactdesk.users.control.UserDeleted;
import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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

  /** In a transaction of its own, as every read of the worker's (see InTransaction). */
  @Transactional
  public List<String> due(int limit) {
    return em.createNamedQuery(OutboxMail.DUE, String.class)
        .setParameter("pending", OutboxMail.State.PENDING)
        .setParameter("now", clock.instant())
        .setMaxResults(limit)
        .getResultList();
  }

  /** Takes a due mail for one attempt, or null when another round took it or it was erased. */
  @Transactional
  public OutboxMail startSending(String id) {
    OutboxMail mail = em.find(OutboxMail.class, id);
    if (mail == null || mail.state() != OutboxMail.State.PENDING) {
      return null;
    }
    mail.startSending(clock.instant());
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
    if (mail != null) {
      mail.failed(error, clock.instant(), retry);
    }
  }

  /**
   * The mail server could not be reached: each of these mails, if still waiting, had an attempt.
   */
  @Transactional
  public void unreachable(List<String> ids, String error, RetryPolicy retry) {
    Instant now = clock.instant();
    for (String id : ids) {
      OutboxMail mail = em.find(OutboxMail.class, id);
      if (mail != null && mail.state() == OutboxMail.State.PENDING) {
        mail.serverUnreachable(error, now, retry);
      }
    }
  }

  /** After a restart: mail caught in the middle of sending is given up, never sent twice. */
  @Transactional
  public int abandonInterrupted() {
    List<OutboxMail> caught =
        em.createNamedQuery(OutboxMail.IN_STATE, OutboxMail.class)
            .setParameter("state", OutboxMail.State.SENDING)
            .getResultList();
    caught.forEach(OutboxMail::interrupted);
    return caught.size();
  }

  public List<OutboxMail> unsent(int limit) {
    return em.createNamedQuery(OutboxMail.UNSENT, OutboxMail.class)
        .setParameter("sent", OutboxMail.State.SENT)
        .setMaxResults(limit)
        .getResultList();
  }
}
