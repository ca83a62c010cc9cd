package io.contactdesk.queues.control;

/**
 * An admin deletes a queue; fired inside the deleting transaction, before the queue's row goes, so
 * features that keep rows about it (contacts, owed mail) remove them in the same commit.
 */
public record QueueDeleted(String queueId, String actor) {}
