package io.contactdesk.users.boundary;

import io.contactdesk.users.entity.Role;
import io.contactdesk.users.entity.User;
import java.util.List;

/** A user as {@code GET /api/me} shows it. */
public record UserBody(
    String id, String username, String displayName, String email, List<String> roles) {
  static UserBody of(User user) {
    return new UserBody(
        user.id(),
        user.username(),
        user.displayName(),
        user.email(),
        user.roles().stream().map(Role::wireName).sorted().toList());
  }
}
