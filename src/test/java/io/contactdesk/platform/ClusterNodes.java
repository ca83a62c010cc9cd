package io.contactdesk.platform;

import java.time.Clock;

/** Nodes of a cluster inside one test: each its own beans and connections on one database. */
public final class ClusterNodes {
  private ClusterNodes() {}

  /** The {@link ClusterJobs} of the node called {@code name}. */
  public static ClusterJobs jobs(String name, TestDatabase db, Clock clock) {
    ClusterJobs jobs = new ClusterJobs();
    jobs.dataSource = db.dataSource();
    jobs.clock = clock;
    jobs.node = name;
    return jobs;
  }
}
