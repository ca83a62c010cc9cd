package io.contactdesk.users.control;

/**
 * A user was edited, disabled, re-enabled, deleted or given a new password. Whatever holds a
 * sign-in of theirs (sessions, remembered credentials, live streams) checks it again at once.
 */
public record AccountChanged(String username) {}
