package io.contactdesk.contacts.control;

import io.contactdesk.platform.NotFound;

/** No such contact, or one of a queue the caller is not in: the same 404 either way. */
public class ContactNotFound extends NotFound {
  public ContactNotFound() {
    super("No such contact");
  }
}
