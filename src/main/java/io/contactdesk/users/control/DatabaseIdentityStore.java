package io.contactdesk.users.control;

import io.contactdesk.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a username and password against the users in the database.
 *
 * <p>Scripts send HTTP Basic with every request, and PBKDF2 is slow on purpose, so a successful
 * check is remembered for a minute under an HMAC of the credentials with a key that lives only in
 * this process, and holds only while the user's session epoch stays the same (see {@link SignIns}).
 * A wrong password is never remembered; a disabled user is refused like a wrong password.
 */
@ApplicationScoped
public class DatabaseIdentityStore implements IdentityStore {

  private static final Logger LOG = Logger.getLogger(DatabaseIdentityStore.class.getName());
  private static final Duration REMEMBER = Duration.ofMinutes(1);
  private static final int MAX_REMEMBERED = 10_000;

  @Inject Users users;
  @Inject Passwords passwords;
  @Inject SignIns signIns;
  @Inject Clock clock;

  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final SecretKeySpec key;

  public DatabaseIdentityStore() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    key = new SecretKeySpec(bytes, "HmacSHA256");
  }

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential login)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    return check(login.getCaller(), login.getPasswordAsString())
        .map(signIn -> new CredentialValidationResult(signIn.username(), signIn.groups()))
        .orElse(CredentialValidationResult.INVALID_RESULT);
  }

  /** A password checked against an enabled user; what the sign-in holds under. */
  public record SignIn(String username, Set<String> groups, long epoch) {}

  public Optional<SignIn> check(String username, String password) {
    if (username == null
        || password == null
        || username.length() > 100
        || password.length() > 200) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String fingerprint = fingerprint(username, password);
    Remembered known = remembered.get(fingerprint);
    if (known != null && known.until().isAfter(now)) {
      var account = signIns.current(username).filter(a -> a.epoch() == known.epoch());
      if (account.isPresent()) {
        return Optional.of(new SignIn(username, account.get().roles(), known.epoch()));
      }
      remembered.remove(fingerprint); // the account changed since: check the password again
    }
    User user = users.find(username).orElse(null);
    if (user == null) {
      passwords.spendTheSameTime(password);
      return Optional.empty();
    }
    if (!passwords.matches(password, user.passwordHash()) || user.disabled()) {
      return Optional.empty();
    }
    Set<String> groups = SignIns.groups(user);
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(fingerprint, new Remembered(user.sessionEpoch(), now.plus(REMEMBER)));
    try {
      users.loggedIn(username);
    } catch (RuntimeException e) {
      // only the time of the last login is lost; the login itself is good
      LOG.log(Level.WARNING, "Could not note the login of " + username, e);
    }
    return Optional.of(new SignIn(username, groups, user.sessionEpoch()));
  }

  private String fingerprint(String username, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(username.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Remembered(long epoch, Instant until) {}
}
