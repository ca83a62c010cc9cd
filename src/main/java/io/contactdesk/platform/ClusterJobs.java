package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Work that must run once per cluster, not once per node (SPEC Part 2, Several nodes: retention,
 * escalation): every node asks on its own schedule, and the one that finds the job due runs it.
 * Rules:
 *
 * <ol>
 *   <li>A job is due when its row's {@code next_run_at} has passed, or it has no row yet.
 *   <li>Claiming moves {@code next_run_at} one period past now in one statement, which the database
 *       serialises: of any number of nodes that ask at once, exactly one gets {@code true}
 *       (PostgreSQL re-reads a row another transaction changed before it updates it; the first run
 *       of a job is an insert, and the second insert fails on the primary key).
 *   <li>A claim is not given back: a node that dies during its run leaves the job to the next
 *       period. Jobs made for this are idempotent and catch up (retention erases whatever is past
 *       its time), so a missed run costs a delay, never a double action.
 *   <li>Nodes ask more often than the period (retention: hourly for a daily job), so a node that
 *       died does not skip a period, and the runs stay near the period apart.
 * </ol>
 *
 * The same table and statements run on embedded H2, where the one node always finds its own claim.
 * Call it outside a transaction: each statement commits on its own. Time comes from the injected
 * clock, so the nodes' clocks are assumed to be synchronised (NTP), as a cluster needs anyway.
 */
@ApplicationScoped
public class ClusterJobs {

  private static final String CLAIM =
      "UPDATE cluster_job SET next_run_at = ?, claimed_by = ?, claimed_at = ?"
          + " WHERE name = ? AND next_run_at <= ?";
  private static final String FIRST =
      "INSERT INTO cluster_job (name, next_run_at, claimed_by, claimed_at) VALUES (?, ?, ?, ?)";
  private static final String KNOWN = "SELECT 1 FROM cluster_job WHERE name = ?";
  private static final String UNIQUE_VIOLATION = "23505";

  @Inject DataSource dataSource;
  @Inject Clock clock;

  /** Who claimed a run, for an operator reading the table: the JVM's {@code pid@host}. */
  String node = ManagementFactory.getRuntimeMXBean().getName();

  /**
   * Whether this node runs {@code job} now; if so the next run is due {@code every} from now, on
   * whichever node asks first after that.
   */
  public boolean claim(String job, Duration every) {
    Instant now = clock.instant();
    OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
    OffsetDateTime next = OffsetDateTime.ofInstant(now.plus(every), ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement claim = c.prepareStatement(CLAIM)) {
        claim.setObject(1, next);
        claim.setString(2, node);
        claim.setObject(3, at);
        claim.setString(4, job);
        claim.setObject(5, at);
        if (claim.executeUpdate() == 1) {
          return true;
        }
      }
      try (PreparedStatement known = c.prepareStatement(KNOWN)) {
        known.setString(1, job);
        if (known.executeQuery().next()) {
          return false;
        }
      }
      try (PreparedStatement first = c.prepareStatement(FIRST)) {
        first.setString(1, job);
        first.setObject(2, next);
        first.setString(3, node);
        first.setObject(4, at);
        first.executeUpdate();
        return true;
      } catch (SQLException e) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
          return false; // another node made the first claim at the same moment
        }
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not claim the cluster job " + job, e);
    }
  }
}
