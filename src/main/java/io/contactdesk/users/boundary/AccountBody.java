package io.contactdesk.users.boundary;

import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import java.time.Instant;
import java.util.List;

/** A user as an admin sees them in {@code GET /api/admin/users}. */
public record AccountBody(
    String id,
    String username,
    String displayName,
    String email,
    List<String> roles,
    boolean disabled,
    Instant lastLoginAt) {
  static AccountBody of(User user) {
    return new AccountBody(
        user.id(),
        user.username(),
        user.displayName(),
        user.email(),
        user.roles().stream().map(Role::wireName).sorted().toList(),
        user.disabled(),
        user.lastLoginAt());
  }
}
