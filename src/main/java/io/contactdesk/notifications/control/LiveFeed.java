package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.ContactRegistered;
import java.time.Instant;
import java.util.List;

/**
 * How the live event of a new contact reaches the nodes that hold its members' streams. The
 * activity log is the source of truth: a feed carries at most an activity id, and the node that
 * receives it reads the entry from the log, so what an agent hears live and what {@code
 * Last-Event-ID} replays are the same rows. Chosen by the database ({@link LiveFeeds}): embedded H2
 * runs one node, so {@link InProcessLiveFeed} hands the event over in memory; on PostgreSQL every
 * node may run behind a load balancer, so {@link PostgresLiveFeed} sends it through {@code
 * LISTEN}/{@code NOTIFY}, to every node and this one alike.
 */
interface LiveFeed {

  /** In the contact's own transaction: whatever is said here must go out only with its commit. */
  void published(ContactRegistered contact);

  /** On this node, after the contact's commit. */
  void committed(ContactRegistered contact);

  /** In the escalating transaction, as {@link #published(ContactRegistered)}. */
  void published(Escalation escalation);

  /** On this node, after the escalation's commit. */
  void committed(Escalation escalation);

  /**
   * A contact escalated ({@code CONTACT_ESCALATED} entry {@code activityId}), as a live event tells
   * it.
   */
  record Escalation(
      long activityId,
      String contactId,
      String reference,
      String queueId,
      String queueName,
      Instant at) {}

  /** Starts handing events to this node's streams through {@code receiver}. */
  void start(Receiver receiver);

  void stop();

  /** What a feed needs of this node: its streams, and reads of the activity log. */
  interface Receiver {

    /** Sends a new contact to this node's streams. */
    void deliver(ContactRegistered contact);

    /** Sends an escalation to this node's streams. */
    void deliver(Escalation escalation);

    /**
     * Reads these new-contact and escalation entries from the log and sends them to this node's
     * streams.
     */
    void deliver(List<Long> activityIds);

    /** The id of the newest entry in the log (0 when it is empty). */
    long lastEntry();

    /** The ids of new-contact entries after this one, oldest first, at most {@code limit}. */
    List<Long> registeredAfter(long activityId, int limit);
  }
}
