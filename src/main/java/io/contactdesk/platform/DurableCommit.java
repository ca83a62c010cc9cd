package io.contactdesk.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes a committed transaction survive a crash of the process before it is acknowledged.
 *
 * <p>PostgreSQL does that on commit. Embedded H2 writes a commit to its file only if no other
 * thread is writing at that moment; under load a commit can stay in memory until the next one, so a
 * {@code kill -9} could lose a contact that was already answered 201. Here the first waiting thread
 * runs {@code CHECKPOINT} (H2 writes what is committed to its file) for every commit made before it
 * started, and the others waiting behind it find their commit already covered.
 *
 * <p>This covers a crash of the process, not of the machine: {@code CHECKPOINT} hands the pages to
 * the operating system without an fsync ({@code CHECKPOINT SYNC} measured about 3 ms more per group
 * here). For power-cut durability use PostgreSQL. See docs/benchmarks.md for what this costs.
 */
@ApplicationScoped
public class DurableCommit {

  @Inject DataSource dataSource;

  private boolean embedded;
  private final Object flushing = new Object();
  private long requested;
  private long completed;

  @PostConstruct
  void detect() {
    try (Connection connection = dataSource.getConnection()) {
      embedded = connection.getMetaData().getURL().startsWith("jdbc:h2:");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database", e);
    }
  }

  /** Returns once everything committed before the call is on disk. */
  public void await() {
    if (!embedded) {
      return;
    }
    long ticket;
    synchronized (this) {
      ticket = ++requested;
    }
    synchronized (flushing) {
      if (completed >= ticket) {
        return;
      }
      long covered;
      synchronized (this) {
        covered = requested;
      }
      try (Connection connection = dataSource.getConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("CHECKPOINT");
      } catch (SQLException e) {
        throw new IllegalStateException("Could not write the database to disk", e);
      }
      completed = covered;
    }
  }
}
