package io.contactdesk.contacts.boundary;

import io.contactdesk.contacts.control.Registration;
import io.contactdesk.contacts.control.Submission;
import io.contactdesk.contacts.control.Submissions;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.PageUrl;
import io.contactdesk.contacts.entity.Source;
import io.contactdesk.platform.ClientAddress;
import io.contactdesk.platform.RateLimiter;
import io.contactdesk.platform.ViolationFields;
import io.contactdesk.queues.control.PublishedQueues;
import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A visitor leaves a message (SPEC, Visitor). One way through, and only the store in a transaction:
 *
 * <ol>
 *   <li>a retry under a known {@code Idempotency-Key} is answered with the stored contact, before
 *       the limit: it costs nothing and must not fail;
 *   <li>the rate limit per client address and queue (429);
 *   <li>the body's rules and the queue's form, every failing field in one 422;
 *   <li>{@link Submissions#register}: the one transaction (contact, log entry, event).
 * </ol>
 *
 * The answer is 201 only after the contact is on disk ({@link
 * io.contactdesk.platform.DurableWrites} waits for it, for a replay too); mail and live
 * notifications happen after and apart from it.
 *
 * <p>One instance serves every request (like {@link
 * io.contactdesk.queues.boundary.PublicQueuesResource}): building and injecting a resource per
 * request cost a submission 0.03 ms of CPU (docs/benchmarks.md).
 */
@ApplicationScoped
@Path("public/queues/{queueId}/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class PublicContactsResource {

  static final int MAX_KEY_LENGTH = 200;

  @Inject ClientAddress clientAddress;
  @Inject PublishedQueues queues;
  @Inject Submissions submissions;
  @Inject RateLimiter rateLimiter;
  @Inject Validator validator;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "contactdesk.submissions.per-minute", defaultValue = "20")
  int perMinute;

  /**
   * The body as a visitor's chat window sends it. {@code language} and {@code source} may be left
   * out (English, the form); {@code pageUrl} too.
   */
  public record ContactBody(
      Map<String, Object> answers,
      @LanguageTag String language,
      @PageUrl.Rule String pageUrl,
      @Pattern(regexp = "FORM|BOT", message = "must be FORM or BOT") String source) {

    // Json.createValue looks the provider up through the ServiceLoader on every call: 42 % of a
    // submission's CPU in a profile (docs/benchmarks.md)
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * The submission in the domain's terms, with the key and {@link #fingerprint} of its request
     * (both null without a key). A value the constraints refuse is replaced by its default: the
     * request is refused before anything is stored anyway.
     */
    Submission submission(String idempotencyKey, String fingerprint, Map<String, String> refused) {
      return new Submission(
          answers,
          language == null || language.isBlank() || refused.containsKey("language")
              ? "en"
              : language,
          refused.containsKey("pageUrl") ? null : PageUrl.ofNullable(pageUrl),
          "BOT".equals(source) ? Source.BOT : Source.FORM,
          idempotencyKey,
          fingerprint);
    }

    /**
     * The SHA-256 (hex) of this body in a canonical form: the answers as JSON with every object's
     * keys sorted, then language, page URL and source as sent. Two bodies that differ only in key
     * order or whitespace have the same fingerprint; any other difference changes it.
     */
    public String fingerprint() {
      StringBuilder canonical = new StringBuilder();
      write(answers, canonical);
      for (String value : new String[] {language, pageUrl, source}) {
        canonical.append('\n');
        write(value, canonical);
      }
      try {
        return HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java has SHA-256", e);
      }
    }

    private static void write(Object value, StringBuilder out) {
      if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (var entry : new TreeMap<>(map).entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(String.valueOf(entry.getKey()), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof List<?> list) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      } else if (value instanceof String text) {
        out.append(JSON.createValue(text));
      } else {
        out.append(value); // a number, true, false or null
      }
    }
  }

  public record Receipt(String id, String reference, Instant createdAt, Instant nextOpening) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response submit(
      @PathParam("queueId") String queueId,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @Context HttpServletRequest request,
      ContactBody body) {
    Queue queue = queues.get(queueId);
    if (body == null || (body.answers() != null && body.answers().containsKey(null))) {
      // JSON-B turns an array into a map with null keys: both mean the shape is wrong
      throw new BadRequestException(
          "Send the answers as a JSON object: {\"answers\":{\"name\":\"…\"}}");
    }
    String key = wellFormed(idempotencyKey) ? idempotencyKey : null;
    String fingerprint = key == null ? null : body.fingerprint();
    if (key != null) {
      Optional<Contact> earlier = submissions.replay(queue.id(), key, fingerprint);
      if (earlier.isPresent()) {
        return receipt(queue, new Registration(earlier.get(), true));
      }
    }
    rateLimiter.acquire("submit " + clientAddress.of(request) + " " + queue.id(), perMinute);
    // Validated here, not with @Valid, which would answer before the replay and the limit and
    // without the form's fields: the 422 names the body's, the key's and the form's failures.
    Map<String, String> refused = new LinkedHashMap<>(ViolationFields.of(validator.validate(body)));
    if (key == null && idempotencyKey != null && !idempotencyKey.isEmpty()) {
      refused.put(
          "Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
    }
    return receipt(
        queue, submissions.register(queue, body.submission(key, fingerprint, refused), refused));
  }

  private Response receipt(Queue queue, Registration registration) {
    Contact contact = registration.contact();
    return Response.created(URI.create("contacts/" + contact.id()))
        .header("Idempotent-Replayed", registration.replayed() ? "true" : null)
        .entity(
            new Receipt(
                contact.id(),
                contact.reference(),
                contact.createdAt(),
                queue.nextOpening(clock.instant()).orElse(null)))
        .build();
  }

  /** An {@code Idempotency-Key} worth looking up: 1 to 200 visible ASCII characters. */
  private static boolean wellFormed(String key) {
    return key != null
        && !key.isEmpty()
        && key.length() <= MAX_KEY_LENGTH
        && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
  }
}
