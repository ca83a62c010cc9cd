package io.contactdesk.testkit;

/**
 * Someone who signs in: the admin the server is started with, or a user a test made through the
 * admin API ({@link Fixtures#user()}). The id is null for the admin, whose id no test needs.
 */
public record User(String id, String username, String password, String displayName) {

  /** The failsafe executions give the server this as {@code CONTACTDESK_ADMIN_PASSWORD}. */
  public static final String ADMIN_PASSWORD =
      System.getProperty("contactdesk.it.admin-password", "it-admin-password");

  /** The admin made at first start. */
  public static final User ADMIN = new User(null, "admin", ADMIN_PASSWORD, null);
}
