package io.contactdesk.platform;

import java.security.SecureRandom;
import java.util.Base64;

/** Identifiers that must not be guessable: 128 random bits, URL-safe. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  // Crockford's base32 without I, L, O, U: easy to read aloud and to type from a phone call.
  private static final char[] READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private Ids() {}

  private static final java.util.regex.Pattern RANDOM_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /**
   * Whether a string could be an id of ours at all. Anything else is answered "not found" before it
   * reaches the database (PostgreSQL refuses a NUL in a query parameter with an error, not a miss).
   */
  public static boolean isWellFormed(String id) {
    return id != null && RANDOM_ID.matcher(id).matches();
  }

  public static String random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * A short code such as {@code K7Q-4MX2} that a visitor can quote; 35 bits, unique by constraint.
   */
  public static String reference() {
    StringBuilder code = new StringBuilder(8);
    for (int i = 0; i < 7; i++) {
      if (i == 3) {
        code.append('-');
      }
      code.append(READABLE[RANDOM.nextInt(READABLE.length)]);
    }
    return code.toString();
  }
}
