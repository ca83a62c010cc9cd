package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.IdempotencyKeyReused;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.Translations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a visitor's submission into a stored contact. With an {@code Idempotency-Key} a retry gets
 * the contact stored the first time, also when both tries race each other; the same key with
 * another body is refused ({@link IdempotencyKeyReused}, SPEC rule 12) and stores nothing, so a
 * visitor's second message is never lost behind the first one's receipt. The answer waits for the
 * disk in {@link io.contactdesk.platform.DurableWrites}, a replay's too: its first try may still be
 * on the way there.
 */
@ApplicationScoped
public class Submissions {

  static final int MAX_URL_LENGTH = 2000;
  static final int MAX_KEY_LENGTH = 200;

  @Inject RegisteredContacts contacts;
  @Inject Clock clock;

  /**
   * Stores a new contact, or answers a retry of a stored one with it. {@code admit} runs only for a
   * new contact, before it is checked: a retry is answered even when the client is over its limit.
   */
  public Registration register(
      Queue queue, Submission submission, String idempotencyKey, Runnable admit) {
    var errors = new InvalidInput.Collector();
    String key = checkKey(idempotencyKey, errors);
    String fingerprint = key == null ? null : submission.fingerprint();
    try {
      return contacts.storeOnce(
          queue.id(),
          queue.name(),
          key,
          fingerprint,
          () -> {
            admit.run();
            return newContact(queue, submission, key, fingerprint, errors);
          });
    } catch (InvalidInput | WebApplicationException | IdempotencyKeyReused refused) {
      throw refused;
    } catch (RuntimeException clash) {
      // Only a concurrent request with the same key explains a failure here that leaves a contact.
      if (key != null) {
        Optional<Contact> winner = contacts.byIdempotencyKey(queue.id(), key);
        if (winner.isPresent()) {
          if (!winner.get().isRetryOf(fingerprint)) {
            throw new IdempotencyKeyReused();
          }
          return new Registration(winner.get(), true);
        }
      }
      throw clash;
    }
  }

  private Contact newContact(
      Queue queue,
      Submission submission,
      String key,
      String fingerprint,
      InvalidInput.Collector errors) {
    String language = language(submission.language(), errors);
    String pageUrl = pageUrl(submission.pageUrl(), errors);
    Source source = source(submission.source(), errors);
    List<Answer> answers = List.of();
    try {
      answers = queue.form().answer(submission.answers(), language);
    } catch (InvalidInput e) {
      errors.addAll("", e);
    }
    errors.throwIfAny();
    Instant now = now();
    return new Contact(
        Ids.timeOrdered(now),
        Ids.reference(),
        queue.id(),
        now,
        source,
        language,
        pageUrl,
        answers,
        key,
        fingerprint);
  }

  /** Stored times keep microseconds on both databases; the answer must say the same. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String checkKey(String key, InvalidInput.Collector errors) {
    if (key == null || key.isEmpty()) {
      return null;
    }
    if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      errors.add("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
      return null;
    }
    return key;
  }

  private static String language(String language, InvalidInput.Collector errors) {
    if (language == null || language.isBlank()) {
      return "en";
    }
    if (!Translations.isLanguageTag(language)) {
      errors.add("language", "must be a language tag such as en or fi");
      return "en";
    }
    return language;
  }

  private static Source source(String source, InvalidInput.Collector errors) {
    if (source == null) {
      return Source.FORM;
    }
    return switch (source) {
      case "FORM" -> Source.FORM;
      case "BOT" -> Source.BOT;
      default -> {
        errors.add("source", "must be FORM or BOT");
        yield Source.FORM;
      }
    };
  }

  private static String pageUrl(String url, InvalidInput.Collector errors) {
    if (url == null || url.isBlank()) {
      return null;
    }
    if (url.length() > MAX_URL_LENGTH) {
      errors.add("pageUrl", "must be at most " + MAX_URL_LENGTH + " characters");
      return null;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    errors.add("pageUrl", "must be an http or https address");
    return null;
  }
}
