package io.contactdesk.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import java.util.Optional;
import java.util.Properties;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where mail goes out: the server's mail session when it defines one under {@code
 * contactdesk.mail.jndi} (default {@code mail/contactdesk}), else an SMTP session built from {@code
 * contactdesk.mail.*}. Without either, mail waits in the outbox.
 */
@ApplicationScoped
public class MailSessions {

  static final String TIMEOUT_MILLIS = "10000";

  @Inject
  @ConfigProperty(name = "contactdesk.mail.jndi", defaultValue = "mail/contactdesk")
  String jndiName;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.host")
  Optional<String> host;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.port", defaultValue = "25")
  int port;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.username")
  Optional<String> username;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "contactdesk.mail.starttls", defaultValue = "false")
  boolean starttls;

  private volatile Session session;

  /** The session to send with, if mail is configured at all. */
  public Optional<Session> session() {
    Session current = session;
    if (current == null) {
      current = fromServer().or(this::fromConfig).orElse(null);
      session = current;
    }
    return Optional.ofNullable(current);
  }

  private Optional<Session> fromServer() {
    try {
      return Optional.of((Session) new InitialContext().lookup(jndiName));
    } catch (NamingException | ClassCastException e) {
      return Optional.empty();
    }
  }

  private Optional<Session> fromConfig() {
    if (host.filter(h -> !h.isBlank()).isEmpty()) {
      return Optional.empty();
    }
    Properties props = new Properties();
    props.put("mail.transport.protocol", "smtp");
    props.put("mail.smtp.host", host.get());
    props.put("mail.smtp.port", String.valueOf(port));
    // a slow SMTP server holds up the mail worker, never a visitor
    props.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.timeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
    props.put("mail.smtp.starttls.enable", String.valueOf(starttls));
    props.put("mail.smtp.starttls.required", String.valueOf(starttls));
    Optional<String> user = username.filter(u -> !u.isBlank());
    if (user.isEmpty()) {
      return Optional.of(Session.getInstance(props));
    }
    props.put("mail.smtp.auth", "true");
    String secret = password.orElse("");
    return Optional.of(
        Session.getInstance(
            props,
            new Authenticator() {
              @Override
              protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user.get(), secret);
              }
            }));
  }
}
