package io.contactdesk.statistics.control;

import io.contactdesk.contacts.entity.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A queue's answers of a date range in (created_at, id) order, read in chunks by {@link
 * ContactChunks}: an export of a million contacts holds one chunk in memory. Spam is left out.
 */
@ApplicationScoped
public class QuestionnaireAnswers {

  static final int CHUNK_SIZE = 2000;

  static final String CHUNK =
      ContactChunks.query(
          "id, created_at, reference, status, handler, source, language, answers",
          " AND status <> 'SPAM'");

  @Inject DataSource dataSource;

  int chunkSize = CHUNK_SIZE;

  private final Contact.AnswersColumn answers = new Contact.AnswersColumn();

  public void forEach(String queueId, DateRange range, Consumer<AnswerRow> sink) {
    ContactChunks.forEach(
        dataSource,
        CHUNK,
        queueId,
        range,
        chunkSize,
        (rows, createdAt) -> sink.accept(row(rows, createdAt)));
  }

  private AnswerRow row(ResultSet rows, Instant createdAt) throws SQLException {
    return new AnswerRow(
        rows.getString(1),
        rows.getString(3),
        createdAt,
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        answers.convertToEntityAttribute(rows.getString(8)));
  }
}
