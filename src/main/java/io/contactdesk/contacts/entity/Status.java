package io.contactdesk.contacts.entity;

/** Where an agent is with a contact. Spam is kept out of the statistics. */
public enum Status {
  NEW,
  IN_PROGRESS,
  DONE,
  SPAM
}
