package io.contactdesk.bench.yardstick;

import io.contactdesk.contacts.boundary.PublicContactsResource.ContactBody;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.Conflict;
import io.contactdesk.platform.Ids;
import io.contactdesk.queues.control.PublishedQueues;
import io.contactdesk.queues.entity.Queue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The benchmarks' second yardstick (docs/benchmarks.md): the rows a contact submission stores (the
 * contact, its activity-log entry, its owed mails), written with plain JDBC in one local
 * transaction and answered only once on disk, like every change. The answers are checked against
 * the form and stored as a submission stores them; nothing else is: no ORM, no JTA, no idempotency
 * lookup (the unique key still guards it), no rate limit, no events, no page address. What it
 * reaches is close to the most any design of the submission could reach on this server and
 * database; docs/benchmarks.md reads the target against it. Only in the bench build ({@code
 * -Pbench}, docs/benchmarks.md): the product has no such path.
 */
@ApplicationScoped // like the visitor resources it stands beside
@Path("bench/floor/{queueId}")
public class BenchFloor {

  private static final String UNIQUE_VIOLATION = "23505";
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7e]{1,200}");
  private static final Contact.AnswersColumn ANSWERS = new Contact.AnswersColumn();

  @Inject DataSource dataSource;
  @Inject PublishedQueues queues;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public Response store(
      @PathParam("queueId") String queueId,
      @HeaderParam("Idempotency-Key") String header,
      ContactBody body)
      throws SQLException {
    Queue queue = queues.get(queueId);
    String key = header == null || header.isEmpty() ? null : header;
    if (body == null
        || body.answers() == null
        || body.answers().containsKey(null)
        || (key != null && !VISIBLE_ASCII.matcher(key).matches())) {
      throw new BadRequestException(
          "Send the answers as a JSON object and an Idempotency-Key of 1 to 200 visible ASCII"
              + " characters");
    }
    // the same check and stored form as a submission's answers, so that the app can read the row
    String answers = ANSWERS.convertToDatabaseColumn(queue.form().answer(body.answers(), "en"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    String id = Ids.timeOrdered(now);
    String reference = Ids.reference();
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        insertContact(connection, id, reference, queueId, at, answers, key);
        insertActivity(connection, queueId, at, id);
        oweMail(connection, queueId, at, id);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        if (e instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
          throw new Conflict("A contact with this Idempotency-Key is stored already");
        }
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
    return Response.status(Response.Status.CREATED)
        .entity(new BenchEcho.Echo(id, reference, now, null))
        .build();
  }

  private static void insertContact(
      Connection connection,
      String id,
      String reference,
      String queueId,
      OffsetDateTime at,
      String answers,
      String key)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO contact (id, reference, queue_id, created_at, source, language, page_url,"
                + " status, handler, answers, idempotency_key, idempotency_scope, version)"
                + " VALUES (?, ?, ?, ?, 'FORM', 'en', NULL, 'NEW', NULL, ?, ?, ?, 0)")) {
      insert.setString(1, id);
      insert.setString(2, reference);
      insert.setString(3, queueId);
      insert.setObject(4, at);
      insert.setString(5, answers);
      insert.setString(6, key);
      insert.setString(7, key == null ? null : queueId + " " + key);
      insert.executeUpdate();
    }
  }

  private static void insertActivity(
      Connection connection, String queueId, OffsetDateTime at, String contactId)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO activity_entry (queue_id, type, at, actor, contact_id)"
                + " VALUES (?, 'CONTACT_REGISTERED', ?, NULL, ?)")) {
      insert.setString(1, queueId);
      insert.setObject(2, at);
      insert.setString(3, contactId);
      insert.executeUpdate();
    }
  }

  private static void oweMail(
      Connection connection, String queueId, OffsetDateTime at, String contactId)
      throws SQLException {
    List<String[]> recipients = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT u.username, u.email FROM app_user u WHERE u.notify_email = TRUE AND u.username"
                + " IN (SELECT m.username FROM queue_member m WHERE m.queue_id = ?)")) {
      select.setString(1, queueId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          recipients.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO mail_outbox (id, contact_id, queue_id, recipient, email, created_at,"
                + " state, attempts, next_attempt_at, last_error, sent_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, NULL, NULL, 0)")) {
      for (String[] recipient : recipients) {
        insert.setString(1, Ids.timeOrdered(at.toInstant()));
        insert.setString(2, contactId);
        insert.setString(3, queueId);
        insert.setString(4, recipient[0]);
        insert.setString(5, recipient[1]);
        insert.setObject(6, at);
        insert.setObject(7, at);
        insert.executeUpdate();
      }
    }
  }
}
