package io.contactdesk.contacts.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.platform.RecordingEvent;
import jakarta.persistence.EntityManager;
import java.time.Clock;

/** {@link Casework} for tests of other packages, writing through a test's entity manager. */
public final class CaseworkAccess {
  private CaseworkAccess() {}

  public static Casework casework(EntityManager em, ActivityLog log, Clock clock) {
    Casework casework = new Casework();
    casework.em = em;
    casework.log = log;
    casework.clock = clock;
    casework.erased = new RecordingEvent<>();
    return casework;
  }
}
