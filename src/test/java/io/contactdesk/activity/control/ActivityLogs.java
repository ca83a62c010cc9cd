package io.contactdesk.activity.control;

import jakarta.persistence.EntityManager;

/** An activity log writing through a test's entity manager. */
public final class ActivityLogs {
  private ActivityLogs() {}

  public static ActivityLog using(EntityManager em) {
    ActivityLog log = new ActivityLog();
    log.em = em;
    log.unread = new UnreadContacts();
    log.unread.em = em;
    return log;
  }

  public static UnreadContacts unread(EntityManager em) {
    UnreadContacts unread = new UnreadContacts();
    unread.em = em;
    return unread;
  }
}
