package io.contactdesk.contacts.entity;

/** Where a registered contact came from: the contact form, or the bot taking a message. */
public enum Source {
  FORM,
  BOT
}
