package io.contactdesk.contacts.control;

import java.time.Instant;

/**
 * A visitor's contact has been stored. Fired once per new contact inside its transaction; observers
 * that talk to the outside world observe it after the commit, so nothing is announced that was not
 * stored. Carries no answers. {@code activityId} is the id of its activity-log entry: live
 * notifications use it as their event id, so a client that reconnects can ask for what it missed.
 */
public record ContactRegistered(
    long activityId, String contactId, String queueId, String queueName, Instant at) {}
