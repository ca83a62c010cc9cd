package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.Contact;

/** The stored contact, and whether this answer repeats an earlier one for the same key. */
public record Registration(Contact contact, boolean replayed) {}
