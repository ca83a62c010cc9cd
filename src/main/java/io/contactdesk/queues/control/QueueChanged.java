package io.contactdesk.queues.control;

/** An admin saved a queue's settings. */
public record QueueChanged(String queueId) {}
