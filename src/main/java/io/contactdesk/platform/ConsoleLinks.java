package io.contactdesk.platform;

/**
 * Addresses of the agent console's pages ({@code src/main/webapp/console}), for whatever points an
 * agent there: the live notifications, the e-mail. The console's router reads them after the {@code
 * #}; the page itself asks for a login first (SPEC rule 5).
 */
public final class ConsoleLinks {

  private ConsoleLinks() {}

  /** The console page of a contact, relative to the server: {@code /#/contacts/{id}}. */
  public static String contact(String contactId) {
    return "/#/contacts/" + contactId;
  }

  /** The console page of a contact under {@code baseUrl} (with or without a trailing slash). */
  public static String contact(String baseUrl, String contactId) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return base + contact(contactId);
  }
}
