package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import io.contactdesk.platform.Ids;
import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/** The contacts of the scale scenario, written by JDBC into a database the app has migrated. */
final class ScaleSeed {

  /** The references of every {@code contacts / 100}th seeded contact, oldest first, to look up. */
  static final List<String> REFERENCES = new ArrayList<>();

  /** The visitor e-mail of the {@code i}th seeded contact, as the app keeps it (lower case). */
  static String email(int i) {
    return "seeded" + i + "@example.com";
  }

  static void seed(Connection c, int contacts) throws SQLException {
    c.setAutoCommit(false);
    REFERENCES.clear();
    Random random = new Random(42);
    Instant start = Instant.now().minus(Duration.ofDays(20));
    long step = Duration.ofDays(19).toNanos() / 1000 / contacts; // micros between contacts
    try (PreparedStatement pc =
            c.prepareStatement(
                "INSERT INTO contact (id, reference, queue_id, created_at, source, language, page_url,"
                    + " status, handler, answers, idempotency_key, version, first_comment_at,"
                    + " visitor_email, overdue, escalated_at)"
                    + " VALUES (?, ?, 'support', ?, 'FORM', 'en', NULL, ?, ?, ?, NULL, 0, ?, ?, ?, ?)");
        PreparedStatement pa =
            c.prepareStatement(
                "INSERT INTO activity_entry (queue_id, type, at, actor, contact_id)"
                    + " VALUES ('support', 'CONTACT_REGISTERED', ?, NULL, ?)")) {
      for (int i = 0; i < contacts; i++) {
        OffsetDateTime at =
            OffsetDateTime.ofInstant(start.plusNanos(1000L * step * i), ZoneOffset.UTC);
        // the app's ids: time-ordered, so the seeded table is laid out like one the app filled
        String id = Ids.timeOrdered(at.toInstant());
        String reference = Ids.reference();
        pc.setString(1, id);
        pc.setString(2, reference);
        pc.setObject(3, at);
        // nine in ten answered within two hours, as the statistics' median reads them (the seed
        // writes no comment rows: nothing timed here reads them)
        boolean answered = i % 10 != 0;
        boolean inProgress = answered && i % 3 == 0;
        pc.setString(4, answered ? (inProgress ? "IN_PROGRESS" : "DONE") : "NEW");
        pc.setString(5, inProgress ? "admin" : null); // a handler for the handler filter
        pc.setObject(7, answered ? at.plusSeconds(random.nextInt(7200)) : null);
        pc.setString(8, email(i));
        // one in fifty unanswered contacts was escalated an hour after it came (one in 500)
        boolean overdue = !answered && i % 50 == 0;
        pc.setBoolean(9, overdue);
        pc.setObject(10, overdue ? at.plusHours(1) : null);
        if (i % Math.max(1, contacts / 1000) == 0) {
          REFERENCES.add(reference);
        }
        pc.setString(
            6,
            "[{\"name\":\"name\",\"label\":\"Name\",\"value\":\"Seeded Visitor "
                + i
                + "\"},"
                + "{\"name\":\"email\",\"label\":\"E-mail\",\"value\":\"seeded"
                + i
                + "@example.com\"},"
                + "{\"name\":\"message\",\"label\":\"Message\",\"value\":\"Please call me back about order "
                + i
                + ", thanks.\"}]");
        pc.addBatch();
        pa.setObject(1, at);
        pa.setString(2, id);
        pa.addBatch();
        if ((i + 1) % 5000 == 0 || i == contacts - 1) {
          pc.executeBatch();
          pa.executeBatch();
          c.commit();
        }
      }
    }
  }
}
