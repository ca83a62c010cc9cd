package io.contactdesk.web;

import static io.contactdesk.testkit.Fixtures.CONTACT_FORM;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.SharedContactDesk;
import io.contactdesk.testkit.User;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;

/**
 * Takes the screenshots that README shows, with tidy demo data, into {@code docs/screenshots}. Not
 * part of the suite (the name matches no test pattern); run it on purpose, best on an empty test
 * database so the admin's queue list holds only these queues:
 *
 * <pre>
 * rm -rf target/it-data/h2 &amp;&amp; mvn -B verify -Dit.test=DocScreenshots -DskipPostgresITs \
 *     -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@ExtendWith(Browser.Available.class)
@ExtendWith(SharedContactDesk.class)
class DocScreenshots {

  private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

  @RegisterExtension final Browser.Session browsers = new Browser.Session();

  // the suite's SMTP port, so that "Who was told" shows the mails as sent
  private static GreenMail smtp;

  @BeforeAll
  static void startSmtp() {
    smtp =
        new GreenMail(
            new ServerSetup(
                Integer.getInteger("contactdesk.it.smtp-port"),
                "127.0.0.1",
                ServerSetup.PROTOCOL_SMTP));
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  private Path dir = Path.of(System.getProperty("contactdesk.screenshots", "docs/screenshots"));

  @Test
  void screens() throws URISyntaxException, InterruptedException {
    ContactDesk api = ContactDesk.at(SharedContactDesk.base());
    browsers.base(api.base());
    Backstage backstage = new Backstage(api);

    // Weekdays 08–16 and Saturday 10–14 in Helsinki, closed today by a one-time exception, so the
    // chat window is closed and knows when it opens next.
    String schedule =
        """
        "override":"SCHEDULE","openingHours":[
          {"day":"MONDAY","from":"08:00","to":"16:00"},{"day":"TUESDAY","from":"08:00","to":"16:00"},
          {"day":"WEDNESDAY","from":"08:00","to":"16:00"},{"day":"THURSDAY","from":"08:00","to":"16:00"},
          {"day":"FRIDAY","from":"08:00","to":"16:00"},{"day":"SATURDAY","from":"10:00","to":"14:00"}],
        "exceptions":[{"date":"%s","annual":false,"closed":true}]"""
            .formatted(LocalDate.now(HELSINKI));
    String support =
        backstage.queue(
            "Northwind Support",
            "Europe/Helsinki",
            schedule,
            Backstage.formMode(
                "We're away right now. Leave us a message and we'll get back to you."),
            CONTACT_FORM);
    String billing =
        backstage.queue(
            "Northwind Billing",
            "Europe/Helsinki",
            schedule,
            """
            {"mode":"MESSAGE","message":{"en":"Billing is closed right now. For power outages call 0800 123 456 (24 h); for anything else, see the hours below or write to billing@northwind.example."}}""",
            CONTACT_FORM);
    String bot =
        backstage.queue(
            "Northwind Assistant",
            "Europe/Helsinki",
            schedule,
            """
            {"mode":"BOT","message":{"en":"We're closed."},
             "bot":{"greeting":{"en":"Hi! Our team is away, but I can help with a few things. Pick a topic or type a question."},
                    "answers":[{"keywords":["invoice","bill"],"label":{"en":"Invoices","fi":"Laskut","sv":"Fakturor"},"reply":{"en":"Your invoices are in My Northwind under Billing. An invoice is due 14 days after its date."}},
                               {"keywords":["moving","move"],"label":{"en":"Moving","fi":"Muutto","sv":"Flytt"},"reply":{"en":"Moving? Tell us your new address two weeks before you move, in My Northwind under Contract."}},
                               {"keywords":["outage","power cut"],"label":{"en":"Power cuts","fi":"Sähkökatkot","sv":"Strömavbrott"},"reply":{"en":"See the outage map at northwind.example/outages, or call 0800 123 456 (24 h)."}}]}}""",
            CONTACT_FORM);
    User mia = backstage.agentNamed("mia", "Mia Virtanen", support, billing, bot);
    backstage.member(support, "admin");

    // a few contacts and some work on them
    String first =
        backstage.submit(
            support,
            "Aino Korhonen",
            "aino.korhonen@example.com",
            "Hi! My October invoice was charged twice from my card. Could you refund the second charge?\nCustomer number 10042.");
    String second =
        backstage.submit(
            support,
            "Lars Nyström",
            "lars@example.se",
            "We are moving on 1 December. Please move our contract to Storgatan 4, Vaasa.");
    backstage.comment(
        first, "Checked the payments: two charges on 3 Nov. Refund requested.", "IN_PROGRESS", mia);
    backstage.submit(
        support,
        "Pekka Mäkinen",
        "pekka.makinen@example.com",
        "Is there a cheaper contract for a summer cottage? Please call me, +358 40 123 4567.");
    backstage.comment(second, "New address saved, confirmation sent.", "DONE", mia);
    backstage.submit(
        billing,
        "Aino Korhonen",
        "aino.korhonen@example.com",
        "Can I get the refund to my bank account instead of the card?");
    backstage.submit(
        billing,
        "Juha Lehtonen",
        "juha.lehtonen@example.com",
        "Please send my invoices by e-mail from now on.");

    // the console
    Browser agent = browsers.laptop();
    agent.open("");
    agent.find("login-username");
    agent.saveScreenshot(dir.resolve("console-login.png"));
    agent.signIn(mia.username(), mia.password());
    agent.open("#/queues/" + support);
    agent.until(d -> agent.all("log-row").size() >= 5, "the log");
    agent
        .find(
            By.cssSelector(
                "[data-testid='log-row'][data-type='CONTACT_REGISTERED'] [data-testid='log-view-content']"))
        .click();
    agent.find("contact-answer");
    agent.type("comment-text", "I'll call back this afternoon.");
    new Select(agent.find("comment-status")).selectByValue("IN_PROGRESS");
    new Select(agent.find("comment-handler")).selectByValue(mia.username());
    agent.click("comment-submit");
    agent.textContains("contact-comments", "I'll call back");
    agent.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    Thread.sleep(300);
    agent.saveScreenshot(dir.resolve("console-log-contact.png"));

    agent.click("nav-settings");
    agent.find("settings-switches");
    agent.find(By.cssSelector("label[for='setting-sound']")).click();
    agent.textContains("settings-status", "Saved");
    agent.find(By.cssSelector("label[for='setting-desktop']")).click();
    agent.textContains("settings-status", "Saved: Desktop");
    agent.saveScreenshot(dir.resolve("console-settings.png"));

    agent.open(
        "#/stats/"
            + support
            + "?grain=hour&from="
            + LocalDate.now(HELSINKI).minusDays(1)
            + "&to="
            + LocalDate.now(HELSINKI));
    agent.find("stats-answer-row");
    agent.find("stats-bucket-row");
    Thread.sleep(300);
    agent.saveScreenshot(dir.resolve("console-statistics.png"));

    // the same console in Finnish, chosen in Settings
    agent.open("#/settings");
    new Select(agent.find("settings-language")).selectByValue("fi");
    agent.until(d -> "Asetukset".equals(agent.text("nav-settings")), "the console in Finnish");
    agent.open("#/stats/" + support);
    agent.find("stats-bucket-row");
    agent.find("stats-answer-row");
    Thread.sleep(300);
    agent.saveScreenshot(dir.resolve("console-statistics-fi.png"));

    Browser admin = browsers.laptop();
    admin.open("#/admin/queues/" + support);
    admin.signIn(User.ADMIN.username(), User.ADMIN_PASSWORD);
    admin.find("admin-week-grid");
    Thread.sleep(300);
    admin.saveScreenshot(dir.resolve("console-admin-queue.png"));

    // the chat window at phone width
    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + support + "&lang=en");
    visitor.type("widget-field-name", "Emma Lindqvist");
    visitor.type("widget-field-email", "emma@example");
    visitor.type(
        "widget-field-message", "Hello! Can I get my invoices by e-mail instead of paper?");
    visitor.click("widget-submit"); // errors show from the first attempt on
    visitor.textContains("widget-error-email", "Please enter");
    visitor.script("window.scrollTo(0, 0)");
    visitor.saveScreenshot(dir.resolve("widget-form.png"));
    visitor.type("widget-field-email", "emma@example.com");
    visitor.click("widget-submit");
    visitor.find("widget-reference");
    visitor.saveScreenshot(dir.resolve("widget-thanks.png"));

    visitor.open("widget/?queue=" + billing + "&lang=en");
    visitor.find("widget-hours");
    visitor.saveScreenshot(dir.resolve("widget-message.png"));

    visitor.open("widget/?queue=" + bot + "&lang=en");
    visitor.find(By.xpath("//*[@data-testid='bot-topic'][normalize-space()='Invoices']")).click();
    visitor.textContains("bot-log", "An invoice is due");
    visitor.click("bot-leave-message");
    visitor.textContains("bot-log", "Name");
    WebElement input = visitor.find("bot-input");
    input.sendKeys("Emma Lindqvist", Keys.ENTER);
    visitor.until(
        d -> visitor.all("bot-bubble").stream().anyMatch(b -> b.getText().contains("Email")),
        "the e-mail question");
    Thread.sleep(400);
    visitor.saveScreenshot(dir.resolve("widget-bot.png"));

    // Follow-up: support open now and chasing after one open minute; Mia wants e-mail. A contact
    // nobody answers becomes overdue; its page says who was told, by e-mail and live.
    JsonObject config = backstage.queueConfig(support);
    backstage.replaceQueue(
        support,
        Json.createObjectBuilder(config)
            .add("override", "OPEN")
            .add(
                "escalation",
                Json.createObjectBuilder()
                    .add("afterOpenMinutes", 1)
                    .add("notify", Json.createArrayBuilder().add(mia.username())))
            .build());
    backstage.notificationSettings(mia, true, true, true);
    agent.open("#/settings");
    new Select(agent.find("settings-language")).selectByValue("en");
    agent.until(d -> "Settings".equals(agent.text("nav-settings")), "the console in English");
    agent.open("#/queues/" + support);
    agent.waitUntilLive();
    String waiting =
        backstage.submit(
            support,
            "Sofia Berg",
            "sofia.berg@example.com",
            "My meter reading for November is 48 211 kWh. The web form gave an error.");
    // read off the list, which logs no view (the contact itself would log one each time)
    new FluentWait<>(agent)
        .withTimeout(Duration.ofSeconds(150))
        .pollingEvery(Duration.ofSeconds(2))
        .until(
            b ->
                api.contacts("overdue=true&queue=" + support, mia)
                    .getJsonArray("contacts")
                    .toString()
                    .contains(waiting));
    agent.open("#/contacts?queue=" + support);
    agent.until(d -> !agent.all("overdue-mark").isEmpty(), "the overdue mark");
    agent.script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
    Thread.sleep(300);
    agent.saveScreenshot(dir.resolve("console-contacts.png"));

    agent.open("#/contacts/" + waiting);
    agent.textContains("contact-who-was-told", "Mia Virtanen");
    agent.script(
        "document.activeElement && document.activeElement.blur();"
            + " arguments[0].scrollIntoView({block: 'end'})",
        agent.find("contact-who-was-told"));
    Thread.sleep(300);
    agent.saveScreenshot(dir.resolve("console-contact-who-was-told.png"));
  }
}
