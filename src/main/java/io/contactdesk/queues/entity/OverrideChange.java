package io.contactdesk.queues.entity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * From {@code at} on, the queue's manual override was {@code override}: one entry of the history
 * that {@link Queue#openBetween} reads, so that time a queue was closed by hand does not count as
 * open later, after it follows its schedule again. Rules:
 *
 * <ol>
 *   <li>A queue's history starts with its override when it was made (or, for a queue stored before
 *       the history was kept, its override then, from its creation on); each change of the override
 *       adds one entry; a save that keeps the override adds none.
 *   <li>Only the last {@value #KEPT} changes are kept; before the oldest kept entry its override is
 *       taken to have held.
 * </ol>
 */
public record OverrideChange(Instant at, ManualOverride override) {

  public static final int KEPT = 100;

  public OverrideChange {
    Objects.requireNonNull(at);
    Objects.requireNonNull(override);
  }

  /** The history with {@code next} in force from {@code at} on (rules 1 and 2). */
  static List<OverrideChange> after(List<OverrideChange> history, ManualOverride next, Instant at) {
    if (!history.isEmpty() && history.get(history.size() - 1).override() == next) {
      return history;
    }
    List<OverrideChange> changed = new ArrayList<>(history);
    changed.add(new OverrideChange(at, next));
    while (changed.size() > KEPT) {
      changed.remove(0);
    }
    return List.copyOf(changed);
  }
}
