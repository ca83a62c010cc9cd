package io.contactdesk.web;

import static io.contactdesk.testkit.Fixtures.CONTACT_FORM;
import static io.contactdesk.web.Backstage.formMode;
import static io.contactdesk.web.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

import io.contactdesk.testkit.ContactDesk;
import io.contactdesk.testkit.Fixtures;
import io.contactdesk.testkit.SharedContactDesk;
import io.contactdesk.testkit.User;
import io.contactdesk.testkit.WebhookReceiver;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web front-end in a real browser (headless Chromium) against the real WAR on Payara Micro: a
 * visitor in the chat window, agents in the console, each in a browser of their own. One deployment
 * for every test; each test makes its own queues and users.
 *
 * <p>The screenshots in README come from {@link DocScreenshots}, which is run on its own.
 */
@ExtendWith(Browser.Available.class)
@ExtendWith(SharedContactDesk.class)
class BrowserStoryIT {

  /**
   * A customer's page on the customer's own origin ({@link ForeignSite}) that embeds the chat
   * window of the queue in its address, with a prefill attribute written in mixed case (HTML
   * lower-cases it; the field is customerNo). {@code lang} is the page's language; on an English
   * page the script also says {@code data-lang="en"}.
   */
  static String hostPage(String lang, String embedScript) {
    return """
        <!doctype html>
        <html lang="%s"><head><meta charset="utf-8"><title>A customer's page</title></head>
        <body><h1>A customer's page</h1>
        <p><a href="#offers" data-testid="host-link">Our offers</a></p>
        <script>
          const q = new URLSearchParams(location.search);
          const s = document.createElement('script');
          s.src = '%s';
          s.setAttribute('data-queue', q.get('queue'));
          if (document.documentElement.lang === 'en') s.setAttribute('data-lang', 'en');
          s.setAttribute('data-prefill-CustomerNo', 'C-10042');
          if (q.has('tall')) document.body.style.minHeight = '3000px'; // the page scrolls
          document.body.append(s);
        </script>
        </body></html>
        """
        .formatted(lang, embedScript);
  }

  URL deployment;

  @RegisterExtension final Browser.Session browsers = new Browser.Session();

  Backstage backstage;

  @BeforeEach
  void connect() throws MalformedURLException {
    ContactDesk api = ContactDesk.at(SharedContactDesk.base());
    deployment = api.base().toURL();
    browsers.base(api.base());
    backstage = new Backstage(api);
  }

  /** A customer's site with {@link #hostPage}, closed after the test. */
  private ForeignSite customerSite(String lang) {
    return browsers.closing(new ForeignSite(hostPage(lang, deployment + "widget/embed.js")));
  }

  /** A closed queue whose chat window the site may embed. */
  private String embeddedQueue(ForeignSite site, String name, String offline, String fields) {
    String schedule =
        "\"override\":\"CLOSED\",\"openingHours\":[],\"allowedOrigins\":[\"%s\"]"
            .formatted(site.origin());
    return backstage.queue(name, schedule, offline, fields);
  }

  // ---- the whole story

  @Test
  void a_message_left_in_the_chat_window_reaches_an_agent_who_comments_and_the_export_shows_it() {
    String queueName = Fixtures.unique("Support");
    String queue =
        backstage.queue(
            queueName, formMode("Leave us a message and we'll call you."), CONTACT_FORM);
    User mia = backstage.agent("Mia Virtanen", queue);
    backstage.notificationSettings(mia, true, true, false);

    Browser agent = browsers.laptop();
    agent.open("");
    agent.signIn(mia.username(), mia.password());
    agent.find("nav-queue-" + queue);
    agent.waitUntilLive();
    assertThat(agent.hash()).isEqualTo("#/queues/" + queue);

    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");
    assertThat(visitor.text("widget-title")).isEqualTo(queueName);
    assertThat(visitor.text("widget-state")).startsWith("Closed");
    assertThat(visitor.text("widget-message")).isEqualTo("Leave us a message and we'll call you.");
    visitor.type("widget-field-name", "Oskari Visitor");
    visitor.type("widget-field-email", "oskari@example.com");
    visitor.type("widget-field-message", "My invoice was charged twice.\nPlease call me.");
    visitor.click("widget-submit");
    visitor.textContains("widget-thanks", "Thanks, we got your message.");
    String reference = visitor.text("widget-reference");
    assertThat(reference).matches("[0-9A-Z]{3}-[0-9A-Z]{4}");
    String contactId = backstage.row(queue, reference).getString("contactId");

    // the agent hears about it: a toast, the bell, a desktop notification and a sound
    WebElement toast =
        agent.find(By.cssSelector("[data-testid='toast'][data-contact-id='" + contactId + "']"));
    assertThat(toast.getText()).contains("New contact in " + queueName);
    assertThat(agent.text("bell-count")).isEqualTo("1");
    agent.until(d -> !agent.spied("notifications").isEmpty(), "a desktop notification");
    assertThat(agent.spied("notifications"))
        .singleElement()
        .satisfies(
            n -> assertThat(((Map<?, ?>) n).get("title")).isEqualTo("New contact in " + queueName));
    agent.until(d -> ((Number) agent.spy().get("tones")).intValue() >= 2, "the two-tone sound");

    // ... opens it from the log with "View content"
    By viewContent =
        By.cssSelector(
            "[data-testid='log-row'][data-type='CONTACT_REGISTERED'][data-contact-id='"
                + contactId
                + "'] [data-testid='log-view-content']");
    agent.find(viewContent).click();
    agent.textContains("contact-reference", reference);
    assertThat(answer(agent, "name")).isEqualTo("Oskari Visitor");
    assertThat(answer(agent, "message"))
        .isEqualTo("My invoice was charged twice.\nPlease call me.");
    assertThat(agent.find("contact-status").getAttribute("data-status")).isEqualTo("NEW");
    agent.until(
        d -> "0".equals(d.findElement(testid("bell-count")).getAttribute("textContent")),
        "the bell back at 0");
    assertThat(agent.all("toast")).as("the toast of an opened contact").isEmpty();

    // ... and takes it: a comment, status in progress, handler herself
    agent.type("comment-text", "I'll call back");
    new Select(agent.find("comment-status")).selectByValue("IN_PROGRESS");
    new Select(agent.find("comment-handler")).selectByValue(mia.username());
    agent.click("comment-submit");
    agent.find(By.cssSelector("[data-testid='contact-status'][data-status='IN_PROGRESS']"));
    assertThat(agent.find("contact-handler").getAttribute("data-handler"))
        .isEqualTo(mia.username());
    assertThat(agent.textContains("contact-comments", "I'll call back")).contains("In progress");
    agent.find(
        By.cssSelector(
            "[data-testid='log-row'][data-type='COMMENT_ADDED'][data-contact-id='"
                + contactId
                + "']"));

    // the export says so: the answers over the API and the statistics page's table
    JsonObject row =
        backstage.answers(queue, mia).stream()
            .map(JsonValue::asJsonObject)
            .filter(r -> contactId.equals(r.getString("contactId")))
            .findFirst()
            .orElseThrow();
    assertThat(row.getString("status")).isEqualTo("IN_PROGRESS");
    assertThat(row.getString("handler")).isEqualTo(mia.username());
    agent.click("queue-stats-link");
    String tableRow = agent.textContains("stats-answer-row", reference);
    assertThat(tableRow).contains("In progress", mia.username(), "Oskari Visitor", "Form");
    assertThat(agent.text("stats-total")).isEqualTo("1");
    assertThat(agent.spied("dialogs")).isEmpty();
  }

  // ---- the chat window's other modes

