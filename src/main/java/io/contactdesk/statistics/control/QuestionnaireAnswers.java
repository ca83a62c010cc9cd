package io.contactdesk.statistics.control;

import io.contactdesk.contacts.entity.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads a queue's answers row by row with a database cursor, so an export of a million contacts
 * holds one fetch of rows in memory, not all of them. Plain JDBC on purpose: the rows are handed
 * straight to the writer, with no persistence context growing behind them. Spam is left out.
 */
@ApplicationScoped
public class QuestionnaireAnswers {

  static final int FETCH_SIZE = 500;
  private static final String QUERY =
      "SELECT id, reference, created_at, status, handler, source, language, answers FROM contact"
          + " WHERE queue_id = ? AND created_at >= ? AND created_at < ? AND status <> 'SPAM'"
          + " ORDER BY created_at, id";

  @Inject DataSource dataSource;

  private final Contact.AnswersColumn answers = new Contact.AnswersColumn();

  public void forEach(String queueId, DateRange range, Consumer<AnswerRow> sink) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      // PostgreSQL streams with a cursor only inside a transaction.
      connection.setAutoCommit(false);
      try (PreparedStatement query = connection.prepareStatement(QUERY)) {
        query.setFetchSize(FETCH_SIZE);
        query.setString(1, queueId);
        query.setObject(2, OffsetDateTime.ofInstant(range.start(), ZoneOffset.UTC));
        query.setObject(3, OffsetDateTime.ofInstant(range.end(), ZoneOffset.UTC));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            sink.accept(
                new AnswerRow(
                    rows.getString(1),
                    rows.getString(2),
                    rows.getObject(3, OffsetDateTime.class).toInstant(),
                    rows.getString(4),
                    rows.getString(5),
                    rows.getString(6),
                    rows.getString(7),
                    answers.convertToEntityAttribute(rows.getString(8))));
          }
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the answers", e);
    }
  }
}
