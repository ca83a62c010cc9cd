package io.contactdesk.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail scenario's SMTP server: GreenMail on a loopback port that can be stopped and started
 * again (an outage), counting what arrived per contact id and recipient over all its lives.
 */
final class MailSink {

  private static final Pattern LINK = Pattern.compile("contacts/([A-Za-z0-9_-]{10,64})");

  final int port;
  private final Map<String, Integer> earlierLives = new HashMap<>();
  private int earlierCount;
  private GreenMail server;

  MailSink(int port) {
    this.port = port;
  }

  synchronized void up() {
    if (server == null) {
      server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      server.start();
    }
  }

  /** Stops the server; what it received is kept. */
  synchronized void down() {
    if (server != null) {
      Map<String, Integer> received = received(server);
      received.forEach((k, n) -> earlierLives.merge(k, n, Integer::sum));
      earlierCount += received.values().stream().mapToInt(Integer::intValue).sum();
      server.stop();
      server = null;
    }
  }

  synchronized int count() {
    return earlierCount + (server == null ? 0 : server.getReceivedMessages().length);
  }

  /** "contactId recipient@address" → how many mails of it arrived. */
  synchronized Map<String, Integer> perPair() {
    Map<String, Integer> all = new HashMap<>(earlierLives);
    if (server != null) {
      received(server).forEach((k, n) -> all.merge(k, n, Integer::sum));
    }
    return all;
  }

  private static Map<String, Integer> received(GreenMail server) {
    Map<String, Integer> pairs = new HashMap<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      // quoted-printable soft line breaks may split the link
      String text = GreenMailUtil.getWholeMessage(message).replace("=\r\n", "").replace("=\n", "");
      Matcher m = LINK.matcher(text);
      String id = m.find() ? m.group(1) : "?";
      try {
        for (Address to : message.getAllRecipients()) {
          String address = to instanceof InternetAddress a ? a.getAddress() : to.toString();
          pairs.merge(id + " " + address.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
      } catch (MessagingException e) {
        pairs.merge(id + " ?", 1, Integer::sum);
      }
    }
    return pairs;
  }
}
