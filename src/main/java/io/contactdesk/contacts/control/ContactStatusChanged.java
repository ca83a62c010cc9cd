package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Status;
import java.time.Instant;

/**
 * A contact's status has moved, by a comment that changed it. Fired inside the commenting
 * transaction, after {@link ContactCommented}, only when the status is another than before.
 */
public record ContactStatusChanged(
    String contactId, String queueId, Status from, Status to, Instant at) {}
