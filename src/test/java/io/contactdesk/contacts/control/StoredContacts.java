package io.contactdesk.contacts.control;

import io.contactdesk.activity.control.ActivityLogs;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

/**
 * The store of contacts writing through a test's entity manager, in the caller's transaction (what
 * {@code @Transactional} would open is the test's to open), telling {@code registered}.
 */
public final class StoredContacts {
  private StoredContacts() {}

  public static RegisteredContacts using(EntityManager em, Event<ContactRegistered> registered) {
    RegisteredContacts contacts = new RegisteredContacts();
    contacts.em = em;
    contacts.activityLog = ActivityLogs.using(em);
    contacts.registered = registered;
    return contacts;
  }
}
