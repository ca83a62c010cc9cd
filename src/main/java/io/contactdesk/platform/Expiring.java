package io.contactdesk.platform;

/**
 * Rows that stop mattering after a while (ended rate windows, expired sessions, old login failures)
 * and that {@link Housekeeping} deletes on each node every few minutes.
 */
public interface Expiring {

  /** Deletes what no rule looks at any more; answers how many went. */
  int purge();

  /** What is purged, for the log line when it fails: "console sessions". */
  String expiring();
}
