package io.contactdesk.notifications.control;

import io.contactdesk.users.entity.NotificationSettings;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One open event stream of one console: whose it is, the sign-in it was opened under, and what its
 * user wants to hear. A stream that cannot be written to is handed to {@code broken} (the registry
 * drops it).
 */
final class LiveStream {

  final String username;
  final String sessionId;
  final long epoch;
  final long openedAt = System.nanoTime();
  final Sse sse;
  volatile NotificationSettings settings;

  private final SseEventSink sink;
  private final Consumer<LiveStream> broken;

  // The ids of the newest events sent: a contact that commits while the stream replays what it
  // missed comes both in the replay and live, and goes out once.
  private final Set<String> sent =
      Collections.newSetFromMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > REMEMBERED;
            }
          });

  // Live events that came while the stream replayed what it missed, null when it is not replaying:
  // sent after the replay, so the client gets the log's order (a late notification of a contact
  // the replay also sends would otherwise overtake the ones before it).
  private List<OutboundSseEvent> held;

  /** More than a replay sends (200), so a replayed event is still known when it comes live. */
  static final int REMEMBERED = 1_000;

  LiveStream(
      String username,
      String sessionId,
      long epoch,
      SseEventSink sink,
      Sse sse,
      NotificationSettings settings,
      Consumer<LiveStream> broken) {
    this.username = username;
    this.sessionId = sessionId;
    this.epoch = epoch;
    this.sink = sink;
    this.sse = sse;
    this.settings = settings;
    this.broken = broken;
  }

  /** Holds live events back until {@link #releaseLive}; before the stream is known to others. */
  void holdLive() {
    synchronized (sent) {
      held = new ArrayList<>();
    }
  }

  /** Ends a replay: what was held goes out now, in order, before anything newer. */
  void releaseLive() {
    synchronized (sent) {
      List<OutboundSseEvent> waiting = held;
      held = null;
      if (waiting != null) {
        waiting.forEach(this::write);
      }
    }
  }

  /** A live event (or a heartbeat): held back while the stream replays. */
  void send(OutboundSseEvent event) {
    synchronized (sent) {
      if (held != null) {
        held.add(event);
        return;
      }
    }
    write(event);
  }

  /** The stream's own first words and its replay, which come before anything held. */
  void sendFirst(OutboundSseEvent event) {
    write(event);
  }

  private void write(OutboundSseEvent event) {
    if (event.getId() != null) {
      synchronized (sent) {
        if (!sent.add(event.getId())) {
          return;
        }
      }
    }
    if (sink.isClosed()) {
      broken.accept(this);
      return;
    }
    try {
      sink.send(event)
          .whenComplete(
              (ok, failure) -> {
                if (failure != null) {
                  broken.accept(this);
                }
              });
    } catch (RuntimeException e) {
      broken.accept(this);
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
