package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Jobs that run once per cluster: the rules numbered on {@link ClusterJobs}. */
class ClusterJobsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T03:00:00Z");
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void a_job_runs_at_its_first_ask_then_not_again_until_its_period_has_passed() {
    try (TestDatabase db = TestDatabase.h2()) {
      MutableClock clock = new MutableClock(T0);
      ClusterJobs jobs = node("a", db, clock);

      assertThat(jobs.claim("retention", DAY)).as("rule 1: no row yet, so due").isTrue();
      assertThat(jobs.claim("retention", DAY)).as("rule 2: claimed for a day").isFalse();
      clock.advance(Duration.ofHours(23));
      assertThat(jobs.claim("retention", DAY)).isFalse();
      clock.advance(Duration.ofHours(1));
      assertThat(jobs.claim("retention", DAY)).isTrue();
    }
  }

  @Test
  void each_job_has_its_own_period() {
    try (TestDatabase db = TestDatabase.h2()) {
      MutableClock clock = new MutableClock(T0);
      ClusterJobs jobs = node("a", db, clock);

      assertThat(jobs.claim("retention", DAY)).isTrue();
      assertThat(jobs.claim("escalation", Duration.ofMinutes(1))).isTrue();
      clock.advance(Duration.ofMinutes(1));
      assertThat(jobs.claim("escalation", Duration.ofMinutes(1))).isTrue();
      assertThat(jobs.claim("retention", DAY)).isFalse();
    }
  }

  @Test
  void the_table_says_which_node_ran_a_job_last_and_when_it_is_due_next() throws SQLException {
    try (TestDatabase db = TestDatabase.h2()) {
      MutableClock clock = new MutableClock(T0);
      node("a", db, clock).claim("retention", DAY);
      clock.advance(DAY);
      node("b", db, clock).claim("retention", DAY);

      try (Connection c = db.connect();
          Statement s = c.createStatement();
          ResultSet row =
              s.executeQuery(
                  "SELECT claimed_by, claimed_at, next_run_at FROM cluster_job"
                      + " WHERE name = 'retention'")) {
        row.next();
        assertThat(row.getString(1)).isEqualTo("b");
        assertThat(row.getObject(2, java.time.OffsetDateTime.class).toInstant())
            .isEqualTo(T0.plus(DAY));
        assertThat(row.getObject(3, java.time.OffsetDateTime.class).toInstant())
            .isEqualTo(T0.plus(DAY).plus(DAY));
      }
    }
  }

  @Test
  @EnabledIf(
      value = "io.contactdesk.platform.TestDatabase#postgresServerReachable",
      disabledReason = "no PostgreSQL on 127.0.0.1:5432")
  void of_nodes_asking_at_the_same_moment_on_postgresql_exactly_one_runs_the_job()
      throws Exception {
    int nodes = 4;
    int days = 30;
    try (TestDatabase db = TestDatabase.postgresDatabase()) {
      MutableClock clock = new MutableClock(T0);
      List<ClusterJobs> cluster = new ArrayList<>();
      for (int i = 0; i < nodes; i++) {
        cluster.add(node("node-" + i, db, clock));
      }
      ExecutorService threads = Executors.newFixedThreadPool(nodes);
      try {
        for (int day = 0; day < days; day++) {
          // day 0 is the job's first run: every node inserts its row, and the key lets one in
          CyclicBarrier together = new CyclicBarrier(nodes);
          List<Future<Boolean>> asked = new ArrayList<>();
          for (ClusterJobs node : cluster) {
            asked.add(
                threads.submit(
                    () -> {
                      together.await(10, TimeUnit.SECONDS);
                      return node.claim("retention", DAY);
                    }));
          }
          int ran = 0;
          for (Future<Boolean> answer : asked) {
            ran += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
          }
          assertThat(ran).as("nodes that ran the job on day " + day).isEqualTo(1);
          clock.advance(DAY);
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }

  private static ClusterJobs node(String name, TestDatabase db, MutableClock clock) {
    return ClusterNodes.jobs(name, db, clock);
  }
}
