package io.contactdesk.contacts.boundary;

import io.contactdesk.contacts.control.CaseFile;
import io.contactdesk.contacts.control.Casework;
import io.contactdesk.contacts.control.ContactFinder;
import io.contactdesk.contacts.control.DeliveryTrail;
import io.contactdesk.contacts.entity.Comment;
import io.contactdesk.contacts.entity.CommentDraft;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.contacts.entity.Status;
import io.contactdesk.platform.ViolationFields;
import io.contactdesk.queues.entity.Answer;
import io.contactdesk.users.control.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** "View content", comments, and erasure of a registered contact (SPEC, Agent and Admin). */
@Path("contacts/{id}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"agent", "admin"})
public class ContactsResource {

  @Inject Casework casework;
  @Inject ContactFinder finder;
  // every channel's trail (the mail outbox's, the webhooks'), by channel, each oldest first
  @Inject @Any Instance<DeliveryTrail> trails;
  @Inject Validator validator;
  @Context SecurityContext security;

  public record View(
      String id,
      String reference,
      String queueId,
      Instant createdAt,
      String source,
      String language,
      String pageUrl,
      String status,
      String handler,
      List<Answer> answers,
      List<CommentView> comments,
      boolean overdue,
      Instant escalatedAt,
      List<Earlier> sameVisitor,
      List<DeliveryTrail.Notice> notifications) {}

  /** Another contact the same visitor left (by e-mail) in a queue the caller sees. */
  public record Earlier(String id, String reference, Instant createdAt, String status) {}

  /** How many of the visitor's other contacts the view lists, newest first. */
  static final int SAME_VISITOR = 20;

  public record CommentView(
      String id,
      String author,
      String authorName,
      Instant at,
      String text,
      String status,
      boolean handlerChanged,
      String handler) {}

  /**
   * A comment as the console sends it: {@code status} by name in any case, and {@code handler} a
   * username, {@code ""} for nobody, or absent to leave the handler as it is.
   */
  public record NewComment(
      String text,
      @Pattern(
              regexp = "NEW|IN_PROGRESS|DONE|SPAM",
              flags = {Pattern.Flag.CASE_INSENSITIVE, Pattern.Flag.UNICODE_CASE},
              message = "must be one of NEW, IN_PROGRESS, DONE, SPAM")
          String status,
      String handler) {

    /** The comment in the domain's terms; a status the constraint refuses is left out. */
    CommentDraft draft() {
      Status next = null;
      if (status != null) {
        try {
          next = Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException refused) {
          // reported by the constraint on status, with the contact's own failures
        }
      }
      boolean handsOver = handler != null;
      return new CommentDraft(
          text, next, handsOver, handsOver && !handler.isEmpty() ? handler : null);
    }
  }

  @GET
  public Response view(@PathParam("id") String id) {
    Caller caller = Caller.of(security);
    CaseFile file = casework.view(id, caller);
    Contact c = file.contact();
    View view =
        new View(
            c.id(),
            c.reference(),
            c.queueId(),
            c.createdAt(),
            c.source().name(),
            c.language(),
            c.pageUrl(),
            c.status().name(),
            c.handler(),
            c.answers(),
            file.comments().stream().map(ContactsResource::view).toList(),
            c.overdue(),
            c.escalatedAt(),
            finder.sameVisitor(c, caller, SAME_VISITOR).stream()
                .map(o -> new Earlier(o.id(), o.reference(), o.createdAt(), o.status().name()))
                .toList(),
            trails.stream()
                .flatMap(t -> t.of(c.id(), caller.admin()).stream())
                .sorted(Comparator.comparing(DeliveryTrail.Notice::channel))
                .toList());
    CacheControl private_ = new CacheControl();
    private_.setNoStore(true);
    private_.setPrivate(true);
    return Response.ok(view).cacheControl(private_).build();
  }

  @POST
  @Path("comments")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response comment(@PathParam("id") String id, NewComment body) {
    if (body == null) {
      throw new BadRequestException("Send {\"text\":…}");
    }
    // Checked here rather than with @Valid, which would answer before the contact's own rules run
    // (a handler outside the queue, say) and before a stranger's 404: one 422 names every field.
    Comment comment =
        casework.comment(
            id, Caller.of(security), body.draft(), ViolationFields.of(validator.validate(body)));
    return Response.created(URI.create("contacts/" + id + "#comment-" + comment.id()))
        .entity(Map.of("id", comment.id()))
        .build();
  }

  @DELETE
  @RolesAllowed("admin")
  public Response erase(@PathParam("id") String id) {
    casework.erase(id, Caller.of(security));
    return Response.noContent().build();
  }

  private static CommentView view(Comment c) {
    return new CommentView(
        c.id(),
        c.author(),
        c.authorName(),
        c.at(),
        c.body(),
        c.newStatus() == null ? null : c.newStatus().name(),
        c.handlerChanged(),
        c.newHandler());
  }
}
