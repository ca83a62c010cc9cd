package io.contactdesk.webhooks.control;

import io.contactdesk.webhooks.entity.WebhookEvent;
import java.util.List;
import java.util.Set;

/**
 * A webhook as an admin sent it, its wire strings read: the URL as typed (the guard judges it), the
 * events, the queue ids as typed (null for every queue). What the boundary already refused is
 * reported beside what {@link Webhooks} finds.
 */
public record WebhookDraft(
    String url, Set<WebhookEvent> events, List<String> queues, boolean includeAnswers) {}