  @Test
  void message_mode_shows_the_message_the_weekly_hours_and_the_next_opening() {
    DayOfWeek today = LocalDate.now(ZoneOffset.UTC).getDayOfWeek();
    DayOfWeek first = today.plus(2);
    DayOfWeek second = today.plus(3);
    String schedule =
        """
        "override":"SCHEDULE","openingHours":[{"day":"%s","from":"08:00","to":"16:00"},
          {"day":"%s","from":"18:00","to":"20:00"},{"day":"%s","from":"10:00","to":"14:00"}]"""
            .formatted(first, second, second);
    String queue =
        backstage.queue(
            Fixtures.unique("Hours"),
            schedule,
            "{\"mode\":\"MESSAGE\",\"message\":{\"en\":\"We're closed. Call +358 9 123 456.\"}}",
            CONTACT_FORM);

    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");
    assertThat(visitor.text("widget-message")).isEqualTo("We're closed. Call +358 9 123 456.");
    assertThat(visitor.text("widget-state")).startsWith("Closed · opens ");
    assertThat(visitor.text("widget-next-opening")).startsWith("Next opening: ").endsWith(".");
    Map<String, String> hours = new java.util.LinkedHashMap<>();
    for (WebElement tr : visitor.find("widget-hours").findElements(By.cssSelector("tbody tr"))) {
      hours.put(
          tr.findElement(By.tagName("th")).getText(), tr.findElement(By.tagName("td")).getText());
    }
    assertThat(hours).hasSize(7);
    for (DayOfWeek day : DayOfWeek.values()) {
      String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      String expected =
          day == first ? "08:00–16:00" : day == second ? "10:00–14:00, 18:00–20:00" : "Closed";
      assertThat(hours).containsEntry(name, expected);
    }
    assertThat(visitor.present("widget-form")).isFalse();
  }

  @Test
  void bot_mode_answers_a_topic_then_takes_a_message_field_by_field_and_sends_it_as_bot() {
    String offline =
        """
        {"mode":"BOT","message":{"en":"We're closed."},
         "bot":{"greeting":{"en":"Hi! I'm the ContactDesk bot. Ask me about invoices."},
                "answers":[{"keywords":["invoice","bill"],"reply":{"en":"Invoices are in your account under Billing."}}]}}""";
    String queue = backstage.queue(Fixtures.unique("Bot"), offline, CONTACT_FORM);

    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");
    assertThat(botSays(visitor, "greeting", "Ask me about invoices.")).isNotNull();
    visitor.find(By.xpath("//*[@data-testid='bot-topic'][normalize-space()='Invoice']")).click();
    botSays(visitor, "text", "Invoices are in your account under Billing.");

    visitor.click("bot-leave-message");
    botSays(visitor, "question", "Name");
    answerBot(visitor, "Bo Bot-Visitor");
    botSays(visitor, "question", "Email");
    answerBot(visitor, "not-an-email");
    botSays(visitor, "error", "Please enter an e-mail address such as name@example.com.");
    assertThat(visitor.all("bot-bubble").stream().filter(b -> b.getText().contains("Email")))
        .hasSize(2); // asked again
    answerBot(visitor, "bo@example.com");
    botSays(visitor, "question", "Message");
    answerBot(visitor, "Where is my invoice?");
    botSays(visitor, "thanks", "Thanks, we got your message.");
    String reference = visitor.text("widget-reference");

    JsonObject row = backstage.row(queue, reference);
    assertThat(row.getString("source")).isEqualTo("BOT");
    JsonObject contact = backstage.contact(row.getString("contactId"));
    assertThat(contact.getString("source")).isEqualTo("BOT");
    assertThat(
            contact.getJsonArray("answers").stream().map(a -> a.asJsonObject().getString("value")))
        .containsExactly("Bo Bot-Visitor", "bo@example.com", "Where is my invoice?");
  }

  // ---- errors and hostile input

