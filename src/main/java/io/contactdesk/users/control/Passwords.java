package io.contactdesk.users.control;

import io.contactdesk.users.entity.PasswordHasher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/** PBKDF2 hashes of passwords, through Jakarta Security's {@link Pbkdf2PasswordHash}. */
@ApplicationScoped
public class Passwords implements PasswordHasher {

  static final int ITERATIONS = 120_000;

  @Inject Pbkdf2PasswordHash pbkdf2;

  // Verifying an unknown user costs the same as a known one, so timing does not tell who exists.
  private String decoy;

  @PostConstruct
  void configure() {
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", String.valueOf(ITERATIONS),
            "Pbkdf2PasswordHash.SaltSizeBytes", "16",
            "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    decoy = pbkdf2.generate("decoy-password".toCharArray());
  }

  @Override
  public String hash(String password) {
    return pbkdf2.generate(password.toCharArray());
  }

  @Override
  public boolean matches(String password, String hash) {
    return pbkdf2.verify(password.toCharArray(), hash);
  }

  public void spendTheSameTime(String password) {
    pbkdf2.verify(password.toCharArray(), decoy);
  }
}
