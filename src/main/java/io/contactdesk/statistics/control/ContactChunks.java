package io.contactdesk.statistics.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Reads a queue's contacts of a date range in chunks of a few thousand rows, each continuing after
 * the last (created_at, id) of the one before, so a million contacts are read with one chunk in
 * memory and no query sorts, or buffers on disk, more than it returns. The chunks are queries of
 * their own, one after another on one connection, with no cursor open across them; the reading is
 * therefore not one snapshot, and a contact registered or erased meanwhile may or may not be in it.
 * Plain JDBC on purpose: the rows go straight to the reader, with no persistence context growing
 * behind them.
 */
final class ContactChunks {

  @FunctionalInterface
  interface RowReader {
    void read(ResultSet row, Instant createdAt) throws SQLException;
  }

  private ContactChunks() {}

  /**
   * One chunk's query; {@code columns} start with {@code id, created_at}. Its parameters: queue,
   * start and end of the range, the (created_at, id) to continue after, and the chunk size.
   */
  static String query(String columns, String condition) {
    // The row comparison gives both databases the index range to start a chunk at. ORDER BY names
    // queue_id, fixed as it is, because H2 reads the index (queue_id, created_at, id, ...) in order
    // only for an ORDER BY that starts with its columns; otherwise it sorts the rest of the range.
    return "SELECT "
        + columns
        + " FROM contact WHERE queue_id = ? AND created_at >= ? AND created_at < ?"
        + condition
        + " AND (created_at, id) > (?, ?) ORDER BY queue_id, created_at, id LIMIT ?";
  }

  static void forEach(
      DataSource dataSource,
      String query,
      String queueId,
      DateRange range,
      int chunkSize,
      RowReader reader) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement chunk = connection.prepareStatement(query)) {
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
            Instant created = instant(rows, 2);
            reader.read(rows, created);
            afterId = rows.getString(1);
            afterCreated = created;
            read++;
          }
        }
      } while (read == chunkSize);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read the contacts", e);
    }
  }

  /**
   * A timestamp column as an instant. Not {@code getObject(column, OffsetDateTime.class)}: Payara's
   * wrapper around the driver's result set answers that JDBC 4.1 call through reflection, with an
   * access check each time, which took 60 % of the statistics' CPU at a million rows.
   */
  static Instant instant(ResultSet row, int column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