  @Test
  void the_form_explains_what_is_wrong_under_each_field_for_client_checks_and_for_a_server_422() {
    String queue =
        backstage.queue(Fixtures.unique("Checks"), formMode("Write to us."), CONTACT_FORM);
    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");

    // the browser's own checks: nothing is sent
    visitor.click("widget-submit");
    assertThat(visitor.text("widget-error-name")).isEqualTo("Please fill this in.");
    assertThat(visitor.text("widget-error-email")).isEqualTo("Please fill this in.");
    assertThat(visitor.text("widget-error-message")).isEqualTo("Please fill this in.");
    assertThat(visitor.text("widget-alert")).isEqualTo("Please check the fields marked below.");
    visitor.type("widget-field-name", "Ada");
    visitor.type("widget-field-email", "ada@example");
    visitor.textContains(
        "widget-error-email", "Please enter an e-mail address such as name@example.com.");
    assertThat(visitor.find("widget-field-email").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(visitor.textContent("widget-error-name")).isEmpty();

    // the admin shortens the message field after the page was loaded: the server has the last word
    JsonObject config = backstage.queueConfig(queue);
    backstage.replaceQueue(
        queue,
        Json.createPointer("/form/fields/2/maxLength").replace(config, Json.createValue(10)));
    visitor.type("widget-field-email", "ada@example.com");
    visitor.type("widget-field-message", "A message longer than ten characters");
    visitor.click("widget-submit");
    visitor.textContains("widget-error-message", "Please use at most 10 characters.");
    assertThat(visitor.textContent("widget-error-email")).isEmpty();
    assertThat(visitor.find("widget-field-message").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(visitor.driver.switchTo().activeElement().getAttribute("data-testid"))
        .isEqualTo("widget-field-message");
    assertThat(backstage.answers(queue)).isEmpty();

    // fixed, the same message goes through once
    visitor.type("widget-field-message", "Call me");
    visitor.click("widget-submit");
    visitor.find("widget-reference");
    assertThat(backstage.answers(queue)).hasSize(1);
  }

  @Test
  void markup_a_visitor_types_shows_as_text_in_the_contact_and_the_statistics_and_never_runs() {
    String image = "<img src=x onerror=alert(1)>";
    String script = "<script>alert(2)</script>";
    String queue = backstage.queue(Fixtures.unique("Xss"), formMode("Hi"), CONTACT_FORM);
    User agentUser = backstage.agent("Xavier Agent", queue);

    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");
    visitor.setValue("widget-field-name", image);
    visitor.type("widget-field-email", "x@example.com");
    visitor.setValue("widget-field-message", script + "\n" + image);
    visitor.click("widget-submit");
    String reference = visitor.text("widget-reference");
    String contactId = backstage.row(queue, reference).getString("contactId");

    Browser agent = browsers.laptop();
    agent.open("");
    agent.signIn(agentUser.username(), agentUser.password());
    agent.open("#/contacts/" + contactId);
    agent.textContains("contact-reference", reference);
    assertThat(answer(agent, "name")).isEqualTo(image);
    assertThat(answer(agent, "message")).isEqualTo(script + "\n" + image);
    assertThat(
            agent.driver.findElements(
                By.cssSelector("[data-testid='contact'] img, [data-testid='contact'] script")))
        .isEmpty();
    assertNothingRan(agent);

    agent.click("queue-stats-link");
    String row = agent.textContains("stats-answer-row", reference);
    assertThat(row).contains(image, script);
    assertThat(
            agent.driver.findElements(
                By.cssSelector(
                    "[data-testid='stats-answers'] img, [data-testid='stats-answers'] script")))
        .isEmpty();
    assertNothingRan(agent);
    assertNothingRan(visitor);
  }

  // ---- links, sessions and settings

  @Test
  void an_e_mail_link_leads_through_login_to_the_contact_and_a_non_member_sees_not_found() {
    String queue = backstage.queue(Fixtures.unique("Link"), formMode("Hi"), CONTACT_FORM);
    String otherQueue = backstage.queue(Fixtures.unique("Other"), formMode("Hi"), CONTACT_FORM);
    User member = backstage.agent("Maria Member", queue);
    User outsider = backstage.agent("Otto Outsider", otherQueue);
    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");
    visitor.type("widget-field-name", "Linda Link");
    visitor.type("widget-field-email", "linda@example.com");
    visitor.type("widget-field-message", "Secret message");
    visitor.click("widget-submit");
    String reference = visitor.text("widget-reference");
    String contactId = backstage.row(queue, reference).getString("contactId");
    String link = "#/contacts/" + contactId;

    Browser memberBrowser = browsers.laptop();
    memberBrowser.open(link);
    memberBrowser.find("login-username");
    memberBrowser.signIn(member.username(), member.password());
    memberBrowser.textContains("contact-reference", reference);
    assertThat(memberBrowser.hash()).isEqualTo(link);
    assertThat(answer(memberBrowser, "message")).isEqualTo("Secret message");

    Browser outsiderBrowser = browsers.laptop();
    outsiderBrowser.open(link);
    outsiderBrowser.signIn(outsider.username(), outsider.password());
    assertThat(outsiderBrowser.text("contact-not-found"))
        .contains("Not found — this contact doesn't exist or isn't in your queues");
    assertThat(outsiderBrowser.present("contact")).isFalse();
    assertThat(outsiderBrowser.driver.getPageSource())
        .doesNotContain("Secret message", "Linda Link");
  }

  @Test
  void notification_settings_are_saved_at_once_and_shown_again_after_a_reload() {
    User kim = backstage.agent("Kim Settings");
    Browser browser = browsers.laptop();
    browser.open("#/settings");
    browser.signIn(kim.username(), kim.password());
    for (String key : List.of("sound", "desktop", "email")) {
      assertThat(browser.element(By.id("setting-" + key)).isSelected()).as(key).isFalse();
    }
    toggle(browser, "sound", "Saved: Sound on.");
    toggle(browser, "desktop", "Saved: Desktop on.");
    assertThat(browser.text("settings-desktop-permission"))
        .isEqualTo("Your browser allows notifications from ContactDesk.");

    browser.driver.navigate().refresh();
    browser.find("settings-switches");
    assertThat(browser.element(By.id("setting-sound")).isSelected()).isTrue();
    assertThat(browser.element(By.id("setting-desktop")).isSelected()).isTrue();
    assertThat(browser.element(By.id("setting-email")).isSelected()).isFalse();

    toggle(browser, "sound", "Saved: Sound off.");
    toggle(browser, "email", "Saved: Email on.");
    browser.driver.navigate().refresh();
    browser.find("settings-switches");
    assertThat(browser.element(By.id("setting-sound")).isSelected()).isFalse();
    assertThat(browser.element(By.id("setting-desktop")).isSelected()).isTrue();
    assertThat(browser.element(By.id("setting-email")).isSelected()).isTrue();
    JsonObject stored = backstage.notificationSettings(kim);
    assertThat(stored.getBoolean("sound")).isFalse();
    assertThat(stored.getBoolean("desktop")).isTrue();
    assertThat(stored.getBoolean("email")).isTrue();
  }

  @Test
  void a_wrong_password_is_refused_and_an_ended_session_asks_to_sign_in_again_on_the_same_page() {
    String queue = backstage.queue(Fixtures.unique("Session"), formMode("Hi"), CONTACT_FORM);
    User sam = backstage.agent("Sam Session", queue);
    Browser browser = browsers.laptop();
    browser.open("");
    browser.type("login-username", sam.username());
    browser.type("login-password", "not-the-password");
    browser.click("login-submit");
    browser.textContains("login-error", "Wrong username or password.");
    browser.type("login-password", sam.password());
    browser.click("login-submit");
    browser.find("current-user");
    browser.click("nav-settings");
    browser.find("settings-switches");

    // the session ends on the server side (here: the cookie is gone); the next call gets a 401
    browser.driver.manage().deleteCookieNamed("CONTACTDESK_SESSION");
    browser.click("nav-queue-" + queue);
    browser.textContains("login-error", "Your session has ended. Please sign in again.");
    browser.signIn(sam.username(), sam.password());
    browser.find(By.id("log-title"));
    assertThat(browser.hash()).isEqualTo("#/queues/" + queue);
  }

  @Test
  void an_admin_disables_an_agent_and_the_agents_open_console_asks_to_sign_in_again() {
    String queue = backstage.queue(Fixtures.unique("Leaving"), formMode("Hi"), CONTACT_FORM);
    User ola = backstage.agent("Ola Leaving", queue);
    Browser agent = browsers.laptop();
    agent.open("");
    agent.signIn(ola.username(), ola.password());
    agent.find("nav-queue-" + queue);

    Browser admin = browsers.laptop();
    admin.open("#/admin/users");
    admin.signIn("admin", User.ADMIN_PASSWORD);
    admin.click("admin-user-toggle-" + ola.username());
    admin.find(
        By.cssSelector(
            "[data-testid='admin-user-row'][data-username='"
                + ola.username()
                + "'] [data-testid='admin-user-disabled']"));

    agent.click("nav-settings");
    agent.textContains("login-error", "Your session has ended. Please sign in again.");
    agent.type("login-username", ola.username());
    agent.type("login-password", ola.password());
    agent.click("login-submit");
    agent.textContains("login-error", "Wrong username or password.");
  }

  @Test
  void an_admin_deletes_a_queue_by_typing_its_id_and_its_chat_window_is_gone() {
    String queue = backstage.queue(Fixtures.unique("Doomed"), formMode("Hi"), CONTACT_FORM);
    backstage.submit(queue, "Last visitor");
    Browser admin = browsers.laptop();
    admin.open("#/admin/queues/" + queue);
    admin.signIn("admin", User.ADMIN_PASSWORD);

    admin.click("admin-queue-delete");
    admin.textContains("admin-queue-delete-error", "Type " + queue + " to confirm.");
    admin.type("admin-queue-delete-confirm", queue);
    admin.click("admin-queue-delete");

    admin.until(d -> admin.hash().equals("#/admin/queues"), "the queue list");
    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=en");
    visitor.until(
        d -> d.getPageSource().contains("This chat isn't available."), "the chat says it is gone");
  }

  @Test
  void an_admin_creates_a_webhook_sees_its_secret_once_and_redelivers_from_its_deliveries()
      throws Exception {
    String queue = backstage.queue(Fixtures.unique("Hooked"), formMode("Hi"), CONTACT_FORM);
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      String url = receiver.url("/crm");
      Browser admin = browsers.laptop();
      admin.open("#/admin/webhooks");
      admin.signIn("admin", User.ADMIN_PASSWORD);

      admin.type("admin-webhook-url", url);
      admin.click("admin-webhook-all-queues"); // off: this queue only
      admin.click("admin-webhook-queue-" + queue);
      admin.click("admin-webhook-submit");
      String secret = admin.textContains("admin-webhook-secret", "whsec_");
      admin.click("admin-webhook-secret-done");
      String id = backstage.webhookAt(url).getString("id");
      admin.find(By.cssSelector("[data-testid='admin-webhook-row'][data-webhook-id='" + id + "']"));
      assertThat(admin.present("admin-webhook-secret")).as("the secret is shown once").isFalse();
      assertThat(admin.textContent("admin-webhook-list")).doesNotContain(secret);

      backstage.submit(queue, "Hook Visitor");
      assertThat(receiver.await(1)).hasSize(1);
      backstage.awaitDelivered(id);
      admin.click("admin-webhook-deliveries-" + id);
      String deliveryId = receiver.requests().get(0).header("webhook-id");
      assertThat(
              admin
                  .find(
                      By.cssSelector(
                          "[data-testid='admin-delivery-row'][data-delivery-id='"
                              + deliveryId
                              + "']"))
                  .getText())
          .contains("contact.registered")
          .contains("Delivered")
          .contains("HTTP 200");
      admin.click("admin-delivery-redeliver-" + deliveryId);
      admin.textContains("admin-deliveries-status", "sent again");
      assertThat(receiver.await(2)).hasSize(2);
      assertThat(receiver.requests().get(1).header("webhook-id")).isEqualTo(deliveryId);
      backstage.deleteWebhook(id);
    }
  }

  @Test
  void an_agent_changes_their_password_under_settings_and_signs_in_with_it() {
    User pia = backstage.agent("Pia Password");
    String newPassword = "lingonberry kayak tuesday 42";
    Browser browser = browsers.laptop();
    browser.open("#/settings");
    browser.signIn(pia.username(), pia.password());

    browser.type("settings-password-current", pia.password());
    browser.type("settings-password-new", "password1234");
    browser.type("settings-password-again", "password1234");
    browser.click("settings-password-submit");
    browser.textContains("settings-password-result", "well-known");
    browser.type("settings-password-new", newPassword);
    browser.type("settings-password-again", newPassword);
    browser.click("settings-password-submit");
    browser.textContains("settings-password-result", "Password changed.");

    Browser again = browsers.laptop();
    again.open("");
    again.signIn(pia.username(), newPassword);
  }

  @Test
  void an_agent_makes_an_api_token_under_settings_sees_it_once_and_revokes_it() {
    User tia = backstage.agent("Tia Token");
    Browser browser = browsers.laptop();
    browser.open("#/settings");
    browser.signIn(tia.username(), tia.password());
    browser.find("tokens-none");

    browser.click("tokens-create");
    browser.textContains("tokens-result", "Name:");
    browser.type("tokens-name", "CRM export");
    browser.click("tokens-create");
    String token = browser.find("tokens-value").getDomProperty("value");

    assertThat(token).matches("cdt_[A-Za-z0-9_-]{43}");
    browser.textContains("tokens-table", "CRM export");
    assertThat(backstage.meWithToken(token)).isEqualTo(200);
    browser.click("tokens-copy");
    assertThat(browser.textContains("tokens-copied", "."))
        .satisfiesAnyOf(
            t -> assertThat(t).isEqualTo("Copied."), t -> assertThat(t).startsWith("Selected"));

    browser.script("location.reload();");
    browser.until(
        d -> !browser.present("tokens-value") && browser.present("tokens-table"),
        "the list after a reload, without the token (shown once only)");
    browser.textContains("tokens-table", "CRM export");
    browser.script("window.confirm = () => true;");
    browser.click("tokens-revoke");
    browser.find("tokens-none");
    assertThat(backstage.meWithToken(token)).isEqualTo(401);
  }

  @Test
  void the_log_shows_fifty_entries_and_load_older_brings_the_rest() {
    String queue = backstage.queue(Fixtures.unique("Busy"), formMode("Hi"), CONTACT_FORM);
    User lea = backstage.agent("Lea Log", queue);
    String contactId = backstage.submit(queue, "Busy visitor");
    for (int i = 1; i <= 50; i++) {
      backstage.comment(contactId, "note " + i);
    }
    Browser browser = browsers.laptop();
    browser.open("");
    browser.signIn(lea.username(), lea.password());
    browser.until(d -> browser.all("log-row").size() == 50, "50 log rows");
    // nobody has opened the contact, though its registration is beyond the first page
    assertThat(browser.text("bell-count")).isEqualTo("1");
    assertThat(
            browser.driver.findElements(
                By.cssSelector("[data-testid='log-row'][data-type='CONTACT_REGISTERED']")))
        .isEmpty();
    browser.click("log-load-older");
    browser.until(d -> browser.all("log-row").size() == 51, "51 log rows");
    assertThat(browser.all("log-row").get(50).getAttribute("data-type"))
        .isEqualTo("CONTACT_REGISTERED");
    assertThat(browser.driver.findElements(testid("log-load-older")).get(0).isDisplayed())
        .isFalse();
  }

  // ---- finding contacts

  /** {@link Fixtures#CONTACT_FORM} with a choice and a tick box. */
  static final String FORM_WITH_CHOICES =
      """
      [{"name":"name","label":{"en":"Name"},"type":"text","required":true},
       {"name":"email","label":{"en":"Email"},"type":"email","required":true},
       {"name":"topic","label":{"en":"Topic"},"type":"select",
        "options":[{"value":"billing","label":{"en":"Billing question"}},{"value":"other","label":{"en":"Something else"}}]},
       {"name":"callback","label":{"en":"Call me back"},"type":"checkbox"},
       {"name":"message","label":{"en":"Message"},"type":"textarea","required":true}]""";

  @Test
  void the_contacts_view_lists_all_my_queues_newest_first_loads_more_and_filters() {
    // three queues, as one queue takes 20 contacts a minute from one address
    List<String> queues = new java.util.ArrayList<>();
    for (int q = 0; q < 3; q++) {
      queues.add(backstage.queue(Fixtures.unique("Contacts"), formMode("Hi"), CONTACT_FORM));
    }
    String[] all = queues.toArray(String[]::new);
    User mia = backstage.agent("Mia Virtanen", all);
    User olli = backstage.agent("Olli Koskinen", all);
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 52; i++) {
      ids.add(backstage.submit(queues.get(i % 3), "Visitor " + i));
    }
    String taken = ids.get(51); // in the first queue
    backstage.comment(taken, "On it", "IN_PROGRESS", olli);

    Browser agent = browsers.laptop();
    agent.open("#/contacts");
    agent.signIn(mia.username(), mia.password());
    agent.until(d -> agent.all("contacts-row").size() == 50, "a page of 50 contacts");
    assertThat(agent.all("contacts-row").get(0).getAttribute("data-contact-id")).isEqualTo(taken);
    assertThat(agent.all("contacts-row").get(1).getAttribute("data-contact-id"))
        .isEqualTo(ids.get(50));
    agent.until(
        d -> agent.all("contacts-handler").get(0).getText().equals("Olli Koskinen"),
        "the handler's display name");
    assertThat(agent.all("contacts-row").get(0).getText()).contains("In progress");
    agent.click("contacts-load-more");
    agent.until(d -> agent.all("contacts-row").size() == 52, "the last two contacts");
    assertThat(agent.all("contacts-row").get(51).getAttribute("data-contact-id"))
        .isEqualTo(ids.get(0));

    // one queue
    new Select(agent.find("contacts-filter-queue")).selectByValue(queues.get(1));
    agent.until(d -> agent.all("contacts-row").size() == 17, "the second queue's 17 contacts");
    assertThat(agent.hash()).isEqualTo("#/contacts?queue=" + queues.get(1));
    new Select(agent.find("contacts-filter-queue")).selectByValue("");
    agent.until(d -> agent.all("contacts-row").size() == 50, "all queues again");

    // the status, then the handler (another member, offered by name)
    new Select(agent.find("contacts-filter-status")).selectByValue("IN_PROGRESS");
    agent.until(d -> agent.all("contacts-row").size() == 1, "only the contact in progress");
    assertThat(agent.hash()).contains("status=IN_PROGRESS");
    new Select(agent.find("contacts-filter-status")).selectByValue("");
    agent.until(d -> agent.all("contacts-row").size() == 50, "the first page again");
    Select handler = new Select(agent.find("contacts-filter-handler"));
    agent.until(
        d -> handler.getOptions().stream().anyMatch(o -> o.getText().equals("Olli Koskinen")),
        "Olli offered as a handler");
    handler.selectByValue(olli.username());
    agent.until(d -> agent.all("contacts-row").size() == 1, "only Olli's contact");
    assertThat(agent.all("contacts-row").get(0).getAttribute("data-contact-id")).isEqualTo(taken);
    new Select(agent.find("contacts-filter-handler")).selectByValue("nobody");
    agent.until(d -> agent.all("contacts-row").size() == 50, "the contacts nobody handles");
    assertThat(agent.all("contacts-row"))
        .noneMatch(r -> taken.equals(r.getAttribute("data-contact-id")));

    // a row opens the contact; Contacts in the side bar leads back to the whole list
    agent.all("contacts-row").get(0).click();
    agent.find(By.cssSelector("[data-testid='contact'][data-contact-id='" + ids.get(50) + "']"));
    agent.click("nav-contacts");
    agent.until(d -> agent.all("contacts-row").size() == 50, "all my queues' contacts");
    assertThat(new Select(agent.find("contacts-filter-queue")).getFirstSelectedOption().getText())
        .isEqualTo("All my queues");
    assertThat(agent.spied("dialogs")).isEmpty();
  }

