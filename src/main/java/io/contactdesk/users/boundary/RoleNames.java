package io.contactdesk.users.boundary;

import io.contactdesk.users.entity.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The API's role names ({@code agent}, {@code admin}) as roles; unknown names are left out. */
final class RoleNames {

  private RoleNames() {}

  static Set<Role> of(List<String> names) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    if (names != null) {
      names.forEach(n -> Role.fromWire(n).ifPresent(roles::add));
    }
    return roles;
  }
}
