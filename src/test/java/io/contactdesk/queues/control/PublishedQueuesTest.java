package io.contactdesk.queues.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.queues.entity.Queue;
import io.contactdesk.setup.control.FirstStart;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishedQueuesTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private final List<String> reads = new ArrayList<>();
  private Queue stored;
  private Runnable duringRead = () -> {};
  private PublishedQueues published;

  @BeforeEach
  void setUp() {
    stored = queue();
    published = new PublishedQueues();
    published.queues =
        new Queues() {
          @Override
          public Queue find(String id) {
            reads.add(id);
            if (!id.equals("support")) {
              throw new QueueNotFound();
            }
            Queue read = stored;
            duringRead.run();
            return read;
          }
        };
  }

  @Test
  void a_queue_is_read_once_and_then_served_from_memory() {
    Queue first = published.get("support");
    Queue second = published.get("support");

    assertThat(second).isSameAs(first);
    assertThat(reads).containsExactly("support");
  }

  @Test
  void a_saved_change_is_seen_by_the_next_request() {
    published.get("support");
    stored = queue();

    published.changed(new QueueChanged("support"));

    assertThat(published.get("support")).isSameAs(stored);
  }

  @Test
  void a_read_that_races_a_change_is_not_kept() {
    Queue before = stored;
    duringRead =
        () -> {
          stored = queue();
          published.changed(new QueueChanged("support"));
        };

    assertThat(published.get("support")).isSameAs(before);
    duringRead = () -> {};

    assertThat(published.get("support")).isSameAs(stored);
    assertThat(reads).hasSize(2);
  }

  @Test
  void unknown_queues_are_not_found_and_not_remembered() {
    assertThatThrownBy(() -> published.get("nope")).isInstanceOf(QueueNotFound.class);
    assertThatThrownBy(() -> published.get("nope")).isInstanceOf(QueueNotFound.class);
    assertThat(reads).containsExactly("nope", "nope");
  }

  private static Queue queue() {
    return new Queue("support", FirstStart.demoQueue(), NOW);
  }
}
