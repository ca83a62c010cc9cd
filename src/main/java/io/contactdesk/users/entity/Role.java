package io.contactdesk.users.entity;

import java.util.Locale;
import java.util.Optional;

/** What a user may do: an agent works in their queues, an admin manages everything. */
public enum Role {
  AGENT,
  ADMIN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String name) {
    for (Role role : values()) {
      if (role.wireName().equals(name)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
