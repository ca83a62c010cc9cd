package io.contactdesk.statistics.boundary;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.control.QueueAccess;
import io.contactdesk.queues.entity.FormField;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.Translations;
import io.contactdesk.statistics.control.AnswerRow;
import io.contactdesk.statistics.control.Buckets;
import io.contactdesk.statistics.control.Csv;
import io.contactdesk.statistics.control.DateRange;
import io.contactdesk.statistics.control.QuestionnaireAnswers;
import io.contactdesk.statistics.control.QueueStatistics;
import io.contactdesk.users.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Queue statistics (SPEC, Agent): "Questionnaire answers" as JSON rows or as a CSV download, both
 * streamed row by row, and the counts behind the statistics page.
 */
@Path("queues/{queueId}")
@RolesAllowed({"agent", "admin"})
public class StatisticsResource {

  static final String CSV = "text/csv";
  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Inject QueueAccess access;
  @Inject QuestionnaireAnswers answers;
  @Inject QueueStatistics statistics;
  @Inject Clock clock;
  @Context SecurityContext security;

  @GET
  @Path("questionnaire-answers")
  @Produces(MediaType.APPLICATION_JSON)
  public Response json(
      @PathParam("queueId") String queueId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("format") String format,
      @QueryParam("lang") String lang) {
    if ("csv".equals(format)) {
      return csv(queueId, from, to, lang); // a plain download link cannot set Accept
    }
    Queue queue = access.visible(queueId, Caller.of(security));
    DateRange range = DateRange.parse(from, to, queue.zone(), clock.instant());
    StreamingOutput body =
        out -> {
          try (JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartArray();
            answers.forEach(queue.id(), range, row -> writeJson(json, row));
            json.writeEnd();
          }
        };
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  // qs below 1: a client that takes both (no Accept, */*) gets JSON. Without it Jersey's choice
  // between the two methods followed their order, which a JVM does not promise (a CI run got CSV).
  @GET
  @Path("questionnaire-answers")
  @Produces(CSV + "; qs=0.5; charset=UTF-8")
  public Response csv(
      @PathParam("queueId") String queueId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("lang") String lang) {
    Queue queue = access.visible(queueId, Caller.of(security));
    DateRange range = DateRange.parse(from, to, queue.zone(), clock.instant());
    String language = Translations.isLanguageTag(lang) ? lang : "en";
    List<FormField> fields = queue.form().fields();
    List<String> header =
        new ArrayList<>(
            List.of(
                "Received (" + queue.zone().getId() + ")",
                "Reference",
                "Status",
                "Handler",
                "Source",
                "Language"));
    fields.forEach(f -> header.add(f.label().in(language)));
    StreamingOutput body =
        out -> {
          Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          writer.write('\uFEFF'); // lets spreadsheets read UTF-8 (ä, ö, emoji) correctly
          Csv.writeRow(writer, header);
          answers.forEach(
              queue.id(),
              range,
              row -> {
                List<String> cells =
                    new ArrayList<>(
                        List.of(
                            LOCAL_TIME.format(row.createdAt().atZone(queue.zone())),
                            row.reference(),
                            row.status(),
                            row.handler() == null ? "" : row.handler(),
                            row.source(),
                            row.language()));
                fields.forEach(f -> cells.add(row.valueOf(f.name())));
                try {
                  Csv.writeRow(writer, cells);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
          writer.flush();
        };
    String filename =
        "questionnaire-answers-" + queue.id() + "-" + range.from() + "-" + range.to() + ".csv";
    return Response.ok(body, CSV + "; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
        .build();
  }

  @GET
  @Path("statistics")
  @Produces(MediaType.APPLICATION_JSON)
  public QueueStatistics.Summary summary(
      @PathParam("queueId") String queueId,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("granularity") String granularity,
      @QueryParam("timeZone") String timeZone) {
    Queue queue = access.visible(queueId, Caller.of(security));
    var errors = new InvalidInput.Collector();
    Buckets.Grain grain = errors.attempt(() -> Buckets.Grain.of(granularity));
    ZoneId zone = errors.attempt(() -> zone(timeZone, queue.zone()));
    errors.throwIfAny();
    DateRange range = DateRange.parse(from, to, zone, clock.instant());
    return statistics.of(queue.id(), range, new Buckets(range, grain), queue::openBetween);
  }

  /**
   * The zone the periods are counted in: an IANA name such as Europe/Helsinki, else the queue's.
   */
  private static ZoneId zone(String timeZone, ZoneId queueZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return queueZone;
    }
    try {
      return ZoneId.of(timeZone.strip());
    } catch (DateTimeException e) {
      throw InvalidInput.of("timeZone", "must be a time zone such as Europe/Helsinki");
    }
  }

  private static void writeJson(JsonGenerator json, AnswerRow row) {
    json.writeStartObject()
        .write("contactId", row.contactId())
        .write("reference", row.reference())
        .write("createdAt", row.createdAt().toString())
        .write("status", row.status());
    if (row.handler() == null) {
      json.writeNull("handler");
    } else {
      json.write("handler", row.handler());
    }
    json.write("source", row.source()).write("language", row.language()).writeStartArray("answers");
    row.answers()
        .forEach(
            a ->
                json.writeStartObject()
                    .write("name", a.name())
                    .write("label", a.label())
                    .write("value", a.value())
                    .writeEnd());
    json.writeEnd().writeEnd();
  }
}
