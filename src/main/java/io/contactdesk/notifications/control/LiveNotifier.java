package io.contactdesk.notifications.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.escalation.control.ContactEscalated;
import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.AppStarted;
import io.contactdesk.platform.ConsoleLinks;
import io.contactdesk.platform.DurableCommit;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.control.PublishedQueues;
import io.contactdesk.queues.control.QueueNotFound;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.users.entity.NotificationSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Live notifications over server-sent events. Each new contact goes, after its commit and off the
 * request's thread, to the connected members of its queue whose {@code sound} or {@code desktop}
 * setting is on; the event says which of the two, so the console knows what to do. Event ids are
 * activity-log ids: a client reconnecting with {@code Last-Event-ID} gets what it missed from the
 * database, also across a restart of the app. How the event reaches the node that holds the stream
 * is the {@link LiveFeed}'s business (on PostgreSQL, from any node to every node); who is
 * connected, and for how long, is {@link LiveConnections}'.
 */
@ApplicationScoped
public class LiveNotifier {

  private static final Logger LOG = Logger.getLogger(LiveNotifier.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();
  static final int MAX_REPLAY = 200;
  static final int MAX_WAITING = 10_000;

  // Live work is prompt work: it runs on the scheduler's threads with the streams' checks, never
  // behind a mail round or a retention sweep (those run on the managed executor).
  @Resource ManagedScheduledExecutorService scheduler;
  @Inject LiveConnections connections;
  @Inject Memberships memberships;
  @Inject ActivityLog log;
  @Inject DurableCommit durableCommit;
  @Inject InTransaction tx;
  @Inject LiveFeed feed;
  @Inject PublishedQueues queues;
  @Inject LiveDeliveries deliveries;
  @Inject Clock clock;

  // New contacts (ContactRegistered) and escalations (LiveFeed.Escalation) wait here for one task
  // on the container's scheduler, so the committing request never waits; one task at a time sends
  // them, in order, in batches under load.
  private final ConcurrentLinkedQueue<Object> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waitingCount = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();

  /** What an agent's console receives about a new contact: never the visitor's answers. */
  public record RegisteredContact(
      String contactId,
      String queueId,
      String queueName,
      Instant at,
      String link,
      boolean sound,
      boolean desktop) {}

  /**
   * What an agent's console receives about a contact nobody answered in time (escalation): to every
   * connected member of its queue, whatever their settings (the console marks the contact overdue);
   * {@code sound} and {@code desktop} say whether to ring and show it. Never the answers.
   */
  public record EscalatedContact(
      String contactId,
      String reference,
      String queueId,
      String queueName,
      Instant at,
      String link,
      boolean sound,
      boolean desktop) {}

  /**
   * Keeps the stream until the client goes or its sign-in ends ({@code sessionId} is null for
   * Basic); first replays what it missed after {@code lastEventId}.
   */
  public void connect(
      String username, String sessionId, SseEventSink sink, Sse sse, Long lastEventId) {
    var opened = connections.open(username, sessionId, sink, sse, lastEventId != null);
    if (opened.isEmpty() || lastEventId == null) {
      return;
    }
    LiveStream stream = opened.get();
    try {
      if (stream.settings.wantsLive()) {
        replay(stream, sse, username, lastEventId);
      }
    } finally {
      stream.releaseLive();
    }
  }

  private void replay(LiveStream stream, Sse sse, String username, long lastEventId) {
    Map<String, String> queueNames =
        memberships.queuesOf(username).stream().collect(Collectors.toMap(Queue::id, Queue::name));
    for (ActivityEntry missed :
        log.registeredSince(lastEventId, List.copyOf(queueNames.keySet()), MAX_REPLAY)) {
      stream.sendFirst(
          event(
              sse,
              stream.settings,
              missed.id(),
              missed.contactId(),
              missed.queueId(),
              missed.at(),
              queueNames.get(missed.queueId())));
    }
  }

  void start(@Observes AppStarted started) {
    feed.start(new Receiver());
  }

  @PreDestroy
  void stop() {
    feed.stop();
  }

  /** In the contact's transaction: the feed's word goes out with the commit, or not at all. */
  void published(@Observes(during = TransactionPhase.IN_PROGRESS) ContactRegistered contact) {
    feed.published(contact);
  }

  void registered(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactRegistered contact) {
    feed.committed(contact);
  }

  /** In the escalating transaction, as for a new contact. */
  void published(@Observes(during = TransactionPhase.IN_PROGRESS) ContactEscalated escalated) {
    feed.published(escalation(escalated));
  }

  void escalated(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactEscalated escalated) {
    feed.committed(escalation(escalated));
  }

  private static LiveFeed.Escalation escalation(ContactEscalated escalated) {
    return new LiveFeed.Escalation(
        escalated.activityId(),
        escalated.contactId(),
        escalated.reference(),
        escalated.queueId(),
        escalated.queueName(),
        escalated.at());
  }

  /** What the feed hands this node: its new contacts, or activity ids to read them by. */
  private final class Receiver implements LiveFeed.Receiver {
    @Override
    public void deliver(ContactRegistered contact) {
      enqueue(contact);
    }

    @Override
    public void deliver(LiveFeed.Escalation escalation) {
      enqueue(escalation);
    }

    @Override
    public void deliver(List<Long> activityIds) {
      if (connections.isEmpty()) {
        return; // nobody here to tell; the log keeps them for Last-Event-ID
      }
      // one transaction for the entries and their queues' names (see InTransaction)
      tx
          .get(
              () -> {
                List<Object> news = new ArrayList<>();
                log.registeredAmong(activityIds).stream().map(this::registered).forEach(news::add);
                log.escalatedAmong(activityIds).stream().map(this::escalated).forEach(news::add);
                return news;
              })
          .stream()
          .filter(Objects::nonNull)
          .forEach(LiveNotifier.this::enqueue);
    }

    /** The log's escalation entry as the feed tells it; null when its queue was deleted since. */
    private LiveFeed.Escalation escalated(ActivityEntry entry) {
      try {
        return new LiveFeed.Escalation(
            entry.id(),
            entry.contactId(),
            entry.reference(),
            entry.queueId(),
            queues.get(entry.queueId()).name(),
            entry.at());
      } catch (QueueNotFound e) {
        return null;
      }
    }

    /** The log's entry as the fact it records; null when its queue was deleted since. */
    private ContactRegistered registered(ActivityEntry entry) {
      try {
        return new ContactRegistered(
            entry.id(),
            entry.contactId(),
            entry.queueId(),
            queues.get(entry.queueId()).name(),
            entry.at());
      } catch (QueueNotFound e) {
        return null;
      }
    }

    @Override
    public long lastEntry() {
      return tx.get(() -> log.lastId());
    }

    @Override
    public List<Long> registeredAfter(long activityId, int limit) {
      return tx.get(
          () -> log.registeredAfter(activityId, limit).stream().map(ActivityEntry::id).toList());
    }
  }

  private void enqueue(Object news) {
    if (connections.isEmpty()) {
      return;
    }
    if (waitingCount.incrementAndGet() > MAX_WAITING) {
      waitingCount.decrementAndGet();
      // never make the visitor wait; an agent who missed it sees it in the log and by Last-Event-ID
      LOG.warning("Live notifications are backed up; " + news + " not pushed");
      return;
    }
    waiting.add(news);
    if (sending.compareAndSet(false, true)) {
      try {
        scheduler.execute(this::sendWaiting);
      } catch (RejectedExecutionException e) {
        sending.set(false); // the app is stopping; its streams close anyway
      }
    }
  }

  /** Sends what waits, until nothing does; a contact added meanwhile is sent by this same run. */
  private void sendWaiting() {
    do {
      try {
        List<Object> batch = new ArrayList<>();
        for (Object next = waiting.poll(); next != null; next = waiting.poll()) {
          batch.add(next);
        }
        waitingCount.addAndGet(-batch.size());
        if (!batch.isEmpty()) {
          // an agent hears of a contact only once it is on disk, as the visitor does
          durableCommit.await();
          // one transaction a batch for the members' lookups (see InTransaction)
          List<LiveDeliveries.Pushed> pushed = new ArrayList<>();
          tx.run(
              () ->
                  batch.forEach(
                      news -> {
                        if (news instanceof ContactRegistered contact) {
                          pushed.add(
                              new LiveDeliveries.Pushed(
                                  contact.contactId(),
                                  OutboxMail.Kind.NEW_CONTACT,
                                  fanOut(contact)));
                        } else if (news instanceof LiveFeed.Escalation escalation) {
                          pushed.add(
                              new LiveDeliveries.Pushed(
                                  escalation.contactId(),
                                  OutboxMail.Kind.ESCALATION,
                                  fanOut(escalation)));
                        }
                      }));
          // the trail's record, after the pushes and apart from them: it never holds one up
          pushed.removeIf(p -> p.streams() == 0);
          if (!pushed.isEmpty()) {
            Instant now = clock.instant();
            tx.run(() -> deliveries.record(pushed, now));
          }
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Live notifications hiccup; going on", e);
      } finally {
        sending.set(false);
      }
      // a contact that came after the last poll but before the flag fell is ours to send
    } while (!waiting.isEmpty() && sending.compareAndSet(false, true));
  }

  /** Answers how many streams it was pushed to. */
  private int fanOut(ContactRegistered contact) {
    int streams = 0;
    try {
      // One event per combination of settings, not one per stream: the same JSON for everyone.
      Map<NotificationSettings, OutboundSseEvent> built = new HashMap<>();
      for (String member : memberships.membersOf(contact.queueId())) {
        for (LiveStream stream : connections.of(member)) {
          NotificationSettings settings = stream.settings;
          if (settings.wantsLive()) {
            streams++;
            stream.send(
                built.computeIfAbsent(
                    settings,
                    s ->
                        event(
                            stream.sse,
                            s,
                            contact.activityId(),
                            contact.contactId(),
                            contact.queueId(),
                            contact.at(),
                            contact.queueName())));
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Live notification of " + contact.contactId() + " failed", e);
    }
    return streams;
  }

  /**
   * To every connected member of the queue, each told whether their settings want a sound; answers
   * how many streams it was pushed to.
   */
  private int fanOut(LiveFeed.Escalation escalation) {
    int streams = 0;
    try {
      Map<NotificationSettings, OutboundSseEvent> built = new HashMap<>();
      for (String member : memberships.membersOf(escalation.queueId())) {
        for (LiveStream stream : connections.of(member)) {
          streams++;
          stream.send(
              built.computeIfAbsent(
                  stream.settings,
                  s ->
                      stream
                          .sse
                          .newEventBuilder()
                          .name("contact-escalated")
                          .id(String.valueOf(escalation.activityId()))
                          .mediaType(MediaType.APPLICATION_JSON_TYPE)
                          .data(
                              String.class,
                              JSONB.toJson(
                                  new EscalatedContact(
                                      escalation.contactId(),
                                      escalation.reference(),
                                      escalation.queueId(),
                                      escalation.queueName(),
                                      escalation.at(),
                                      ConsoleLinks.contact(escalation.contactId()),
                                      s.sound(),
                                      s.desktop())))
                          .build()));
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Live escalation of " + escalation.contactId() + " failed", e);
    }
    return streams;
  }

  private static OutboundSseEvent event(
      Sse sse,
      NotificationSettings settings,
      long id,
      String contactId,
      String queueId,
      Instant at,
      String queueName) {
    RegisteredContact payload =
        new RegisteredContact(
            contactId,
            queueId,
            queueName,
            at,
            ConsoleLinks.contact(contactId),
            settings.sound(),
            settings.desktop());
    return sse.newEventBuilder()
        .name("registered-contact")
        .id(String.valueOf(id))
        .mediaType(MediaType.APPLICATION_JSON_TYPE)
        .data(String.class, JSONB.toJson(payload))
        .build();
  }
}
