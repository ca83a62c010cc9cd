package io.contactdesk.contacts.control;

import java.time.Instant;

/**
 * A contact that {@link Casework#escalate} has just marked overdue, with the id of its {@code
 * CONTACT_ESCALATED} log entry. Carries no answers.
 */
public record ContactOverdue(
    long activityId,
    String contactId,
    String reference,
    String queueId,
    Instant registeredAt,
    Instant escalatedAt) {}
