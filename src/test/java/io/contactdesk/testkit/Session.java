package io.contactdesk.testkit;

/**
 * A console session (SPEC, Accounts): the {@code Cookie} header value to send back, and the CSRF
 * token every unsafe request of the session must repeat in {@code X-CSRF-Token}.
 */
public record Session(String cookie, String csrfToken) {

  public static final String COOKIE = "CONTACTDESK_SESSION";
}