  @Test
  void a_search_by_reference_opens_the_contact_with_the_visitor_s_other_contacts_and_labels() {
    String queue = backstage.queue(Fixtures.unique("Search"), formMode("Hi"), FORM_WITH_CHOICES);
    User mia = backstage.agent("Mia Virtanen", queue);
    String earlier =
        backstage.submitAnswers(
            queue,
            """
            {"name":"Aino Korhonen","email":"Aino@Example.com","topic":"other","callback":false,"message":"First"}""");
    String latest =
        backstage.submitAnswers(
            queue,
            """
            {"name":"Aino Korhonen","email":"aino@example.com","topic":"billing","callback":true,"message":"Second"}""");
    String reference = backstage.contact(latest).getString("reference");

    Browser agent = browsers.laptop();
    agent.open("#/contacts");
    agent.signIn(mia.username(), mia.password());
    agent.find("contacts-search");

    // what is neither a reference nor an address: the server's 422, next to the box
    agent.type("contacts-search", "hello");
    agent.click("contacts-search-submit");
    assertThat(agent.textContains("contacts-search-error", "must be a reference"))
        .contains("hello");

    // the reference as a visitor might read it out: lower case, no dash
    agent.type("contacts-search", reference.toLowerCase(Locale.ROOT).replace("-", ""));
    agent.click("contacts-search-submit");
    agent.textContains("contact-reference", reference);
    assertThat(agent.hash()).isEqualTo("#/contacts/" + latest);
    agent.until(
        d -> "Billing question".equals(answer(agent, "topic")), "the option's label, not billing");
    assertThat(answer(agent, "callback")).isEqualTo("Yes");
    assertThat(agent.find("contact-answer-mailto").getAttribute("href"))
        .isEqualTo("mailto:aino@example.com");
    WebElement other = agent.find("same-visitor-contact");
    assertThat(other.getAttribute("data-contact-id")).isEqualTo(earlier);
    assertThat(agent.all("same-visitor-contact")).hasSize(1);

    // the other contact is a link away, with its own answers
    other.findElement(By.tagName("a")).click();
    agent.find(By.cssSelector("[data-testid='contact'][data-contact-id='" + earlier + "']"));
    agent.until(d -> "Something else".equals(answer(agent, "topic")), "the other option's label");
    assertThat(answer(agent, "callback")).isEqualTo("No");

    // an e-mail search lists what that visitor sent, in any case
    agent.open("#/contacts");
    agent.type("contacts-search", "AINO@example.com");
    agent.click("contacts-search-submit");
    agent.until(d -> agent.all("contacts-row").size() == 2, "both of Aino's contacts");
    assertThat(agent.hash()).isEqualTo("#/contacts?q=AINO%40example.com");
  }

