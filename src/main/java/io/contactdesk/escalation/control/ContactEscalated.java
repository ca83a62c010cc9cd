package io.contactdesk.escalation.control;

import java.time.Instant;
import java.util.List;

/**
 * A contact nobody answered in its queue's open time has been escalated: it is overdue, and its
 * {@code CONTACT_ESCALATED} entry is {@code activityId}. Fired inside the escalating transaction;
 * the mail outbox owes the {@code notified} users (the queue's {@code notify}) their link-only mail
 * in that same commit, the live event goes out after it. Carries no answers.
 */
public record ContactEscalated(
    long activityId,
    String contactId,
    String reference,
    String queueId,
    String queueName,
    Instant registeredAt,
    Instant at,
    int afterOpenMinutes,
    List<String> notified) {

  public ContactEscalated {
    notified = List.copyOf(notified);
  }
}
