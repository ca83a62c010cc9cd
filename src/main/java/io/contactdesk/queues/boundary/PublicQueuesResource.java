package io.contactdesk.queues.boundary;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.WritesNothing;
import io.contactdesk.queues.control.PublishedQueues;
import io.contactdesk.queues.entity.Bot.BotReply;
import io.contactdesk.queues.entity.Translations;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/**
 * The chat window asks whether the queue is open, and talks to its bot (no login). Asked on every
 * page view of a customer's site, so one instance serves every request.
 */
@ApplicationScoped
@Path("public/queues/{queueId}")
@Produces(MediaType.APPLICATION_JSON)
@WritesNothing // asking the bot stores nothing
public class PublicQueuesResource {

  static final int MAX_BOT_TEXT = 1000;

  @Inject PublishedQueues queues;
  @Inject Clock clock;

  public record Question(String text, String language) {}

  @GET
  public Response describe(@PathParam("queueId") String queueId, @QueryParam("lang") String lang) {
    String language = Translations.isLanguageTag(lang) ? lang : "en";
    CacheControl noStore = new CacheControl();
    noStore.setNoStore(true);
    return Response.ok(PublicQueue.of(queues.get(queueId), clock.instant(), language))
        .cacheControl(noStore)
        .build();
  }

  @POST
  @Path("bot")
  @Consumes(MediaType.APPLICATION_JSON)
  public BotReply ask(@PathParam("queueId") String queueId, Question question) {
    if (question == null) {
      throw new BadRequestException("Send {\"text\":…,\"language\":…}");
    }
    var queue = queues.get(queueId);
    var errors = new InvalidInput.Collector();
    if (question.text() == null || question.text().isBlank()) {
      errors.add("text", "is required");
    } else if (question.text().length() > MAX_BOT_TEXT) {
      errors.add("text", "must be at most " + MAX_BOT_TEXT + " characters");
    }
    if (question.language() != null && !Translations.isLanguageTag(question.language())) {
      errors.add("language", "must be a language tag such as en or fi");
    }
    errors.throwIfAny();
    return queue.bot().reply(question.text(), question.language(), !queue.form().isEmpty());
  }
}
