package io.contactdesk.setup.control;

import io.contactdesk.platform.ClusterLock;
import io.contactdesk.platform.Ids;
import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.SchemaReady;
import io.contactdesk.platform.StartupGuard;
import io.contactdesk.queues.control.Memberships;
import io.contactdesk.queues.control.Queues;
import io.contactdesk.queues.entity.Bot;
import io.contactdesk.queues.entity.BotAnswer;
import io.contactdesk.queues.entity.ContactForm;
import io.contactdesk.queues.entity.FieldType;
import io.contactdesk.queues.entity.FormField;
import io.contactdesk.queues.entity.ManualOverride;
import io.contactdesk.queues.entity.OfflineMode;
import io.contactdesk.queues.entity.OpeningSlot;
import io.contactdesk.queues.entity.Queue;
import io.contactdesk.queues.entity.QueueSettings;
import io.contactdesk.queues.entity.Translations;
import io.contactdesk.users.control.Users;
import io.contactdesk.users.entity.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * On an empty database: the {@code admin} user (password from {@code contactdesk.admin.password},
 * else a random one written once to the log) and, unless {@code contactdesk.demo=false}, the demo
 * queue {@code support}, closed, with a name/email/message form, so a newcomer sees the whole flow.
 *
 * <p>A feature of its own, above queues and users: the first start makes a user and a queue and
 * makes the one a member of the other, so it needs both, and neither should know of the other's
 * first-start data. Runs once the schema is ready and before any background work ({@link
 * io.contactdesk.platform.Startup}).
 */
@ApplicationScoped
public class FirstStart {

  private static final Logger LOG = Logger.getLogger(FirstStart.class.getName());
  private static final String ADMIN_PASSWORD_SETTING =
      StartupGuard.setting("contactdesk.admin.password");

  @Inject Users users;
  @Inject Queues queues;
  @Inject Memberships memberships;
  @Inject StartupGuard guard;
  @Inject ClusterLock lock;

  @Inject
  @ConfigProperty(name = "contactdesk.admin.password")
  java.util.Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = "contactdesk.demo", defaultValue = "true")
  boolean demo;

  @Transactional
  void seed(@Observes SchemaReady schemaReady) {
    // nodes started at once on an empty database: the first makes the data, the others wait for
    // its commit and then find the admin
    lock.holdUntilTransactionEnds("first start");
    if (users.exist()) {
      return;
    }
    String chosen = adminPassword.filter(p -> !p.isBlank()).orElse(null);
    String password = chosen == null ? Ids.random() : chosen;
    try {
      users.create(
          "admin", "Administrator", "admin@localhost.localdomain", password, Set.of(Role.ADMIN));
    } catch (InvalidInput refused) {
      // the operator chose this password: starting with another one would hide the mistake
      throw StartupGuard.cannotStart(
          ADMIN_PASSWORD_SETTING, refused.fields().getOrDefault("password", refused.getMessage()));
    }
    if (chosen == null) {
      guard.signInWith(
          "sign in as admin with the password "
              + password
              + " (made at this first start and shown only now; set CONTACTDESK_ADMIN_PASSWORD"
              + " before the first start to choose it)");
      LOG.info("Created the user admin; its password is on the ready line");
    } else {
      guard.signInWith("sign in as admin with the password set by " + ADMIN_PASSWORD_SETTING);
      LOG.info("Created the user admin with the password from " + ADMIN_PASSWORD_SETTING);
    }
    if (demo) {
      Queue support = queues.create(demoQueue());
      memberships.join(support.id(), "admin");
      LOG.info("Created the demo queue support: /widget/?queue=support");
    }
  }

  /** The demo queue: closed by hand, weekday hours, a name/email/message form and a small bot. */
  public static QueueSettings demoQueue() {
    List<OpeningSlot> weekdays =
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY).stream()
            .map(day -> OpeningSlot.parse(day, "08:00", "16:00"))
            .toList();
    ContactForm form =
        ContactForm.of(
            List.of(
                FormField.define(
                    "demo",
                    "name",
                    Map.of("en", "Name", "fi", "Nimi"),
                    FieldType.TEXT,
                    true,
                    100,
                    false,
                    null),
                FormField.define(
                    "demo",
                    "email",
                    Map.of("en", "Email", "fi", "Sähköposti"),
                    FieldType.EMAIL,
                    true,
                    null,
                    false,
                    null),
                FormField.define(
                    "demo",
                    "message",
                    Map.of("en", "Message", "fi", "Viesti"),
                    FieldType.TEXTAREA,
                    true,
                    2000,
                    false,
                    null)));
    Bot bot =
        new Bot(
            new Translations(
                Map.of(
                    "en",
                    "Hi! We're closed, but I can help with a few things.",
                    "fi",
                    "Hei! Olemme kiinni, mutta autan muutamassa asiassa.")),
            List.of(
                new BotAnswer(
                    List.of("opening hours", "open", "aukiolo", "auki"),
                    new Translations(
                        Map.of(
                            "en",
                            "We're open Monday to Friday, 8:00–16:00 (Helsinki time).",
                            "fi",
                            "Palvelemme maanantaista perjantaihin klo 8–16.")),
                    new Translations(
                        Map.of("en", "Opening hours", "fi", "Aukioloajat", "sv", "Öppettider"))),
                new BotAnswer(
                    List.of("invoice", "bill", "lasku"),
                    new Translations(
                        Map.of(
                            "en",
                            "Invoices are in your account under Billing.",
                            "fi",
                            "Laskut löydät tililtäsi kohdasta Laskutus.")),
                    new Translations(Map.of("en", "Invoices", "fi", "Laskut", "sv", "Fakturor")))));
    return new QueueSettings(
        "Support",
        ZoneId.of("Europe/Helsinki"),
        weekdays,
        List.of(),
        ManualOverride.CLOSED,
        OfflineMode.FORM,
        new Translations(
            Map.of(
                "en", "Leave us a message and we'll get back to you.",
                "fi", "Jätä meille viesti, niin palaamme asiaan.")),
        bot,
        form,
        List.of(),
        QueueSettings.DEFAULT_RETENTION_DAYS);
  }
}
