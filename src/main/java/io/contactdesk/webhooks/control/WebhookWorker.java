package io.contactdesk.webhooks.control;

import io.contactdesk.platform.AppStarted;
import io.contactdesk.platform.DurableCommit;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.RetryPolicy;
import io.contactdesk.platform.Rounds;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends what the webhooks' outbox owes, on the container's managed executor: every {@code
 * contactdesk.webhooks.poll-seconds}, and soon after a change that owes deliveries. A round claims
 * up to {@value #BATCH} due deliveries for this node ({@link WebhookOutbox#claim}), waits until
 * what is committed is on disk ({@link DurableCommit}: no receiver hears of a contact that a crash
 * could still take back), counts each attempt, asks the SSRF guard about its target after resolving
 * it, and then sends them all at once, each a signed JSON POST with a 10 s timeout that follows no
 * redirect. A 2xx is delivered; anything else is retried as the {@link RetryPolicy} says ({@code
 * contactdesk.webhooks.retry-base-seconds}) and given up after {@code
 * contactdesk.webhooks.max-attempts}. Sending a round's deliveries side by side keeps one receiver
 * that hangs from holding up the others: a round lasts about one timeout at most.
 */
@ApplicationScoped
public class WebhookWorker {

  private static final Logger LOG = Logger.getLogger(WebhookWorker.class.getName());
  static final int BATCH = 20;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final long ROUND_GAP_MILLIS = 50;
  private static final Duration KEEP_FINISHED = Duration.ofDays(30);
  private static final String USER_AGENT = "ContactDesk-Webhooks/1";

  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService executor;
  @Resource ManagedThreadFactory threads;
  @Inject DurableCommit durableCommit;
  @Inject WebhookOutbox outbox;
  @Inject TargetGuard guard;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "contactdesk.webhooks.max-attempts", defaultValue = "12")
  int maxAttempts;

  @Inject
  @ConfigProperty(name = "contactdesk.webhooks.retry-base-seconds", defaultValue = "30")
  int retryBaseSeconds;

  @Inject
  @ConfigProperty(name = "contactdesk.webhooks.poll-seconds", defaultValue = "10")
  int pollSeconds;

  // longer than one attempt can take (10 s to connect, 10 s for the answer): while it runs, the
  // delivery is this node's; after it, another node may send it again
  @Inject
  @ConfigProperty(name = "contactdesk.webhooks.lease-seconds", defaultValue = "60")
  int leaseSeconds;

  RetryPolicy retry;
  Duration lease;
  HttpClient http;
  private ExecutorService httpThreads;

  /** Who claims deliveries: this process, unlike any other. */
  final String node = Ids.random().substring(0, 12);

  // set when the app has started, read by the request threads that nudge
  private volatile Rounds rounds;
  private Instant lastForget = Instant.EPOCH;

  @PostConstruct
  void configure() {
    retry = new RetryPolicy(Duration.ofSeconds(retryBaseSeconds), maxAttempts);
    lease = Duration.ofSeconds(leaseSeconds);
    // the client's work runs on threads of the container's factory, not on the managed executor
    // this round runs on (one thread on Payara Micro), which it would wait for
    httpThreads =
        threads == null ? Executors.newCachedThreadPool() : Executors.newCachedThreadPool(threads);
    http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .executor(httpThreads)
            .build();
  }

  void start(@Observes AppStarted started) {
    LOG.info("Webhook deliveries of this node are claimed as " + node);
    rounds =
        new Rounds(
            "Webhook outbox",
            scheduler,
            executor,
            this::round,
            Duration.ofMillis(ROUND_GAP_MILLIS));
    rounds.poll(Duration.ofSeconds(pollSeconds), Duration.ofSeconds(pollSeconds));
  }

  /** Asks for a round soon; nudges while one is asked for are one ask. */
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
    if (httpThreads != null) {
      httpThreads.shutdownNow();
    }
  }

  /** Sends everything due, a batch at a time. */
  void round() {
    try {
      List<String> claimed = outbox.claim(node, BATCH, lease);
      while (!claimed.isEmpty()) {
        durableCommit.await();
        send(claimed);
        claimed = claimed.size() == BATCH ? outbox.claim(node, BATCH, lease) : List.of();
      }
      forgetOldDeliveries();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Webhook round failed; the next one tries again", e);
    }
  }

  /** What one attempt came to: the status of the answer, or why there was none. */
  private record Outcome(WebhookOutbox.Attempt attempt, Integer status, Throwable failure) {}

  private void send(List<String> claimed) {
    List<CompletableFuture<Outcome>> sending = new ArrayList<>();
    for (String id : claimed) {
      WebhookOutbox.Attempt attempt = outbox.startAttempt(id, node, lease);
      if (attempt == null) {
        continue;
      }
      URI uri = URI.create(attempt.url());
      String refusal = guard.refusalBeforeConnecting(uri);
      if (refusal != null) {
        outbox.failed(id, null, refusal, retry);
        continue;
      }
      sending.add(
          post(uri, attempt).handle((status, failure) -> new Outcome(attempt, status, failure)));
    }
    // the outcomes are written here, on the round's thread, one transaction each
    for (CompletableFuture<Outcome> one : sending) {
      try {
        record(one.get(TIMEOUT.multipliedBy(3).toSeconds(), TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        // no outcome: the delivery stays claimed until its lease runs out, then is sent again
        LOG.log(Level.WARNING, "A webhook attempt ended without an outcome", e);
      }
    }
  }

  private CompletableFuture<Integer> post(URI uri, WebhookOutbox.Attempt attempt) {
    try {
      String body = attempt.delivery().payload();
      long timestamp = clock.instant().getEpochSecond();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .header("User-Agent", USER_AGENT)
              .header("webhook-id", attempt.delivery().id())
              .header("webhook-timestamp", Long.toString(timestamp))
              .header(
                  "webhook-signature",
                  WebhookSigner.signature(
                      attempt.secret(), attempt.delivery().id(), timestamp, body))
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      // only the status counts: the answer's body is not read, so a receiver cannot hold the
      // attempt open by streaming one
      return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
          .thenApply(
              response -> {
                try (InputStream ignored = response.body()) {
                  return response.statusCode();
                } catch (IOException e) {
                  return response.statusCode();
                }
              });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void record(Outcome outcome) {
    String id = outcome.attempt().delivery().id();
    Integer status = outcome.status();
    Throwable failure = outcome.failure();
    try {
      if (failure == null && status >= 200 && status < 300) {
        outbox.delivered(id, status);
      } else if (failure == null) {
        outbox.failed(id, status, "the receiver answered " + status, retry);
      } else {
        outbox.failed(id, null, describe(failure), retry);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not record the outcome of webhook delivery " + id, e);
    }
  }

  private void forgetOldDeliveries() {
    Instant now = clock.instant();
    if (Duration.between(lastForget, now).toHours() >= 1) {
      lastForget = now;
      outbox.forgetFinishedBefore(now.minus(KEEP_FINISHED));
    }
  }

  static String describe(Throwable failure) {
    Throwable e =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + TIMEOUT.toSeconds() + " s (" + e.getMessage() + ")";
    }
    if (e instanceof ConnectException) {
      return "could not connect: "
          + (e.getMessage() == null ? "connection refused" : e.getMessage());
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
