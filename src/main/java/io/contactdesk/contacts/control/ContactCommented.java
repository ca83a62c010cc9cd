package io.contactdesk.contacts.control;

import java.time.Instant;

/**
 * An agent has written a comment on a contact ({@code POST /api/contacts/{id}/comments}), whatever
 * it changed: some text, a new status, another handler. Fired inside the commenting transaction,
 * after the comment is persisted, so an observer {@code IN_PROGRESS} writes in the same commit and
 * one {@code AFTER_SUCCESS} hears only of a comment that was stored. Carries no text.
 */
public record ContactCommented(String contactId, String queueId, String commentId, Instant at) {}