  @Test
  void the_handover_offers_every_member_of_the_queue_by_name_and_the_handler_shows_by_name() {
    String queue = backstage.queue(Fixtures.unique("Handover"), formMode("Hi"), CONTACT_FORM);
    User mia = backstage.agent("Mia Virtanen", queue);
    User olli = backstage.agent("Olli Koskinen", queue);
    backstage.agent(
        "Otto Outsider",
        backstage.queue(Fixtures.unique("Elsewhere"), formMode("Hi"), CONTACT_FORM));
    String contact = backstage.submit(queue, "Lars Nyström");

    Browser agent = browsers.laptop();
    agent.open("#/contacts/" + contact);
    agent.signIn(mia.username(), mia.password());
    Select handler = new Select(agent.find("comment-handler"));
    agent.until(
        d -> handler.getOptions().stream().anyMatch(o -> o.getText().equals("Olli Koskinen")),
        "Olli in the handover list");
    assertThat(handler.getOptions())
        .extracting(WebElement::getText)
        .noneMatch(t -> t.contains("Otto"))
        .contains("Me (Mia Virtanen)");
    handler.selectByValue(olli.username());
    agent.type("comment-text", "Olli knows the contract");
    agent.click("comment-submit");
    agent.until(
        d -> olli.username().equals(agent.find("contact-handler").getAttribute("data-handler")),
        "Olli as the handler");
    assertThat(agent.text("contact-handler")).isEqualTo("Olli Koskinen");
    Select next = new Select(agent.find("comment-handler"));
    agent.until(
        d -> next.getFirstSelectedOption().getText().equals("Keep (Olli Koskinen)"),
        "the next comment keeping the handler unless told otherwise");
    assertThat(agent.textContains("contact-comments", "Olli knows"))
        .contains("Mia Virtanen", "Handler → Olli Koskinen");
    assertThat(backstage.contact(contact).getString("handler")).isEqualTo(olli.username());

    // letting it go is a change that stays after a reload, in the comments and in the log
    new Select(agent.find("comment-handler")).selectByValue("");
    agent.click("comment-submit");
    agent.until(
        d -> "".equals(agent.find("contact-handler").getAttribute("data-handler")),
        "nobody as the handler");
    agent.driver.navigate().refresh();
    agent.textContains("contact-comments", "Handler → nobody");
    agent.textContains("activity-log", "Mia Virtanen set handler Olli Koskinen → nobody");
  }

  @Test
  void
      a_queue_that_reaches_nobody_warns_and_an_unanswered_contact_becomes_overdue_in_the_console() {
    String queue =
        backstage.queue(
            Fixtures.unique("Chase"), "\"override\":\"OPEN\"", formMode("Hi"), CONTACT_FORM);
    User olli = backstage.agent("Olli Korpela", queue); // all notifications off: reaches nobody

    Browser admin = browsers.laptop();
    admin.open("#/admin/queues/" + queue);
    admin.signIn("admin", User.ADMIN_PASSWORD);
    admin.textContains("admin-reach", "1 member · 0 get e-mail · 0 online now");
    admin.textContains("admin-reach-warning", "A new contact would reach nobody");

    admin.click("admin-escalation-on");
    admin.setValue("admin-escalation-minutes", "1");
    admin.script(
        "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
        admin.find(
            By.cssSelector(
                "[data-testid='admin-escalation-notify'] input[value='" + olli.username() + "']")));
    admin.type("admin-fallback-email", "team@example.com");
    admin.click("admin-queue-save");
    admin.textContains("admin-queue-save-status", "Saved at");
    admin.textContains("admin-reach-fallback", "it goes to team@example.com");
    assertThat(admin.present("admin-reach-warning")).isFalse();
    JsonObject stored = backstage.queueConfig(queue);
    assertThat(stored.getJsonObject("escalation").getInt("afterOpenMinutes")).isEqualTo(1);
    assertThat(stored.getString("fallbackEmail")).isEqualTo("team@example.com");

    Browser agent = browsers.laptop();
    agent.open("#/contacts?queue=" + queue);
    agent.signIn(olli.username(), olli.password());
    agent.waitUntilLive();
    String contactId = backstage.submit(queue, "Waiting Visitor");
    // a minute of open time, then the next check (every 5 s in the IT passes)
    new org.openqa.selenium.support.ui.FluentWait<>(agent)
        .withTimeout(java.time.Duration.ofSeconds(120))
        .pollingEvery(java.time.Duration.ofSeconds(2))
        .until(b -> backstage.contact(contactId).getBoolean("overdue"));
    agent.until(
        d -> "⚠ 1".equals(agent.textContent("nav-overdue-" + queue).strip()),
        "the queue's overdue count, after the live event");
    agent.open("#/contacts?queue=" + queue + "&overdue=true");
    agent.until(d -> agent.all("contacts-row").size() == 1, "the overdue contact");
    assertThat(agent.find("contacts-row").getAttribute("data-overdue")).isEqualTo("true");
    agent.find("overdue-mark");

    agent.open("#/contacts/" + contactId);
    agent.textContains("contact-who-was-told", "team@example.com");
    agent.find(By.cssSelector("[data-testid='contact'] [data-testid='overdue-mark']"));

    agent.open("#/queues/" + queue);
    agent.textContains("activity-log", "escalated: nobody answered in time");
  }

  @Test
  void the_embed_script_opens_the_chat_window_in_a_frame_with_prefilled_hidden_fields() {
    String fields =
        """
        [{"name":"name","label":{"en":"Name"},"type":"text","required":true},
         {"name":"message","label":{"en":"Message"},"type":"textarea","required":true},
         {"name":"customerNo","label":{"en":"Customer number"},"type":"text","hidden":true}]""";
    ForeignSite site = customerSite("en");
    String queue =
        embeddedQueue(site, Fixtures.unique("Embed"), formMode("Hi from the frame"), fields);
    Browser page = browsers.laptop();
    page.driver.get(site.origin() + "/?queue=" + queue);
    var shadow = page.element(By.id("contactdesk-chat")).getShadowRoot();
    WebElement launcher = shadow.findElement(By.cssSelector("[data-testid='embed-launcher']"));
    assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
    launcher.click();
    WebElement frame = shadow.findElement(By.cssSelector("[data-testid='embed-frame']"));
    assertThat(frame.getAttribute("src")).contains("queue=" + queue, "prefill.customerno=C-10042");
    assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("true");

    page.driver.switchTo().frame(frame);
    assertThat(page.text("widget-message")).isEqualTo("Hi from the frame");
    assertThat(page.present("widget-field-customerNo")).isFalse();
    page.type("widget-field-name", "Frank Frame");
    page.type("widget-field-message", "Sent from inside the frame");
    page.click("widget-submit");
    String reference = page.text("widget-reference");
    page.click("widget-close"); // asks the page to close the frame
    page.driver.switchTo().defaultContent();
    page.until(d -> !frame.isDisplayed(), "the frame closed");
    assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
    page.script("window.ContactDesk.open()");
    page.until(d -> frame.isDisplayed(), "the frame open again");
    page.script("window.ContactDesk.close()");
    page.until(d -> !frame.isDisplayed(), "the frame closed again");

    JsonObject contact = backstage.contact(backstage.row(queue, reference).getString("contactId"));
    assertThat(
            contact.getJsonArray("answers").stream()
                .map(JsonValue::asJsonObject)
                .filter(a -> a.getString("name").equals("customerNo"))
                .map(a -> a.getString("value")))
        .containsExactly("C-10042");
    assertThat(contact.getString("pageUrl")).isEqualTo(site.origin() + "/?queue=" + queue);
  }

