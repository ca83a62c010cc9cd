package io.contactdesk.users.control;

/** A console session ended (logout, expiry, or its user's sign-ins were ended). */
public record SessionEnded(String sessionId) {}
