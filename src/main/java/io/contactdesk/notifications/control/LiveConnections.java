package io.contactdesk.notifications.control;

import io.contactdesk.platform.AppStarted;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.users.control.AccountChanged;
import io.contactdesk.users.control.ConsoleSessions;
import io.contactdesk.users.control.NotificationSettingsChanged;
import io.contactdesk.users.control.SessionEnded;
import io.contactdesk.users.control.SignIns;
import io.contactdesk.users.control.Users;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who is connected to the live stream, and for how long they may stay.
 *
 * <ol>
 *   <li>A stream lasts no longer than the sign-in it was opened with: it closes when its console
 *       session ends (logout, expiry; at once on this instance, within a few seconds when on
 *       another), and within {@value #SIGN_IN_CHECK_SECONDS} seconds of its user being disabled,
 *       deleted or given a new password (at once when that happened on this instance).
 *   <li>A user keeps at most {@value #MAX_STREAMS_PER_USER} streams; a new one closes the oldest.
 *   <li>A heartbeat every {@value #HEARTBEAT_SECONDS} seconds keeps proxies from closing idle
 *       streams and finds dead connections, which are dropped.
 * </ol>
 *
 * The checks run on the container's scheduler; what is sent on the streams is {@link
 * LiveNotifier}'s business.
 */
@ApplicationScoped
public class LiveConnections {

  private static final Logger LOG = Logger.getLogger(LiveConnections.class.getName());
  static final int HEARTBEAT_SECONDS = 20;
  static final int SIGN_IN_CHECK_SECONDS = 2;
  static final int MAX_STREAMS_PER_USER = 10;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Users users;
  @Inject SignIns signIns;
  @Inject ConsoleSessions sessions;
  @Inject InTransaction tx;

  private final Map<String, Set<LiveStream>> streams = new ConcurrentHashMap<>();
  private final List<ScheduledFuture<?>> checks = new ArrayList<>();

  void start(@Observes AppStarted started) {
    checks.add(
        scheduler.scheduleWithFixedDelay(
            () -> survive("sign-in check", () -> tx.run(this::endLapsedStreams)),
            SIGN_IN_CHECK_SECONDS,
            SIGN_IN_CHECK_SECONDS,
            TimeUnit.SECONDS));
    checks.add(
        scheduler.scheduleAtFixedRate(
            () -> survive("heartbeat", this::heartbeat),
            HEARTBEAT_SECONDS,
            HEARTBEAT_SECONDS,
            TimeUnit.SECONDS));
  }

  /**
   * Registers a stream for the user's current sign-in ({@code sessionId} is null for Basic) and
   * greets it; empty, with the sink closed, when the user may not sign in any more.
   */
  /**
   * Opens a stream; one that {@code replays} holds its live events back until {@link
   * LiveStream#releaseLive}.
   */
  Optional<LiveStream> open(
      String username, String sessionId, SseEventSink sink, Sse sse, boolean replays) {
    var account = signIns.current(username);
    if (account.isEmpty()) {
      sink.close();
      return Optional.empty();
    }
    LiveStream stream =
        new LiveStream(
            username,
            sessionId,
            account.get().epoch(),
            sink,
            sse,
            users.get(username).notifications(),
            this::drop);
    if (replays) {
      stream.holdLive();
    }
    Set<LiveStream> own = streams.computeIfAbsent(username, u -> ConcurrentHashMap.newKeySet());
    own.add(stream);
    while (own.size() > MAX_STREAMS_PER_USER) {
      own.stream().min(Comparator.comparingLong(s -> s.openedAt)).ifPresent(this::drop);
    }
    stream.sendFirst(sse.newEventBuilder().comment("connected").reconnectDelay(5000).build());
    return Optional.of(stream);
  }

  boolean isEmpty() {
    return streams.isEmpty();
  }

  /** Whether the user has a stream open here that wants new contacts (sound or desktop on). */
  boolean hearsLive(String username) {
    return of(username).stream().anyMatch(stream -> stream.settings.wantsLive());
  }

  /** The user's open streams; empty when none. */
  Set<LiveStream> of(String username) {
    return streams.getOrDefault(username, Set.of());
  }

  void sessionEnded(@Observes SessionEnded ended) {
    streams.values().stream()
        .flatMap(Set::stream)
        .filter(s -> ended.sessionId().equals(s.sessionId))
        .toList()
        .forEach(this::drop);
  }

  void accountChanged(@Observes(during = TransactionPhase.AFTER_COMPLETION) AccountChanged change) {
    endLapsedStreams(change.username());
  }

  void settingsChanged(
      @Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationSettingsChanged change) {
    of(change.username()).forEach(s -> s.settings = change.settings());
  }

  private void endLapsedStreams() {
    streams.keySet().forEach(this::endLapsedStreams);
  }

  private void endLapsedStreams(String username) {
    Set<LiveStream> own = of(username);
    if (!own.isEmpty()) {
      own.stream().filter(s -> !holds(s)).toList().forEach(this::drop);
    }
  }

  // a session ended on another node (logout, expiry) is seen here within the sessions' cache time
  private boolean holds(LiveStream stream) {
    return signIns.holds(stream.username, stream.epoch)
        && (stream.sessionId == null || sessions.isOpen(stream.sessionId));
  }

  private void heartbeat() {
    streams
        .values()
        .forEach(
            set -> set.forEach(s -> s.send(s.sse.newEventBuilder().comment("heartbeat").build())));
  }

  /** A failed run must not end the schedule: the next one tries again. */
  private static void survive(String what, Runnable check) {
    try {
      check.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Live streams' " + what + " failed; going on", e);
    }
  }

  @PreDestroy
  void closeAll() {
    checks.forEach(check -> check.cancel(false));
    streams.values().forEach(set -> set.forEach(LiveStream::close));
    streams.clear();
  }

  private void drop(LiveStream stream) {
    streams.computeIfPresent(
        stream.username,
        (u, set) -> {
          set.remove(stream);
          return set.isEmpty() ? null : set;
        });
    stream.close();
  }
}
