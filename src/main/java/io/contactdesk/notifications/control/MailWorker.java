package io.contactdesk.notifications.control;

import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.ConsoleLinks;
import io.contactdesk.platform.DurableCommit;
import io.contactdesk.platform.NotFound;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.queues.entity.Queue;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends what the outbox owes, on its own thread: every few seconds, and at once after a new
 * contact. Each mail is marked as being sent (committed) before SMTP is spoken to and marked sent
 * after, so a retry never repeats a delivered mail; a failure is retried with exponential back-off
 * and given up after {@code contactdesk.mail.max-attempts}, visible at {@code GET /api/admin/mail}.
 */
@ApplicationScoped
public class MailWorker {

  private static final Logger LOG = Logger.getLogger(MailWorker.class.getName());
  static final int BATCH = 50;
  private static final long ROUND_GAP_MILLIS = 50;

  @Resource ManagedThreadFactory threads;
  @Inject DurableCommit durableCommit;
  @Inject MailOutbox outbox;
  @Inject MailSessions sessions;
  @Inject Queues queues;

  @Inject
  @ConfigProperty(name = "contactdesk.base-url", defaultValue = "http://localhost:8080")
  String baseUrl;

  @Inject
  @ConfigProperty(
      name = "contactdesk.mail.from",
      defaultValue = "ContactDesk <contactdesk@localhost>")
  String from;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.max-attempts", defaultValue = "8")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.retry-base-seconds", defaultValue = "30")
  int retryBaseSeconds;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.poll-seconds", defaultValue = "10")
  int pollSeconds;

  // One sender thread of our own, woken by new contacts and by its poll interval: a request never
  // waits for it, and it never runs in a request's context.
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean stopped;
  private Thread sender;

  void start(@Observes @Priority(30) @Initialized(ApplicationScoped.class) Object started) {
    int abandoned = outbox.abandonInterrupted();
    if (abandoned > 0) {
      LOG.warning(
          abandoned + " mails were being sent when the app stopped; marked failed, not resent");
    }
    sender = threads.newThread(this::run);
    sender.setName("contactdesk-mail");
    sender.start();
  }

  /** Asks for a round now, without waiting for the next poll. */
  public void nudge() {
    wake.release();
  }

  private void run() {
    while (!stopped) {
      try {
        wake.tryAcquire(pollSeconds, TimeUnit.SECONDS);
        wake.drainPermits();
        round();
        // Under load every commit nudges: a pause between rounds lets the nudges of many
        // contacts share one round, and 50 ms is soon enough for an e-mail.
        Thread.sleep(ROUND_GAP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @PreDestroy
  void stop() {
    stopped = true;
    if (sender != null) {
      sender.interrupt();
    }
  }

  /** Sends everything due. */
  void round() {
    try {
      sessions.session().ifPresent(this::sendDue);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Mail round failed; the next one tries again", e);
    }
  }

  private void sendDue(Session session) {
    InternetAddress sender;
    try {
      sender = new InternetAddress(from, true);
    } catch (AddressException e) {
      LOG.severe("contactdesk.mail.from is not an address: " + from);
      return;
    }
    List<String> due = outbox.due(BATCH);
    if (due.isEmpty()) {
      return;
    }
    // One connection a round, of the protocol Transport.send would pick for an e-mail address. A
    // server that cannot be reached costs each due mail one attempt, all in one transaction.
    try (Transport transport = session.getTransport(sender)) {
      try {
        transport.connect();
      } catch (MessagingException e) {
        outbox.unreachable(due, describe(e), Duration.ofSeconds(retryBaseSeconds), maxAttempts);
        LOG.log(Level.INFO, () -> "Mail server unreachable; " + describe(e));
        return;
      }
      while (!due.isEmpty()) {
        for (String id : due) {
          OutboxMail mail = outbox.startSending(id);
          if (mail == null) {
            continue;
          }
          // after a crash, a mail found SENDING is given up: that mark must be on disk first
          durableCommit.await();
          send(transport, session, sender, mail);
          if (!transport.isConnected()) {
            return; // the rest waits, untouched, for the next round
          }
        }
        due = due.size() == BATCH ? outbox.due(BATCH) : List.of();
      }
    } catch (MessagingException e) {
      // no SMTP transport for this session, or closing the connection failed
      LOG.log(Level.WARNING, () -> "Mail round ended early: " + describe(e));
    }
  }

  private void send(Transport transport, Session session, InternetAddress sender, OutboxMail mail) {
    try {
      MimeMessage message = compose(mail).toMessage(session, sender);
      transport.sendMessage(message, message.getAllRecipients());
      outbox.sent(mail.id());
    } catch (MessagingException | RuntimeException e) {
      outbox.failed(mail.id(), describe(e), Duration.ofSeconds(retryBaseSeconds), maxAttempts);
      LOG.log(
          Level.INFO,
          () -> "Mail " + mail.id() + " to " + mail.recipient() + " failed: " + describe(e));
    }
  }

  NotificationMail compose(OutboxMail mail) {
    Optional<Queue> queue;
    try {
      queue = Optional.of(queues.find(mail.queueId()));
    } catch (NotFound e) {
      queue = Optional.empty();
    }
    return new NotificationMail(
        mail.email(),
        queue.map(Queue::name).orElse(mail.queueId()),
        queue.map(Queue::zone).orElse(java.time.ZoneOffset.UTC),
        mail.createdAt(),
        link(mail.contactId()),
        mail.contactId());
  }

  /** Where the e-mail points: the console route of the contact, behind login. */
  public String link(String contactId) {
    return ConsoleLinks.contact(baseUrl, contactId);
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return e.getClass().getSimpleName()
        + ": "
        + e.getMessage()
        + (root == e
            ? ""
            : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
  }
}
