package io.contactdesk.contacts.control;

/**
 * A contact has been erased, by an admin's DELETE or by retention (a deleted queue's contacts go in
 * bulk, announced by {@code QueueDeleted}). Fired inside the erasing transaction, before the
 * contact's row goes, so that what other features keep about the contact (its owed mail) goes in
 * the same commit: an erasure happens whole or not at all.
 */
public record ContactErased(String contactId) {}
