package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How a queue chases a contact that nobody has answered (SPEC, Part 2, Follow-up): after {@code
 * afterOpenMinutes} minutes during which the queue was open ({@link Queue#openBetween}), a contact
 * still {@code NEW} with no comment is escalated once, and the {@code notify} users are mailed.
 * Rules, each reported under its JSON path below {@code escalation}:
 *
 * <p>The people are {@code notified} here ({@code notify} on the wire, a name a record cannot
 * take).
 *
 * <ol>
 *   <li>{@code afterOpenMinutes}: {@value #MIN_MINUTES} to {@value #MAX_MINUTES} (a week of a queue
 *       open around the clock).
 *   <li>{@code notify}: at most {@value #MAX_NOTIFY} usernames; the same name twice is kept once.
 *       It may be empty: the contact is still marked overdue, logged and announced live. That each
 *       name is a user is checked where users are known ({@code Queues}).
 * </ol>
 */
public record Escalation(int afterOpenMinutes, List<String> notified) {

  public static final int MIN_MINUTES = 1;
  public static final int MAX_MINUTES = 7 * 24 * 60;
  public static final int MAX_NOTIFY = 20;

  /**
   * @throws InvalidInput naming every broken rule, paths relative to {@code escalation}
   */
  public Escalation {
    var errors = new InvalidInput.Collector();
    if (afterOpenMinutes < MIN_MINUTES || afterOpenMinutes > MAX_MINUTES) {
      errors.add(
          "afterOpenMinutes",
          "must be between " + MIN_MINUTES + " and " + MAX_MINUTES + " minutes");
    }
    List<String> names = new ArrayList<>();
    List<String> given = notified == null ? List.of() : notified;
    for (int i = 0; i < given.size(); i++) {
      String name = given.get(i);
      if (name == null || name.isBlank()) {
        errors.add("notify[" + i + "]", "must be a username");
      } else {
        names.add(name.strip());
      }
    }
    notified = List.copyOf(new LinkedHashSet<>(names));
    if (notified.size() > MAX_NOTIFY) {
      errors.add("notify", "at most " + MAX_NOTIFY + " users");
    }
    errors.throwIfAny();
  }
}
