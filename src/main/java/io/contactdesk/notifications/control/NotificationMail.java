package io.contactdesk.notifications.control;

import io.contactdesk.notifications.entity.OutboxMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The e-mail about a contact: that there is a new one, that nobody has answered one in time
 * (escalation), or, to a queue's fallback address, that a new one would have reached nobody. By
 * design it says only that: the queue, the time and a link to the console, which requires login. No
 * answer, no visitor name, no message text, so nothing a visitor wrote ever travels by mail or
 * lands in a mailbox.
 */
public record NotificationMail(
    OutboxMail.Kind kind,
    String to,
    String queueName,
    ZoneId queueZone,
    Instant at,
    String link,
    String contactId) {

  /** The mail about a new contact. */
  public NotificationMail(
      String to, String queueName, ZoneId queueZone, Instant at, String link, String contactId) {
    this(OutboxMail.Kind.NEW_CONTACT, to, queueName, queueZone, at, link, contactId);
  }

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm", Locale.ENGLISH);

  public String subject() {
    return switch (kind) {
      case NEW_CONTACT -> "New contact in " + oneLine(queueName);
      case ESCALATION -> "Nobody has answered a contact in " + oneLine(queueName);
      case FALLBACK -> "New contact in " + oneLine(queueName) + " (no agent was told)";
    };
  }

  /** The sentence the mail says, in plain text. */
  private String lead() {
    return switch (kind) {
      case NEW_CONTACT ->
          "A visitor left a message in " + oneLine(queueName) + " on " + when() + ".";
      case ESCALATION ->
          "Nobody has answered a message a visitor left in "
              + oneLine(queueName)
              + " within the queue's escalation time; it became overdue on "
              + when()
              + ".";
      case FALLBACK ->
          "A visitor left a message in "
              + oneLine(queueName)
              + " on "
              + when()
              + ". No agent of the queue gets e-mail or is online, so this address was told.";
    };
  }

  public String text() {
    return lead() + "\r\n\r\nOpen it in ContactDesk (login required):\r\n" + link + "\r\n";
  }

  public String html() {
    return "<!doctype html><html><body style=\"font-family:system-ui,sans-serif\">"
        + "<p>"
        + escape(lead())
        + "</p><p><a href=\""
        + escape(link)
        + "\">Open it in ContactDesk</a> (login required).</p></body></html>";
  }

  public MimeMessage toMessage(Session session, InternetAddress from) throws MessagingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(from);
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
    message.setSubject(subject(), "UTF-8");
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText(text(), "UTF-8");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setContent(html(), "text/html; charset=UTF-8");
    message.setContent(new MimeMultipart("alternative", plain, rich));
    // lets a mail rule, or an admin reading a bounce, tell which contact a mail is about
    message.setHeader("X-ContactDesk-Contact", contactId);
    message.saveChanges();
    return message;
  }

  String when() {
    return WHEN.format(at.atZone(queueZone)) + " (" + queueZone.getId() + ")";
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n\\t]+", " ");
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
