package io.contactdesk.notifications.control;

import io.contactdesk.users.entity.NotificationSettings;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.Collections;
import java.util.LinkedHashMap;
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

  void send(OutboundSseEvent event) {
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
