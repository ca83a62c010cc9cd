package io.contactdesk.notifications.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityEntry;
import io.contactdesk.contacts.control.ContactRegistered;
import io.contactdesk.platform.ConsoleLinks;
import io.contactdesk.platform.DurableCommit;
import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.users.control.AccountChanged;
import io.contactdesk.users.control.NotificationSettingsChanged;
import io.contactdesk.users.control.SessionEnded;
import io.contactdesk.users.control.SignIns;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.NotificationSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Live notifications over server-sent events. Each new contact goes, after its commit and off the
 * request's thread, to the connected members of its queue whose {@code sound} or {@code desktop}
 * setting is on; the event says which of the two, so the console knows what to do. Event ids are
 * activity-log ids: a client reconnecting with {@code Last-Event-ID} gets what it missed from the
 * database, also across a restart of the app. A heartbeat keeps proxies from closing idle streams
 * and finds dead connections, which are dropped.
 *
 * <p>A stream lasts no longer than the sign-in it was opened with: it closes when its console
 * session ends (logout, expiry), and within {@value #SIGN_IN_CHECK_SECONDS} seconds of its user
 * being disabled, deleted or given a new password (at once when that happened on this instance). A
 * user keeps at most {@value #MAX_STREAMS_PER_USER} streams; a new one closes the oldest.
 */
@ApplicationScoped
public class LiveNotifier {

  private static final Logger LOG = Logger.getLogger(LiveNotifier.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();
  static final int HEARTBEAT_SECONDS = 20;
  static final int MAX_REPLAY = 200;

  static final int MAX_WAITING = 10_000;
  static final int SIGN_IN_CHECK_SECONDS = 2;
  static final int MAX_STREAMS_PER_USER = 10;

  @Resource ManagedThreadFactory threads;
  @Inject Memberships memberships;
  @Inject Users users;
  @Inject SignIns signIns;
  @Inject ActivityLog log;
  @Inject DurableCommit durableCommit;

  private final Map<String, Set<Listener>> listeners = new ConcurrentHashMap<>();
  // New contacts wait here for the dispatcher thread, so the committing request never waits.
  private final BlockingQueue<ContactRegistered> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
  private volatile boolean stopped;
  private Thread dispatcher;

  /** What an agent's console receives about a new contact: never the visitor's answers. */
  public record RegisteredContact(
      String contactId,
      String queueId,
      String queueName,
      Instant at,
      String link,
      boolean sound,
      boolean desktop) {}

  void start(@Observes @Priority(40) @Initialized(ApplicationScoped.class) Object started) {
    dispatcher = threads.newThread(this::dispatch);
    dispatcher.setName("contactdesk-live");
    dispatcher.start();
  }

  private void dispatch() {
    long nextHeartbeat = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS);
    long nextSignInCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(SIGN_IN_CHECK_SECONDS);
    while (!stopped) {
      try {
        long due = Math.min(nextHeartbeat, nextSignInCheck);
        ContactRegistered next =
            waiting.poll(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (next != null) {
          List<ContactRegistered> batch = new ArrayList<>();
          batch.add(next);
          waiting.drainTo(batch);
          // an agent hears of a contact only once it is on disk, as the visitor does
          durableCommit.await();
          batch.forEach(this::fanOut);
        }
        if (System.nanoTime() >= nextSignInCheck) {
          listeners.keySet().forEach(this::endLapsedStreams);
          nextSignInCheck = System.nanoTime() + TimeUnit.SECONDS.toNanos(SIGN_IN_CHECK_SECONDS);
        }
        if (System.nanoTime() >= nextHeartbeat) {
          heartbeat();
          nextHeartbeat = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Live notifications hiccup; going on", e);
      }
    }
  }

  /**
   * Keeps the stream until the client goes or its sign-in ends ({@code sessionId} is null for
   * Basic); first replays what it missed after {@code lastEventId}.
   */
  public void connect(
      String username, String sessionId, SseEventSink sink, Sse sse, Long lastEventId) {
    var account = signIns.current(username);
    if (account.isEmpty()) {
      sink.close();
      return;
    }
    Listener listener =
        new Listener(
            username,
            sessionId,
            account.get().epoch(),
            sink,
            sse,
            users.get(username).notifications());
    Set<Listener> own = listeners.computeIfAbsent(username, u -> ConcurrentHashMap.newKeySet());
    own.add(listener);
    while (own.size() > MAX_STREAMS_PER_USER) {
      own.stream().min(Comparator.comparingLong(l -> l.openedAt)).ifPresent(this::drop);
    }
    listener.send(sse.newEventBuilder().comment("connected").reconnectDelay(5000).build());
    if (lastEventId != null && listener.settings.wantsLive()) {
      Map<String, String> queueNames =
          memberships.queuesOf(username).stream().collect(Collectors.toMap(Queue::id, Queue::name));
      for (ActivityEntry missed :
          log.registeredSince(lastEventId, List.copyOf(queueNames.keySet()), MAX_REPLAY)) {
        listener.send(
            event(
                sse,
                listener.settings,
                missed.id(),
                missed.contactId(),
                missed.queueId(),
                missed.at(),
                queueNames.get(missed.queueId())));
      }
    }
  }

  void registered(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContactRegistered contact) {
    if (!listeners.isEmpty() && !waiting.offer(contact)) {
      // never make the visitor wait; an agent who missed it sees it in the log and by Last-Event-ID
      LOG.warning("Live notifications are backed up; " + contact.contactId() + " not pushed");
    }
  }

  void sessionEnded(@Observes SessionEnded ended) {
    listeners.values().stream()
        .flatMap(Set::stream)
        .filter(l -> ended.sessionId().equals(l.sessionId))
        .toList()
        .forEach(this::drop);
  }

  void accountChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged change) {
    endLapsedStreams(change.username());
  }

  private void endLapsedStreams(String username) {
    Set<Listener> own = listeners.getOrDefault(username, Set.of());
    if (!own.isEmpty()) {
      own.stream().filter(l -> !signIns.holds(username, l.epoch)).toList().forEach(this::drop);
    }
  }

  void settingsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationSettingsChanged change) {
    listeners
        .getOrDefault(change.username(), Set.of())
        .forEach(l -> l.settings = change.settings());
  }

  private void fanOut(ContactRegistered contact) {
    try {
      // One event per combination of settings, not one per listener: the same JSON for everyone.
      Map<NotificationSettings, OutboundSseEvent> built = new HashMap<>();
      for (String member : memberships.membersOf(contact.queueId())) {
        for (Listener listener : listeners.getOrDefault(member, Set.of())) {
          NotificationSettings settings = listener.settings;
          if (settings.wantsLive()) {
            listener.send(
                built.computeIfAbsent(
                    settings,
                    s ->
                        event(
                            listener.sse,
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

  private void heartbeat() {
    listeners
        .values()
        .forEach(
            set -> set.forEach(l -> l.send(l.sse.newEventBuilder().comment("heartbeat").build())));
  }

  @PreDestroy
  void closeAll() {
    stopped = true;
    if (dispatcher != null) {
      dispatcher.interrupt();
    }
    listeners.values().forEach(set -> set.forEach(Listener::close));
    listeners.clear();
  }

  private void drop(Listener listener) {
    listeners.computeIfPresent(
        listener.username,
        (u, set) -> {
          set.remove(listener);
          return set.isEmpty() ? null : set;
        });
    listener.close();
  }

  private final class Listener {
    final String username;
    final String sessionId;
    final long epoch;
    final long openedAt = System.nanoTime();
    final SseEventSink sink;
    final Sse sse;
    volatile NotificationSettings settings;

    Listener(
        String username,
        String sessionId,
        long epoch,
        SseEventSink sink,
        Sse sse,
        NotificationSettings settings) {
      this.username = username;
      this.sessionId = sessionId;
      this.epoch = epoch;
      this.sink = sink;
      this.sse = sse;
      this.settings = settings;
    }

    void send(OutboundSseEvent event) {
      if (sink.isClosed()) {
        drop(this);
        return;
      }
      try {
        sink.send(event)
            .whenComplete(
                (ok, failure) -> {
                  if (failure != null) {
                    drop(this);
                  }
                });
      } catch (RuntimeException e) {
        drop(this);
      }
    }

    void close() {
      try {
        sink.close();
      } catch (RuntimeException e) {
        // already gone
      }
    }
  }
}
