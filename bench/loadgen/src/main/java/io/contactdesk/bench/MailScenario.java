package io.contactdesk.bench;

import static io.contactdesk.bench.Machine.*;
import static io.contactdesk.bench.Report.*;
import static io.contactdesk.bench.Requests.*;
import static io.contactdesk.bench.Run.*;

import java.io.*;
import java.net.*;
import java.nio.file.*;
import java.sql.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.function.*;
import java.util.regex.*;

/**
 * Scenario 4: notification mail and a webhook with the SMTP server and the webhook receiver up,
 * then both stopped, then back.
 */
final class MailScenario {

  private MailScenario() {}

  static void run() throws Exception {
    int seconds = opt("mail-seconds", 10);
    int rate = opt("mail-rate", 100);
    MailSink smtp = new MailSink(freePort());
    smtp.up();
    cleanups.add(smtp::down);
    WebhookSink hooks = new WebhookSink(freePort());
    hooks.up();
    cleanups.add(hooks::down);
    App app =
        App.start(
            "mail",
            Map.of(
                "CONTACTDESK_MAIL_HOST", "127.0.0.1",
                "CONTACTDESK_MAIL_PORT", String.valueOf(smtp.port),
                "CONTACTDESK_MAIL_POLL_SECONDS", "1",
                "CONTACTDESK_MAIL_RETRY_BASE_SECONDS", "1",
                "CONTACTDESK_WEBHOOKS_ALLOW_HTTP", "true",
                "CONTACTDESK_WEBHOOKS_ALLOW_PRIVATE", "true",
                "CONTACTDESK_WEBHOOKS_POLL_SECONDS", "1",
                "CONTACTDESK_WEBHOOKS_RETRY_BASE_SECONDS", "1"));
    section(
        "4. Mail and webhooks: "
            + rate
            + " submissions/s for "
            + seconds
            + " s with SMTP and the webhook receiver up, then the same with both stopped");
    List<String> recipients = List.of("mailagent1", "mailagent2");
    try (Http http = new Http(app.port)) {
      String admin = basic("admin", ADMIN_PASSWORD);
      expect(
          http.send(
              jsonReq(
                  "POST",
                  "/api/admin/webhooks",
                  admin,
                  "{\"url\":\"" + hooks.url() + "\",\"events\":[\"contact.registered\"]}")),
          201);
      for (String u : recipients) {
        expect(
            http.send(
                jsonReq(
                    "POST",
                    "/api/admin/users",
                    admin,
                    "{\"username\":\""
                        + u
                        + "\",\"displayName\":\""
                        + u
                        + "\",\"email\":\""
                        + u
                        + "@example.com\",\"password\":\"mail-agent-password\",\"roles\":[\"agent\"]}")),
            201);
        expect(
            http.send(
                new Req("PUT", "/api/admin/queues/support/members/" + u, List.of(admin), null)),
            204);
        expect(
            http.send(
                jsonReq(
                    "PUT",
                    "/api/me/settings",
                    basic(u, "mail-agent-password"),
                    "{\"notifications\":{\"registeredContacts\":{\"sound\":false,\"desktop\":false,\"email\":true}}}")),
            200);
      }
    }
    // warm-up with SMTP up, not measured: otherwise the first run pays for the JIT
    Set<String> warmIds = ConcurrentHashMap.newKeySet();
    Load.paced(
        app.port,
        8,
        opt("mail-warmup", 20),
        rate,
        i -> contactReq("/api/public/queues/support/contacts", 200_000 + i),
        201,
        warmIds);
    long warm0 = System.nanoTime();
    while ((smtp.count() < warmIds.size() * recipients.size() || hooks.count() < warmIds.size())
        && System.nanoTime() - warm0 < 60e9) {
      Thread.sleep(200);
    }
    Set<String> upIds = ConcurrentHashMap.newKeySet();
    upIds.addAll(warmIds);
    int warmMails = smtp.count();
    Load.Result up =
        Load.paced(
            app.port,
            8,
            seconds,
            rate,
            i -> contactReq("/api/public/queues/support/contacts", i),
            201,
            upIds);
    long w0 = System.nanoTime();
    while ((smtp.count() < upIds.size() * recipients.size() || hooks.count() < upIds.size())
        && System.nanoTime() - w0 < 60e9) {
      Thread.sleep(200);
    }
    double upDrain = (System.nanoTime() - w0) / 1e9;
    smtp.down();
    hooks.down();
    int mailsBefore = smtp.count();
    int hooksBefore = hooks.count();
    long downAt = System.nanoTime();
    Set<String> downIds = ConcurrentHashMap.newKeySet();
    Load.Result down =
        Load.paced(
            app.port,
            8,
            seconds,
            rate,
            i -> contactReq("/api/public/queues/support/contacts", 100_000 + i),
            201,
            downIds);
    Thread.sleep(5000);
    int beforeReturn = smtp.count() - mailsBefore;
    int hooksBeforeReturn = hooks.count() - hooksBefore;
    smtp.up();
    hooks.up();
    double outage = (System.nanoTime() - downAt) / 1e9;
    long r0 = System.nanoTime();
    int want = (upIds.size() + downIds.size()) * recipients.size();
    int contacts = upIds.size() + downIds.size();
    while ((smtp.count() < want || hooks.count() < contacts) && System.nanoTime() - r0 < 150e9) {
      Thread.sleep(250);
    }
    double drain = (System.nanoTime() - r0) / 1e9;
    Thread.sleep(3000); // anything sent twice would show up now
    Map<String, Integer> perPair = smtp.perPair();
    int missing = 0;
    int twice = 0;
    for (String id : concat(upIds, downIds)) {
      for (String r : recipients) {
        int n = perPair.getOrDefault(id + " " + r + "@example.com", 0);
        if (n == 0) {
          missing++;
        } else if (n > 1) {
          twice++;
        }
      }
    }
    Map<String, Integer> perContact = hooks.perContact();
    int hooksMissing = 0;
    int hooksTwice = 0;
    for (String id : concat(upIds, downIds)) {
      int n = perContact.getOrDefault(id, 0);
      if (n == 0) {
        hooksMissing++;
      } else if (n > 1) {
        hooksTwice++;
      }
    }
    line("");
    line("| run | submissions | req/s | p50 ms | p99 ms | errors |");
    line("|---|---:|---:|---:|---:|---:|");
    line(
        String.format(
            Locale.ROOT,
            "| SMTP and receiver up | %d | %,.0f | %.2f | %.2f | %d |",
            up.count(),
            up.rate(),
            up.p(50),
            up.p(99),
            up.errors()));
    line(
        String.format(
            Locale.ROOT,
            "| both stopped | %d | %,.0f | %.2f | %.2f | %d |",
            down.count(),
            down.rate(),
            down.p(50),
            down.p(99),
            down.errors()));
    line("");
    line(
        String.format(
            Locale.ROOT,
            "p99 with both stopped / up: %.0f %%. SMTP and the receiver were down %.0f s; mails received while down: %d, webhook deliveries: %d."
                + " Mails expected %d (%d contacts × %d agents, %d of the mails from the %d s warm-up before the up run): received %d, missing %d, more than once %d; all mails and deliveries in %.1f s after both returned"
                + " (the up run drained in %.1f s).",
            100 * down.p(99) / up.p(99),
            outage,
            beforeReturn,
            hooksBeforeReturn,
            want,
            upIds.size() + downIds.size(),
            recipients.size(),
            warmMails,
            opt("mail-warmup", 20),
            smtp.count(),
            missing,
            twice,
            drain,
            upDrain));
    line(
        String.format(
            Locale.ROOT,
            "Webhook deliveries (`contact.registered`, one webhook) expected %d: answered %d, contacts"
                + " missing %d, told more than once %d, a `webhook-id` answered more than once %d.",
            contacts,
            hooks.count(),
            hooksMissing,
            hooksTwice,
            hooks.repeatedIds()));
    app.stop();
    smtp.down();
  }

  static <T> List<T> concat(Collection<T> a, Collection<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
