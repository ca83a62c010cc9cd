package io.contactdesk.users.control;

/** A username is unique; a second user with the same one is refused with 409. */
public class UsernameTaken extends io.contactdesk.platform.Conflict {
  public UsernameTaken(String username) {
    super("The username " + username + " is taken");
  }
}
