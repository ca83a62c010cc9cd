package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.IdempotencyKeyReused;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a visitor's submission into a stored contact. With an {@code Idempotency-Key} a retry gets
 * the contact stored the first time ({@link #replay}), also when both tries race each other; the
 * same key with another body is refused ({@link IdempotencyKeyReused}, SPEC rule 12) and stores
 * nothing, so a visitor's second message is never lost behind the first one's receipt.
 *
 * <p>Nothing here runs in a transaction but {@link RegisteredContacts#store}: the answers are
 * checked before it starts, so a refused submission never holds a database connection. The answer
 * waits for the disk in {@link io.contactdesk.platform.DurableWrites}, a replay's too: its first
 * try may still be on the way there.
 */
@ApplicationScoped
public class Submissions {

  @Inject RegisteredContacts contacts;
  @Inject Clock clock;

  /**
   * The contact stored earlier with this key, if there is one. The same key with a body of another
   * {@code fingerprint} is {@link IdempotencyKeyReused}.
   */
  public Optional<Contact> replay(String queueId, String idempotencyKey, String fingerprint) {
    Optional<Contact> earlier = contacts.byIdempotencyKey(queueId, idempotencyKey);
    if (earlier.isPresent() && !earlier.get().isRetryOf(fingerprint)) {
      throw new IdempotencyKeyReused();
    }
    return earlier;
  }

  /**
   * Checks the answers against the queue's form and stores the contact. {@code refused} holds what
   * the request's own rules refused (field to message): one {@link InvalidInput} names those and
   * the form's failures together, and stores nothing.
   */
  public Registration register(Queue queue, Submission submission, Map<String, String> refused) {
    List<Answer> answers = answers(queue, submission, refused);
    Instant now = now();
    Contact contact =
        new Contact(
            Ids.timeOrdered(now),
            Ids.reference(),
            queue.id(),
            now,
            submission.source(),
            submission.language(),
            submission.pageUrl(),
            answers,
            submission.idempotencyKey(),
            submission.fingerprint());
    contact.visitorEmail(queue.form().emailAmong(answers));
    try {
      return new Registration(contacts.store(contact, queue.name()), false);
    } catch (RuntimeException clash) {
      // Only a concurrent request with the same key explains a failure here that leaves a contact:
      // both missed each other's in the replay lookup and the unique index let one of them in.
      String key = submission.idempotencyKey();
      if (key != null) {
        Optional<Contact> winner = contacts.byIdempotencyKey(queue.id(), key);
        if (winner.isPresent()) {
          if (!winner.get().isRetryOf(submission.fingerprint())) {
            throw new IdempotencyKeyReused();
          }
          return new Registration(winner.get(), true);
        }
      }
      throw clash;
    }
  }

  private static List<Answer> answers(
      Queue queue, Submission submission, Map<String, String> refused) {
    var errors = new InvalidInput.Collector();
    refused.forEach(errors::add);
    List<Answer> answers = List.of();
    try {
      answers = queue.form().answer(submission.answers(), submission.language());
    } catch (InvalidInput e) {
      errors.addAll("", e);
    }
    errors.throwIfAny();
    return answers;
  }

  /** Stored times keep microseconds on both databases; the answer must say the same. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
