package io.contactdesk.notifications.control;

import io.contactdesk.contacts.control.ContactRegistered;
import jakarta.enterprise.inject.Vetoed;

/**
 * The feed of a single node (embedded H2): a contact committed here is the only kind there is, so
 * it goes to this node's streams straight from the commit.
 */
@Vetoed // made by LiveFeeds, which chooses by the database
final class InProcessLiveFeed implements LiveFeed {

  private volatile Receiver receiver;

  @Override
  public void published(ContactRegistered contact) {
    // nobody else to tell
  }

  @Override
  public void committed(ContactRegistered contact) {
    Receiver to = receiver;
    if (to != null) {
      to.deliver(contact);
    }
  }

  @Override
  public void published(Escalation escalation) {
    // nobody else to tell
  }

  @Override
  public void committed(Escalation escalation) {
    Receiver to = receiver;
    if (to != null) {
      to.deliver(escalation);
    }
  }

  @Override
  public void start(Receiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void stop() {
    receiver = null;
  }
}
