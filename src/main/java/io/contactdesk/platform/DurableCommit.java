package io.contactdesk.platform;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;

/**
 * Makes committed transactions survive a crash, of the process or of the machine, before they are
 * acknowledged; {@link DurableWrites} calls it before answering any change.
 *
 * <p>PostgreSQL does that on commit. Embedded H2 runs with its default write delay: a commit stays
 * in memory until H2's writer stores it, up to half a second later, because storing each commit on
 * its own serialises every writer on H2's store lock (docs/benchmarks.md measured 15 % of the
 * server's no-op rate that way). Instead, the threads that wait here form groups: one of each group
 * runs {@code CHECKPOINT SYNC} (H2 writes what is committed and fsyncs the file), which covers
 * every commit made before it started, while the next group gathers behind it; the whole group is
 * woken at once when it is done. One write and one fsync per group of concurrent commits.
 */
@ApplicationScoped
public class DurableCommit {

  @Inject DataSource dataSource;

  private boolean embedded;
  private final Object lock = new Object();
  // the flush that will cover every commit made before it starts, and the one writing now, if any
  private CompletableFuture<Void> next = new CompletableFuture<>();
  private CompletableFuture<Void> writing;

  @PostConstruct
  void detect() {
    try (Connection connection = dataSource.getConnection()) {
      embedded = Engine.of(connection) == Engine.H2;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot reach the database", e);
    }
  }

  /**
   * Returns once everything committed before the call is on disk. One waiter of a group runs the
   * flush; all of them are woken together when it is done, not one after another.
   */
  public void await() {
    if (!embedded) {
      return;
    }
    CompletableFuture<Void> mine;
    synchronized (lock) {
      mine = next;
    }
    while (!mine.isDone()) {
      CompletableFuture<Void> running;
      boolean lead;
      synchronized (lock) {
        running = writing;
        lead = next == mine && (running == null || running.isDone());
        if (lead) {
          writing = mine;
          next = new CompletableFuture<>();
        }
      }
      if (lead) {
        flush(mine);
      } else if (running != null) {
        // the flush before ours, or ours; a failure of the one before is not ours
        running.exceptionally(failure -> null).join();
      }
    }
    try {
      mine.join();
    } catch (CompletionException e) {
      throw new IllegalStateException("Could not write the database to disk", e.getCause());
    }
  }

  private void flush(CompletableFuture<Void> group) {
    Exception failure = null;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT SYNC");
    } catch (SQLException | RuntimeException e) {
      failure = e;
    }
    if (failure == null) {
      group.complete(null);
    } else {
      group.completeExceptionally(failure);
    }
    synchronized (lock) {
      if (writing == group) {
        writing = null;
      }
    }
  }
}