  // ---- the chat window tried as a Finnish visitor would (issue #19, item 4)

  @Test
  void on_a_finnish_page_without_data_lang_the_launcher_and_the_chat_window_speak_finnish() {
    ForeignSite site = customerSite("fi");
    String queue =
        embeddedQueue(
            site,
            Fixtures.unique("Sivu"),
            "{\"mode\":\"FORM\",\"message\":{\"en\":\"Write to us.\",\"fi\":\"Kirjoita meille.\"}}",
            CONTACT_FORM);
    Browser page = browsers.laptop();
    page.driver.get(site.origin() + "/?queue=" + queue);
    var shadow = page.element(By.id("contactdesk-chat")).getShadowRoot();
    WebElement launcher =
        page.until(
            d -> shadow.findElement(By.cssSelector("[data-testid='embed-launcher']")),
            "the launcher");
    assertThat(launcher.getAttribute("aria-label")).isEqualTo("Keskustele kanssamme");
    launcher.click();
    page.driver.switchTo().frame(shadow.findElement(By.cssSelector("[data-testid='embed-frame']")));
    assertThat(page.text("widget-message")).isEqualTo("Kirjoita meille.");
    assertThat(page.text("widget-submit")).isEqualTo("Lähetä viesti");
    assertThat(page.script("return document.documentElement.lang")).isEqualTo("fi");
  }

  @Test
  void the_bots_quick_replies_show_their_label_in_the_visitors_language_and_tapping_one_answers() {
    String offline =
        """
        {"mode":"BOT","message":{"en":"We're closed."},
         "bot":{"greeting":{"en":"Hi!","fi":"Hei!"},
                "answers":[{"keywords":["price","hinta"],"label":{"en":"Prices","fi":"Hinnat"},
                            "reply":{"en":"From 9 euros a month.","fi":"Alkaen 9 euroa kuukaudessa."}},
                           {"keywords":["delivery"],"reply":{"en":"In two days.","fi":"Kahdessa päivässä."}}]}}""";
    String queue = backstage.queue(Fixtures.unique("Botti"), offline, CONTACT_FORM);

    Browser visitor = browsers.phone();
    visitor.open("widget/?queue=" + queue + "&lang=fi");
    botSays(visitor, "greeting", "Hei!");
    visitor.until(d -> visitor.all("bot-topic").size() == 2, "two quick replies");
    assertThat(visitor.all("bot-topic").stream().map(WebElement::getText))
        .containsExactly("Hinnat", "Delivery"); // an answer without a label shows its keyword
    visitor.find(By.xpath("//*[@data-testid='bot-topic'][normalize-space()='Hinnat']")).click();
    botSays(visitor, "text", "Alkaen 9 euroa kuukaudessa.");
  }

  @Test
  void message_mode_shows_the_hours_and_the_next_opening_in_the_queues_zone_and_says_which() {
    java.time.ZoneId helsinki = java.time.ZoneId.of("Europe/Helsinki");
    DayOfWeek opening = LocalDate.now(helsinki).getDayOfWeek().plus(2);
    String schedule =
        """
        "override":"SCHEDULE","openingHours":[{"day":"%s","from":"12:00","to":"16:00"}]"""
            .formatted(opening);
    String queue =
        backstage.queue(
            Fixtures.unique("Zone"),
            "Europe/Helsinki",
            schedule,
            "{\"mode\":\"MESSAGE\",\"message\":{\"en\":\"We're closed.\"}}",
            CONTACT_FORM);

    Browser visitor = browsers.phone();
    visitor.timeZone("UTC"); // a visitor two or three hours behind the queue
    visitor.open("widget/?queue=" + queue + "&lang=en");
    String day = opening.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    WebElement row =
        visitor
            .find("widget-hours")
            .findElement(By.xpath(".//tr[th[normalize-space()='" + day + "']]"));
    assertThat(row.findElement(By.tagName("td")).getText()).isEqualTo("12:00–16:00");
    // the same 12:00 as the table, not 10:00 or 09:00 in the visitor's UTC
    assertThat(visitor.text("widget-next-opening"))
        .startsWith("Next opening: " + day)
        .contains("12:00");
    assertThat(visitor.text("widget-hours-zone")).contains("Helsinki");
    assertThat(visitor.text("widget-state")).contains("12:00");
  }

