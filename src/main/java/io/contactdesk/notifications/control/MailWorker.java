package io.contactdesk.notifications.control;

import io.contactdesk.notifications.entity.OutboxMail;
import io.contactdesk.platform.AppStarted;
import io.contactdesk.platform.ConsoleLinks;
import io.contactdesk.platform.DurableCommit;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InTransaction;
import io.contactdesk.platform.NotFound;
import io.contactdesk.platform.RetryPolicy;
import io.contactdesk.platform.Rounds;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.queues.entity.Queue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends what the outbox owes, on the container's managed executor: every {@code
 * contactdesk.mail.poll-seconds}, and soon after a new contact. A round claims a batch of due mails
 * for this node for {@code contactdesk.mail.lease-seconds} (other nodes skip them); each mail is
 * marked as being sent (committed) before SMTP is spoken to and marked sent after, so a retry never
 * repeats a delivered mail; a failure is retried as the {@link RetryPolicy} says and given up after
 * {@code contactdesk.mail.max-attempts}, visible at {@code GET /api/admin/mail}. The rules of a
 * claim are {@link OutboxMail}'s.
 */
@ApplicationScoped
public class MailWorker {

  private static final Logger LOG = Logger.getLogger(MailWorker.class.getName());
  static final int BATCH = 50;
  private static final long ROUND_GAP_MILLIS = 50;

  // The scheduler only keeps time; a round, which may wait for SMTP, runs on the executor, so it
  // never holds up the prompt work on the scheduler (the live streams' checks and dispatch).
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Inject DurableCommit durableCommit;
  @Inject MailOutbox outbox;
  @Inject MailSessions sessions;
  @Inject Queues queues;
  @Inject InTransaction tx;

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

  // longer than any one attempt can take (SMTP timeouts are 10 s): while it runs, the mail is this
  // node's; after it, a node that died holding it has lost it
  @Inject
  @ConfigProperty(name = "contactdesk.mail.lease-seconds", defaultValue = "60")
  int leaseSeconds;

  RetryPolicy retry;
  Duration lease;

  /** Who claims mail in the outbox: this process, unlike any other, before or after it. */
  final String node = Ids.random().substring(0, 12);

  // One round at a time (two would race for the same due mails), asked for by polls and nudges;
  // set when the app has started, read by the request threads that nudge.
  private volatile Rounds rounds;

  @PostConstruct
  void configure() {
    retry = new RetryPolicy(Duration.ofSeconds(retryBaseSeconds), maxAttempts);
    lease = Duration.ofSeconds(leaseSeconds);
  }

  void start(@Observes AppStarted started) {
    LOG.info("Mail outbox claims of this node are " + node);
    rounds =
        new Rounds(
            "Mail outbox", scheduler, executor, this::round, Duration.ofMillis(ROUND_GAP_MILLIS));
    rounds.poll(Duration.ofSeconds(pollSeconds), Duration.ofSeconds(pollSeconds));
  }

  /**
   * Asks for a round soon, without waiting for the next poll. Under load every commit nudges: the
   * round starts {@value #ROUND_GAP_MILLIS} ms after the first nudge, so the nudges of many
   * contacts share one round, and 50 ms is soon enough for an e-mail.
   */
  public void nudge() {
    if (rounds != null) { // null until the app has started (and in tests that run the rounds)
      rounds.nudge();
    }
  }

  @PreDestroy
  void stop() {
    if (rounds != null) {
      rounds.stop();
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
    int abandoned = outbox.abandonStalled();
    if (abandoned > 0) {
      LOG.warning(
          abandoned
              + " mails were caught mid-send by a stop of the node sending them; marked failed, not"
              + " resent");
    }
    List<String> claimed = outbox.claim(node, BATCH, lease);
    if (claimed.isEmpty()) {
      return;
    }
    // One connection a round, of the protocol Transport.send would pick for an e-mail address. A
    // server that cannot be reached costs each claimed mail one attempt, all in one transaction.
    try (Transport transport = session.getTransport(sender)) {
      try {
        transport.connect();
      } catch (MessagingException e) {
        outbox.unreachable(node, claimed, describe(e), retry);
        LOG.log(Level.INFO, () -> "Mail server unreachable; " + describe(e));
        return;
      }
      while (!claimed.isEmpty()) {
        for (int i = 0; i < claimed.size(); i++) {
          OutboxMail mail = outbox.startSending(claimed.get(i), node, lease);
          if (mail == null) {
            continue;
          }
          // a mail found SENDING past its lease is given up: that mark must be on disk first
          durableCommit.await();
          send(transport, session, sender, mail);
          if (!transport.isConnected()) {
            // the rest is given back untouched, for the next round of any node
            outbox.release(node, claimed.subList(i + 1, claimed.size()));
            return;
          }
        }
        claimed = claimed.size() == BATCH ? outbox.claim(node, BATCH, lease) : List.of();
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
      outbox.failed(mail.id(), describe(e), retry);
      LOG.log(
          Level.INFO,
          () -> "Mail " + mail.id() + " to " + mail.recipient() + " failed: " + describe(e));
    }
  }

  NotificationMail compose(OutboxMail mail) {
    Optional<Queue> queue;
    try {
      queue = Optional.of(tx.get(() -> queues.find(mail.queueId())));
    } catch (NotFound e) {
      queue = Optional.empty();
    }
    return new NotificationMail(
        mail.kind(),
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
