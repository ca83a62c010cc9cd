package io.contactdesk.users.entity;

import java.util.Locale;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;

/**
 * What a password must be (SPEC rule 11), for every way one is set: a new user, an admin's reset, a
 * user's own change and the first start's admin password.
 *
 * <ol>
 *   <li>12 to 200 characters.
 *   <li>Not the username, not the e-mail address and not its local part, in any case.
 *   <li>Not well known and not easily guessed: nbvcxz's estimate, which knows a list of leaked
 *       passwords, English words and names, keyboard walks, sequences and repeats, must reach a
 *       basic score of {@value #MIN_SCORE} of 4 (about a million guesses or more). That refuses
 *       {@code password1234}, {@code aaaaaaaaaaaa} and {@code 123456789012}; it accepts {@code
 *       correct horse battery}.
 * </ol>
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 200;
  static final int MIN_SCORE = 2;

  private PasswordPolicy() {}

  /** Why this password is refused, naming the rule; empty if it is good. */
  public static Optional<String> problem(String password, String username, String email) {
    if (password == null
        || password.codePointCount(0, password.length()) < MIN_LENGTH
        || password.length() > MAX_LENGTH) {
      return Optional.of(
          "length: must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
    }
    String lower = password.toLowerCase(Locale.ROOT);
    if (isPersonal(lower, username)
        || isPersonal(lower, email)
        || isPersonal(lower, local(email))) {
      return Optional.of("personal: must not be your username or e-mail address");
    }
    if (Estimator.INSTANCE.estimate(password).getBasicScore() < MIN_SCORE) {
      return Optional.of("guessable: is a well-known or easily guessed password");
    }
    return Optional.empty();
  }

  private static boolean isPersonal(String lowerPassword, String value) {
    return value != null
        && !value.isBlank()
        && lowerPassword.equals(value.toLowerCase(Locale.ROOT));
  }

  private static String local(String email) {
    int at = email == null ? -1 : email.indexOf('@');
    return at > 0 ? email.substring(0, at) : null;
  }

  /** One estimator for the process: building it reads megabytes of word lists. */
  private static final class Estimator {
    static final Nbvcxz INSTANCE = new Nbvcxz();
  }
}