  @Test
  void at_360_px_with_classic_scrollbars_the_chat_fills_the_window_and_the_bot_page_scrolls_once() {
    String offline =
        """
        {"mode":"BOT","message":{"en":"We're closed."},
         "bot":{"greeting":{"en":"Hi! Ask me anything."},
                "answers":[{"keywords":["invoice"],"reply":{"en":"Invoices are in your account under Billing. They come on the first day of each month, and you can pay them by card or bank transfer."}}]}}""";
    ForeignSite site = customerSite("en");
    String queue = embeddedQueue(site, Fixtures.unique("Narrow"), offline, CONTACT_FORM);
    Browser page = browsers.narrowWithScrollbars();
    page.driver.get(site.origin() + "/?tall=1&queue=" + queue);
    long scrollbar =
        (Long) page.script("return window.innerWidth - document.documentElement.clientWidth;");
    assertThat(scrollbar).as("the page's scrollbar takes room").isPositive();

    var shadow = page.element(By.id("contactdesk-chat")).getShadowRoot();
    page.until(
            d -> shadow.findElement(By.cssSelector("[data-testid='embed-launcher']")),
            "the launcher")
        .click();
    @SuppressWarnings("unchecked")
    Map<String, Object> box =
        (Map<String, Object>)
            page.script(
                // measured after the opening animation (it slides the panel up by 8 px)
                "const p = document.getElementById('contactdesk-chat').shadowRoot.querySelector('.panel');"
                    + " return Promise.all(p.getAnimations().map((a) => a.finished)).then(() => {"
                    + " const r = p.getBoundingClientRect();"
                    + " return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
                    + " width: document.documentElement.clientWidth, height: document.documentElement.clientHeight}; });");
    double width = ((Number) box.get("width")).doubleValue();
    assertThat(((Number) box.get("left")).doubleValue()).isGreaterThanOrEqualTo(0);
    assertThat(((Number) box.get("right")).doubleValue())
        .as("the panel's right edge")
        .isLessThanOrEqualTo(width);
    assertThat(((Number) box.get("bottom")).doubleValue())
        .isLessThanOrEqualTo(((Number) box.get("height")).doubleValue());

    page.driver.switchTo().frame(shadow.findElement(By.cssSelector("[data-testid='embed-frame']")));
    for (int i = 0; i < 6; i++) {
      answerBot(page, "Where is my invoice number " + i + "?");
      int asked = i + 1;
      page.until(
          d ->
              d.findElements(
                          By.cssSelector(
                              "[data-testid='bot-bubble'][data-from='bot'][data-kind='text']"))
                      .size()
                  >= asked,
          "answer " + asked);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> inside =
        (Map<String, Object>)
            page.script(
                "const e = document.scrollingElement; const log = document.querySelector('[data-testid=bot-log]');"
                    + " return {outer: e.scrollHeight - e.clientHeight, outerX: e.scrollWidth - e.clientWidth,"
                    + " log: log.scrollHeight - log.clientHeight};");
    assertThat(((Number) inside.get("log")).longValue())
        .as("the conversation scrolls")
        .isPositive();
    assertThat(((Number) inside.get("outer")).longValue())
        .as("the page around it does not")
        .isZero();
    assertThat(((Number) inside.get("outerX")).longValue()).isZero();
  }

  @Test
  void at_360_px_where_the_chat_fills_the_screen_tab_goes_round_the_chat_not_to_the_page_behind() {
    ForeignSite site = customerSite("en");
    String queue = embeddedQueue(site, Fixtures.unique("Round"), formMode("Hi"), CONTACT_FORM);
    Browser page = browsers.narrowWithScrollbars();
    page.driver.get(site.origin() + "/?queue=" + queue);
    var shadow = page.element(By.id("contactdesk-chat")).getShadowRoot();
    page.until(
            d -> shadow.findElement(By.cssSelector("[data-testid='embed-launcher']")),
            "the launcher")
        .click();
    page.driver.switchTo().frame(shadow.findElement(By.cssSelector("[data-testid='embed-frame']")));
    page.find("widget-submit");
    page.until(
        d -> (Boolean) page.script("return document.activeElement !== document.body"),
        "focus in the chat window");
    for (Keys direction : List.of(Keys.TAB, Keys.SHIFT)) {
      for (int i = 1; i <= 20; i++) {
        if (direction == Keys.TAB) {
          new Actions(page.driver).sendKeys(Keys.TAB).perform();
        } else {
          new Actions(page.driver)
              .keyDown(Keys.SHIFT)
              .sendKeys(Keys.TAB)
              .keyUp(Keys.SHIFT)
              .perform();
        }
        assertThat(
                page.script(
                    "return document.hasFocus() && document.activeElement !== document.body"))
            .as(
                "%s %d keeps focus in the chat window",
                direction == Keys.TAB ? "Tab" : "Shift+Tab", i)
            .isEqualTo(true);
      }
    }
  }

  @Test
  void on_the_admin_queue_page_no_control_tab_reaches_is_hidden_under_the_save_bar_or_top_bar() {
    // with an exception, so that its table is on the page too (and audited, as every page is)
    String queue =
        backstage.queue(
            Fixtures.unique("Focus"),
            """
            "override":"SCHEDULE","openingHours":[{"day":"MONDAY","from":"08:00","to":"16:00"}],
            "exceptions":[{"date":"2026-12-24","annual":true,"closed":true}]""",
            formMode("Hi"),
            CONTACT_FORM);
    Browser admin = browsers.laptop();
    admin.open("#/admin/queues/" + queue);
    admin.signIn("admin", User.ADMIN_PASSWORD);
    admin.find("admin-queue-save");
    admin.script("document.querySelector('main h1').focus();");
    List<String> hidden = new ArrayList<>();
    int reached = 0;
    for (int i = 0; i < 400; i++) {
      admin.driver.switchTo().activeElement().sendKeys(Keys.TAB);
      // what of the focused control a sticky bar covers ("" if nothing, null once focus has left)
      Object covered =
          admin.script(
              """
              const a = document.activeElement;
              if (!a || a === document.body) return null;
              const r = a.getBoundingClientRect();
              const over = [...document.querySelectorAll('.save-bar, .top')]
                  .filter((bar) => !bar.contains(a))
                  .map((bar) => [bar.className, bar.getBoundingClientRect()])
                  .filter(([, b]) => r.top < b.bottom && r.bottom > b.top && r.left < b.right && r.right > b.left);
              return over.length === 0 ? '' : `${a.dataset.testid || a.id || a.name || a.tagName}`
                  + ` (${Math.round(r.top)}–${Math.round(r.bottom)} px under ${over.map(([name, b]) =>
                      `.${name} ${Math.round(b.top)}–${Math.round(b.bottom)} px`).join(', ')})`;
              """);
      if (covered == null) {
        break;
      }
      reached++;
      if (!covered.equals("")) {
        hidden.add((String) covered);
      }
    }
    assertThat(reached).as("controls reached with Tab").isGreaterThan(30);
    assertThat(hidden).as("controls a sticky bar covered when they got focus").isEmpty();
  }

  @Test
  void on_a_site_that_is_not_allowed_the_embed_script_says_why_once_and_shows_nothing() {
    String queue = backstage.queue(Fixtures.unique("Foreign"), formMode("Hello"), CONTACT_FORM);
    String embed = deployment.toString() + "widget/embed.js";
    try (ForeignSite site =
        new ForeignSite(
            """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head>
            <body><h1>A shop</h1><script src="%s" data-queue="%s" defer></script></body></html>"""
                .formatted(embed, queue))) {
      Browser page = browsers.laptop();
      page.consoleMessages(); // nothing from before
      page.driver.get(site.origin() + "/");
      List<String> said =
          page.until(
              d -> {
                List<String> lines =
                    page.consoleMessages().stream().filter(m -> m.contains("ContactDesk")).toList();
                return lines.isEmpty() ? null : lines;
              },
              "a word from the embed script in the console");
      assertThat(said).hasSize(1);
      assertThat(said.get(0)).contains(site.origin(), "allowed origins", queue);
      page.script(
          "return new Promise((r) => setTimeout(r, 1500));"); // anything late would show now
      assertThat(page.consoleMessages().stream().filter(m -> m.contains("ContactDesk"))).isEmpty();
      assertThat(page.script("return document.querySelectorAll('iframe').length")).isEqualTo(0L);
      assertThat(
              page.script(
                  "const host = document.getElementById('contactdesk-chat');"
                      + " return !!host && !!host.shadowRoot && host.shadowRoot.querySelector('.launcher') !== null"
                      + " && host.shadowRoot.querySelector('.launcher').checkVisibility();"))
          .as("no launcher that would open an empty frame")
          .isEqualTo(false);

      // the owner adds the site: the chat appears and works there
      JsonObject config = backstage.queueConfig(queue);
      backstage.replaceQueue(
          queue,
          Json.createObjectBuilder(config)
              .add("allowedOrigins", Json.createArrayBuilder().add(site.origin()))
              .build());
      page.driver.navigate().refresh();
      var shadow = page.element(By.id("contactdesk-chat")).getShadowRoot();
      page.until(
              d -> shadow.findElement(By.cssSelector("[data-testid='embed-launcher']")),
              "the launcher")
          .click();
      page.driver
          .switchTo()
          .frame(shadow.findElement(By.cssSelector("[data-testid='embed-frame']")));
      assertThat(page.text("widget-message")).isEqualTo("Hello");
    }
  }

  // ---- statistics as a chart, and the console in Finnish (issue #19, items 2 and 3)

  @Test
  void the_statistics_chart_has_a_bar_and_a_table_row_per_period_at_each_grain_and_zone() {
    String queue = backstage.queue(Fixtures.unique("Chart"), formMode("Hi"), CONTACT_FORM);
    backstage.submit(queue, "Ann Chart");
    backstage.submit(queue, "Ben Chart");
    User mia = backstage.agent("Mia Chart", queue);
    Browser agent = browsers.laptop();
    agent.open("#/stats/" + queue);
    agent.signIn(mia.username(), mia.password());

    // by day, in the queue's zone (UTC): the last 30 days, today's bar holds both contacts
    agent.until(d -> agent.all("stats-bucket-row").size() == 30, "30 days in the table");
    assertThat(agent.all("stats-bar")).hasSize(30);
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    WebElement todayRow =
        agent.find(By.cssSelector("[data-testid='stats-bucket-row'][data-start^='" + today + "']"));
    assertThat(todayRow.findElements(By.tagName("td")).get(0).getText()).isEqualTo("2");
    assertThat(
            agent
                .element(By.cssSelector("[data-testid='stats-bar'][data-start^='" + today + "']"))
                .getAttribute("data-registered"))
        .isEqualTo("2");
    assertThat(
            agent.element(By.cssSelector("[data-testid='stats-svg']")).getAttribute("aria-label"))
        .contains("2 registered and 0 escalated in 30 periods");
    assertThat(agent.text("stats-zone-note")).contains("UTC");

    // the buckets' CSV is made in the browser from the same numbers
    agent.script(
        "window.__blobs = []; const make = URL.createObjectURL;"
            + " URL.createObjectURL = (b) => { window.__blobs.push(b); return make(b); };");
    agent.click("stats-buckets-csv");
    String csv =
        (String) agent.script("return window.__blobs.length ? window.__blobs[0].text() : null;");
    assertThat(
            agent.script(
                "return window.__blobs[0].slice(0, 3).arrayBuffer()"
                    + ".then((b) => [...new Uint8Array(b)].join(','));"))
        .as("a UTF-8 BOM, for spreadsheets")
        .isEqualTo("239,187,191");
    assertThat(csv.lines().findFirst().orElse("")) // text() reads the BOM as a BOM, not a character
        .isEqualTo("\"Start (UTC)\",\"Registered\",\"Escalated\",\"New\",\"In progress\",\"Done\"");
    assertThat(csv.lines().filter(l -> l.startsWith("\"" + today)))
        .singleElement()
        .asString()
        .contains(",\"2\",\"0\",\"2\",");
    assertThat(csv.lines()).hasSize(31);

    // by hour in Helsinki: 24 periods a day (or 23/25 on a day the clocks change)
    new Select(agent.find("stats-grain")).selectByValue("hour");
    agent.until(d -> agent.hash().contains("grain=hour"), "the grain in the address");
    agent.until(d -> agent.all("stats-bucket-row").size() >= 30 * 24 - 1, "hours in the table");
    new Select(agent.find("stats-zone")).selectByValue("Europe/Helsinki");
    agent.until(d -> agent.hash().contains("zone=Europe%2FHelsinki"), "the zone in the address");
    agent.textContains("stats-zone-note", "Europe/Helsinki");
    int hours = agent.all("stats-bucket-row").size();
    assertThat(hours).isBetween(30 * 24 - 1, 30 * 24 + 1);
    assertThat(agent.all("stats-bar")).hasSize(hours);
    assertThat(
            agent.script(
                "return [...document.querySelectorAll('[data-testid=stats-bucket-row]')]"
                    + ".reduce((n, r) => n + Number(r.querySelector('td').textContent), 0);"))
        .isEqualTo(2L);
    assertThat(agent.all("stats-bucket-row").get(0).getAttribute("data-start")).endsWith(":00");

    // by month
    new Select(agent.find("stats-grain")).selectByValue("month");
    agent.until(d -> agent.hash().contains("grain=month"), "by month");
    agent.until(
        d -> agent.all("stats-bucket-row").size() <= 2 && agent.all("stats-bucket-row").size() >= 1,
        "one or two months");
  }

  @Test
  void the_statistics_end_today_in_the_zone_they_are_counted_in_not_in_the_agents() {
    // Kiritimati (UTC+14) is always a day ahead of Pago Pago (UTC−11): a contact of a minute ago
    // belongs to a day that has not begun for the agent
    ZoneId ahead = ZoneId.of("Pacific/Kiritimati");
    ZoneId behind = ZoneId.of("Pacific/Pago_Pago");
    String queue =
        backstage.queue(
            Fixtures.unique("Ahead"),
            ahead.getId(),
            "\"override\":\"CLOSED\",\"openingHours\":[]",
            formMode("Hi"),
            CONTACT_FORM);
    backstage.submit(queue, "Ann Ahead");
    User mia = backstage.agent("Mia Behind", queue);
    Browser agent = browsers.laptop();
    agent.timeZone(behind.getId());
    agent.open("#/stats/" + queue);
    agent.signIn(mia.username(), mia.password());

    String todayAhead = LocalDate.now(ahead).toString();
    agent.until(d -> agent.all("stats-bucket-row").size() == 30, "30 days in the table");
    assertThat(agent.find("stats-to").getDomProperty("value"))
        .as("the range ends today in the queue's zone")
        .isEqualTo(todayAhead);
    assertThat(
            agent
                .find(
                    By.cssSelector(
                        "[data-testid='stats-bucket-row'][data-start^='" + todayAhead + "']"))
                .findElements(By.tagName("td"))
                .get(0)
                .getText())
        .isEqualTo("1");

    // switching to the agent's own zone, a range that ended today still ends today, there
    new Select(agent.find("stats-zone")).selectByValue(behind.getId());
    String todayBehind = LocalDate.now(behind).toString();
    agent.until(
        d -> agent.hash().contains("to=" + todayBehind),
        "the range ends today in the agent's zone");
    agent.until(d -> agent.all("stats-bucket-row").size() == 30, "still 30 days in the table");
    agent.find(
        By.cssSelector("[data-testid='stats-bucket-row'][data-start^='" + todayBehind + "']"));
  }

  @Test
  void without_a_choice_the_console_speaks_the_browsers_language() {
    User lars = backstage.agent("Lars Språk");
    Browser agent = browsers.laptopIn("sv-FI,sv,en");
    agent.open("");
    assertThat(agent.text("login-submit")).isEqualTo("Logga in");
    assertThat(agent.script("return document.documentElement.lang")).isEqualTo("sv");
    agent.signIn(lars.username(), lars.password());
    assertThat(agent.text("nav-settings")).isEqualTo("Inställningar");
    agent.click("nav-settings");
    assertThat(new Select(agent.find("settings-language")).getFirstSelectedOption().getText())
        .isEqualTo("Webbläsarens språk (svenska)");
  }

  @Test
  void an_agent_switches_the_console_to_finnish_in_settings_and_it_stays_finnish() {
    String queue = backstage.queue(Fixtures.unique("Kieli"), formMode("Hei"), CONTACT_FORM);
    backstage.submit(queue, "Aino Kieli");
    User aino = backstage.agent("Aino Kieli", queue);
    Browser agent = browsers.laptop();
    agent.open("#/settings");
    agent.signIn(aino.username(), aino.password());
    assertThat(agent.text("nav-settings")).isEqualTo("Settings");

    new Select(agent.find("settings-language")).selectByValue("fi");
    agent.until(d -> "Asetukset".equals(agent.text("nav-settings")), "the side bar in Finnish");
    assertThat(agent.script("return document.documentElement.lang")).isEqualTo("fi");
    assertThat(agent.text("logout")).isEqualTo("Kirjaudu ulos");
    assertThat(agent.find(By.cssSelector("h1")).getText()).isEqualTo("Asetukset");
    assertThat(agent.find(By.cssSelector("label[for='setting-sound']")).getText()).contains("Ääni");

    agent.driver.navigate().refresh(); // kept in this browser
    agent.find("settings-switches");
    assertThat(agent.text("nav-settings")).isEqualTo("Asetukset");
    toggle(agent, "sound", "Tallennettu: Ääni päällä.");

    agent.open("#/queues/" + queue);
    agent.textContains("activity-log", "Uusi rekisteröity yhteydenotto");
    assertThat(agent.text("log-view-content")).isEqualTo("Näytä sisältö");
    agent.open("#/stats/" + queue);
    agent.textContains("stats-zone-note", "Jaksot lasketaan aikavyöhykkeellä UTC");
    assertThat(new Select(agent.find("stats-grain")).getFirstSelectedOption().getText())
        .isEqualTo("Päivä");
    assertThat(agent.find(By.cssSelector("#answers-title")).getText())
        .isEqualTo("Kyselyn vastaukset");
    // dates in Finnish: the month of the first period's row reads like "1.12.2026" or "1. jouluk.
    // 2026"
    assertThat(agent.all("stats-bucket-row").get(0).findElement(By.tagName("th")).getText())
        .doesNotContainPattern("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec");
  }

  // ---- helpers

  private static String answer(Browser browser, String name) {
    return browser
        .find(
            By.cssSelector(
                "[data-testid='contact-answer'][data-name='"
                    + name
                    + "'] [data-testid='contact-answer-value']"))
        .getAttribute("textContent");
  }

  /** Waits for a bot bubble of this kind that contains the text. */
  private static WebElement botSays(Browser browser, String kind, String text) {
    return browser.until(
        d ->
            d
                .findElements(
                    By.cssSelector(
                        "[data-testid='bot-bubble'][data-from='bot'][data-kind='" + kind + "']"))
                .stream()
                .filter(b -> b.getText().contains(text))
                .findFirst()
                .orElse(null),
        "the bot saying (" + kind + ") " + text);
  }

  private static void answerBot(Browser browser, String text) {
    WebElement input = browser.find("bot-input");
    input.sendKeys(text);
    input.sendKeys(Keys.ENTER);
  }

  private static void toggle(Browser browser, String key, String saved) {
    browser.find(By.cssSelector("label[for='setting-" + key + "']")).click();
    browser.textContains("settings-status", saved);
    browser.until(d -> d.findElement(By.id("setting-" + key)).isEnabled(), key + " enabled again");
  }

  private static void assertNothingRan(Browser browser) {
    browser.until(
        d -> (Boolean) browser.script("return [...document.images].every((i) => i.complete);"),
        "images complete");
    assertThat(browser.spied("dialogs")).isEmpty();
    assertThat(browser.script("return document.querySelectorAll('img[src=\"x\"]').length"))
        .isEqualTo(0L);
  }
}
