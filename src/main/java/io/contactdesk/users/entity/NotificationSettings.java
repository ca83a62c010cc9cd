package io.contactdesk.users.entity;

/** How a user wants to hear about new registered contacts; all off for a new user. */
public record NotificationSettings(boolean sound, boolean desktop, boolean email) {
  public static final NotificationSettings OFF = new NotificationSettings(false, false, false);

  /** Live (SSE) notifications go to a user who wants a sound or a desktop notification. */
  public boolean wantsLive() {
    return sound || desktop;
  }
}
