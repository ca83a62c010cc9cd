package io.contactdesk.queues.control;

import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import io.contactdesk.users.control.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.text.Normalizer;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/** Creating, changing and finding queues. */
@ApplicationScoped
public class Queues {

  private static final Logger LOG = Logger.getLogger(Queues.class.getName());

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject Event<QueueChanged> changed;
  @Inject Event<QueueDeleted> deleted;
  @Inject Users users;

  public Queue find(String id) {
    Queue queue = Ids.isWellFormed(id) ? em.find(Queue.class, id) : null;
    if (queue == null) {
      throw new QueueNotFound();
    }
    return queue;
  }

  public List<Queue> all() {
    return em.createNamedQuery(Queue.ALL, Queue.class).getResultList();
  }

  @Transactional
  public Queue create(QueueSettings settings) {
    checkPeople(settings);
    Queue queue = new Queue(freeId(settings.name()), settings, clock.instant());
    em.persist(queue);
    return queue;
  }

  @Transactional
  public Queue reconfigure(String id, QueueSettings settings) {
    Queue queue = find(id);
    checkPeople(settings);
    queue.reconfigure(settings, clock.instant());
    changed.fire(new QueueChanged(id));
    return queue;
  }

  /**
   * Deletes the queue and, through {@link QueueDeleted}, everything kept about it: its contacts are
   * erased as erasure does (each leaves a log entry), its memberships and owed mail go.
   */
  @Transactional
  public void delete(String id, String actor) {
    Queue queue = find(id);
    deleted.fire(new QueueDeleted(queue.id(), actor));
    em.remove(queue);
    changed.fire(new QueueChanged(queue.id()));
    LOG.info(() -> "Queue " + queue.id() + " deleted by " + actor + ", its contacts erased");
  }

  /** Whom an escalation notifies must be users (the rule the settings cannot check alone). */
  private void checkPeople(QueueSettings settings) {
    if (settings.escalation() == null) {
      return;
    }
    var errors = new InvalidInput.Collector();
    var notify = settings.escalation().notified();
    for (int i = 0; i < notify.size(); i++) {
      if (users.find(notify.get(i)).isEmpty()) {
        errors.add("escalation.notify[" + i + "]", "is not a user");
      }
    }
    errors.throwIfAny();
  }

  /** Ids read like the name ({@code support}, {@code sales-fi}) so embed snippets stay readable. */
  private String freeId(String name) {
    String slug =
        Normalizer.normalize(name, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-+|-+$)", "");
    if (slug.isEmpty()) {
      slug = "queue";
    }
    slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
    String candidate = slug;
    for (int n = 2; em.find(Queue.class, candidate) != null; n++) {
      candidate = slug + "-" + n;
    }
    return candidate;
  }
}
