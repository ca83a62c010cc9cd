package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.DeliveryTrail;
import io.contactdesk.notifications.entity.OutboxMail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * A contact's delivery trail from the mail outbox: one notice per mail owed about it (the new
 * contact's, the escalation's, the fallback's), read off the outbox's unique key. Live events are
 * not in it: a push to an open stream leaves no record (the activity log and "unread" say who
 * opened the contact).
 */
@ApplicationScoped
public class OutboxTrail implements DeliveryTrail {

  @Inject EntityManager em;

  @Override
  public List<Notice> of(String contactId, boolean admin) {
    return em.createNamedQuery(OutboxMail.OF_CONTACT, OutboxMail.class)
        .setParameter("contactId", contactId)
        .getResultStream()
        .map(mail -> notice(mail, admin))
        .toList();
  }

  static Notice notice(OutboxMail mail, boolean admin) {
    String status =
        switch (mail.state()) {
          case PENDING -> mail.attempts() == 0 ? "queued" : "retrying";
          case SENDING -> "sending";
          case SENT -> "sent";
          case FAILED -> "failed";
        };
    return new Notice(
        "email",
        mail.recipient(),
        mail.kind().name(),
        status,
        mail.attempts(),
        mail.state() == OutboxMail.State.SENT ? mail.sentAt() : mail.nextAttemptAt(),
        admin ? mail.lastError() : null);
  }
}
