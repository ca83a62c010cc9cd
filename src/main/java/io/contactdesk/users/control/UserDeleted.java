package io.contactdesk.users.control;

/**
 * A user is being deleted, inside the deleting transaction: features that keep rows about them
 * (owed mail, say) remove those in the same commit.
 */
public record UserDeleted(String username) {}
