package io.contactdesk.contacts.control;

import io.contactdesk.activity.control.ActivityLog;
import io.contactdesk.activity.entity.ActivityType;
import io.contactdesk.contacts.entity.Contact;
import io.contactdesk.platform.IdempotencyKeyReused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.function.Supplier;

/** Stores contacts: the row, its activity-log entry and its event, in one transaction. */
@ApplicationScoped
public class RegisteredContacts {

  @Inject EntityManager em;
  @Inject ActivityLog activityLog;
  @Inject Event<ContactRegistered> registered;

  /**
   * The contact stored earlier with this idempotency key, if there is one; else the contact that
   * {@code create} makes, stored with its log entry and its event. One transaction: the lookup and
   * the insert share a connection, and a refusal by {@code create} stores nothing. An earlier
   * contact under the key that another body ({@code fingerprint}) stored is {@link
   * IdempotencyKeyReused}.
   */
  @Transactional
  public Registration storeOnce(
      String queueId,
      String queueName,
      String idempotencyKey,
      String fingerprint,
      Supplier<Contact> create) {
    if (idempotencyKey != null) {
      Optional<Contact> earlier = byIdempotencyKey(queueId, idempotencyKey);
      if (earlier.isPresent()) {
        if (!earlier.get().isRetryOf(fingerprint)) {
          throw new IdempotencyKeyReused();
        }
        return new Registration(earlier.get(), true);
      }
    }
    Contact contact = create.get();
    em.persist(contact);
    // Flushing here turns a clash of idempotency keys into an exception the caller can handle.
    em.flush();
    var entry =
        activityLog.record(
            contact.queueId(),
            ActivityType.CONTACT_REGISTERED,
            contact.createdAt(),
            null,
            contact.id());
    registered.fire(
        new ContactRegistered(
            entry.id(), contact.id(), contact.queueId(), queueName, contact.createdAt()));
    return new Registration(contact, false);
  }

  public Optional<Contact> byIdempotencyKey(String queueId, String key) {
    return em.createNamedQuery(Contact.BY_IDEMPOTENCY_KEY, Contact.class)
        .setParameter("queueId", queueId)
        .setParameter("key", key)
        .getResultStream()
        .findFirst();
  }
}
