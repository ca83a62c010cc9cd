package io.contactdesk.notifications.control;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.SseEventSink;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * One console's stream: an event that comes both in a replay and live is sent once, and live events
 * that come during a replay wait for it.
 */
class LiveStreamTest {

  private final List<String> written = new ArrayList<>();
  private final LiveStream stream =
      new LiveStream("mia", null, 0, new RecordingSink(), null, null, broken -> {});

  @Test
  void an_event_replayed_and_then_delivered_live_goes_out_once() {
    stream.send(event("41"));
    stream.send(event("42"));
    stream.send(event("42")); // the live copy of the replayed 42
    stream.send(event(null)); // heartbeats carry no id and always go
    stream.send(event(null));

    assertThat(written).containsExactly("41", "42", null, null);
  }

  @Test
  void it_remembers_more_ids_than_a_replay_sends() {
    for (int i = 0; i < LiveStream.REMEMBERED; i++) {
      stream.send(event(String.valueOf(i)));
    }
    stream.send(event("0"));
    stream.send(event(String.valueOf(LiveStream.REMEMBERED)));
    stream.send(event("0")); // forgotten by now: the oldest of more than it keeps

    assertThat(written).hasSize(LiveStream.REMEMBERED + 2);
  }

  @Test
  void live_events_that_come_during_a_replay_go_out_after_it_in_the_logs_order() {
    stream.holdLive();
    stream.sendFirst(event(null)); // "connected"
    stream.send(event("43")); // the late notification of a contact the replay also sends
    stream.send(event(null)); // a heartbeat meanwhile
    stream.sendFirst(event("42"));
    stream.sendFirst(event("43"));

    assertThat(written).containsExactly(null, "42", "43");
    stream.releaseLive();
    stream.send(event("44"));

    assertThat(written).containsExactly(null, "42", "43", null, "44");
  }

  private final class RecordingSink implements SseEventSink {
    @Override
    public boolean isClosed() {
      return false;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      written.add(event.getId());
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }

  private static OutboundSseEvent event(String id) {
    return new OutboundSseEvent() {
      @Override
      public Class<?> getType() {
        return String.class;
      }

      @Override
      public Type getGenericType() {
        return String.class;
      }

      @Override
      public MediaType getMediaType() {
        return MediaType.APPLICATION_JSON_TYPE;
      }

      @Override
      public Object getData() {
        return "{}";
      }

      @Override
      public String getId() {
        return id;
      }

      @Override
      public String getName() {
        return id == null ? null : "registered-contact";
      }

      @Override
      public String getComment() {
        return id == null ? "heartbeat" : null;
      }

      @Override
      public long getReconnectDelay() {
        return -1;
      }

      @Override
      public boolean isReconnectDelaySet() {
        return false;
      }
    };
  }
}
