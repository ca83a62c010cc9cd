package io.contactdesk.contacts.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.entity.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Stores contacts: the row, its activity-log entry and its event, in one transaction. */
@ApplicationScoped
public class RegisteredContacts {

  @Inject EntityManager em;
  @Inject ActivityLog activityLog;
  @Inject Event<ContactRegistered> registered;

  /**
   * Stores a checked contact with its CONTACT_REGISTERED entry and fires {@link ContactRegistered}.
   * Nothing but these writes runs in the transaction. A contact under an idempotency key that is
   * already taken fails here (the unique index), and nothing is stored.
   */
  @Transactional
  public Contact store(Contact contact, String queueName) {
    em.persist(contact);
    // Flushing here turns a clash of idempotency keys into an exception the caller can handle.
    em.flush();
    var entry =
        activityLog.record(
            contact.queueId(),
            ActivityType.CONTACT_REGISTERED,
            contact.createdAt(),
            null,
            contact.id(),
            contact.reference());
    registered.fire(
        new ContactRegistered(
            entry.id(), contact.id(), contact.queueId(), queueName, contact.createdAt()));
    return contact;
  }

  /** The contact stored with this key in the queue, if any; a read outside any transaction. */
  public Optional<Contact> byIdempotencyKey(String queueId, String key) {
    // a list, not a stream: outside a transaction the container closes the persistence context as
    // soon as the query returns
    return em
        .createNamedQuery(Contact.BY_IDEMPOTENCY_KEY, Contact.class)
        .setParameter("scope", Contact.idempotencyScope(queueId, key))
        .getResultList()
        .stream()
        .findFirst();
  }
}
