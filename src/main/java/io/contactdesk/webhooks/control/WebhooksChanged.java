package io.contactdesk.webhooks.control;

/** An admin created, changed or deleted a webhook; fired inside that transaction. */
public record WebhooksChanged() {}
