package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts attempts per key (client address and queue, say) in fixed one-minute windows, in memory.
 * Enough to stop one client flooding a form; a cluster would need a shared store.
 */
@ApplicationScoped
public class RateLimiter {

  private static final long WINDOW_MILLIS = 60_000;
  private static final int MAX_KEYS = 100_000;

  @Inject Clock clock;

  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

  /**
   * Counts one attempt; throws {@link TooManyRequests} when the key is over its limit this minute.
   */
  public void acquire(String key, int perMinute) {
    long now = clock.millis();
    if (windows.size() > MAX_KEYS) {
      windows.values().removeIf(w -> w.endsAt <= now);
    }
    Window window =
        windows.compute(
            key,
            (k, current) ->
                current == null || current.endsAt <= now
                    ? new Window(now + WINDOW_MILLIS)
                    : current);
    int count;
    synchronized (window) {
      count = ++window.count;
    }
    if (count > perMinute) {
      throw new TooManyRequests(Math.max(1, (window.endsAt - now + 999) / 1000));
    }
  }

  private static final class Window {
    final long endsAt;
    int count;

    Window(long endsAt) {
      this.endsAt = endsAt;
    }
  }
}
