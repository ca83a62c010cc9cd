package io.contactdesk.statistics.control;

import io.contactdesk.contacts.entity.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads a queue's answers in chunks of a few thousand rows, each continuing after the last
 * (created_at, id) of the one before, so an export of a million contacts holds one chunk in memory
 * and no query sorts more than it returns. The chunks are queries of their own, one after another
 * on one connection held for the export, with no cursor open across them; the export is therefore
 * not one snapshot, and a contact registered or erased while it runs may or may not be in it. Plain
 * JDBC on purpose: the rows are handed straight to the writer, with no persistence context growing
 * behind them. Spam is left out.
 */
@ApplicationScoped
public class QuestionnaireAnswers {

  static final int CHUNK_SIZE = 2000;

  // The row comparison gives both databases the index range to start a chunk at. ORDER BY names
  // queue_id, fixed as it is, because H2 reads the index (queue_id, created_at, id) in order only
  // for an ORDER BY that starts with its columns; otherwise it sorts the rest of the range.
  static final String CHUNK =
      "SELECT id, reference, created_at, status, handler, source, language, answers FROM contact"
          + " WHERE queue_id = ? AND created_at >= ? AND created_at < ? AND status <> 'SPAM'"
          + " AND (created_at, id) > (?, ?)"
          + " ORDER BY queue_id, created_at, id LIMIT ?";

  @Inject DataSource dataSource;

  int chunkSize = CHUNK_SIZE;

  private final Contact.AnswersColumn answers = new Contact.AnswersColumn();

  public void forEach(String queueId, DateRange range, Consumer<AnswerRow> sink) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement chunk = connection.prepareStatement(CHUNK)) {
      chunk.setString(1, queueId);
      chunk.setObject(2, utc(range.start()));
      chunk.setObject(3, utc(range.end()));
      chunk.setInt(6, chunkSize);
      // Every id sorts after "", so the first chunk includes contacts of the range's first instant.
      Instant afterCreated = range.start();
      String afterId = "";
      int read;
      do {
        chunk.setObject(4, utc(afterCreated));
        chunk.setString(5, afterId);
        read = 0;
        try (ResultSet rows = chunk.executeQuery()) {
          while (rows.next()) {
            AnswerRow row = row(rows);
            sink.accept(row);
            afterCreated = row.createdAt();
            afterId = row.contactId();
            read++;
          }
        }
      } while (read == chunkSize);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the answers", e);
    }
  }

  private AnswerRow row(ResultSet rows) throws SQLException {
    return new AnswerRow(
        rows.getString(1),
        rows.getString(2),
        rows.getObject(3, OffsetDateTime.class).toInstant(),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        answers.convertToEntityAttribute(rows.getString(8)));
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
