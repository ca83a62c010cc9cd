package io.contactdesk.users.entity;

/** Turns a password into what is stored, and tells whether a password matches what was stored. */
public interface PasswordHasher {

  String hash(String password);

  boolean matches(String password, String hash);
}
