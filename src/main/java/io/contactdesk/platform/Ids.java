package io.contactdesk.platform;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/** Identifiers that must not be guessable: 128 or 84 random bits, URL-safe. */
public final class Ids {

  // One generator per thread: the default one on Linux (NativePRNG) reads under one lock shared by
  // all its instances, where a flight recording of 32 concurrent submissions found threads queued.
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Ids::generator);
  // the URL-safe Base64 characters in ASCII order, so that the strings sort as the numbers do
  private static final char[] SORTED =
      "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz".toCharArray();
  // Crockford's base32 without I, L, O, U: easy to read aloud and to type from a phone call.
  private static final char[] READABLE = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  private Ids() {}

  private static SecureRandom generator() {
    try {
      return SecureRandom.getInstance("DRBG"); // seeded from the system's entropy source
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Java has no DRBG", e);
    }
  }

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
    RANDOM.get().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * An id for rows written at a high rate (contacts, their mail): 8 characters of the time in
   * milliseconds, then 14 random ones (84 bits), in an alphabet that sorts like the values it
   * stands for. Made one after the other, such ids sort by time, so each new row lands beside the
   * previous ones in its table's primary-key index rather than on a random page of it (on H2 a
   * random page is often read from disk first, and written out again at the next commit). 84 random
   * bits are still not guessable; the time in them is the {@code createdAt} that the contact's
   * receipt shows anyway. Same length and characters as {@link #random()}.
   */
  public static String timeOrdered(Instant at) {
    long millis = at.toEpochMilli();
    char[] id = new char[22];
    for (int i = 0; i < 8; i++) {
      id[i] = SORTED[(int) (millis >>> (42 - 6 * i)) & 63];
    }
    byte[] random = new byte[id.length - 8];
    RANDOM.get().nextBytes(random);
    for (int i = 8; i < id.length; i++) {
      id[i] = SORTED[random[i - 8] & 63];
    }
    return new String(id);
  }

  /**
   * A short code such as {@code K7Q-4MX2} that a visitor can quote; 35 bits, indexed but not
   * unique: the id identifies a contact, the reference helps find it.
   */
  public static String reference() {
    StringBuilder code = new StringBuilder(8);
    for (int i = 0; i < 7; i++) {
      if (i == 3) {
        code.append('-');
      }
      code.append(READABLE[RANDOM.get().nextInt(READABLE.length)]);
    }
    return code.toString();
  }

  /**
   * A reference as a person typed it, in the form {@link #reference()} makes, or null when it is
   * not one: any case, with or without the dash and spaces, and O read as 0, I and L as 1, the
   * letters people mistake for those digits (the alphabet has none of them).
   */
  public static String referenceOf(String typed) {
    StringBuilder code = new StringBuilder(8);
    for (char ch : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
      char read =
          switch (ch) {
            case 'O' -> '0';
            case 'I', 'L' -> '1';
            default -> ch;
          };
      if (read == '-' || Character.isWhitespace(read)) {
        continue;
      }
      if (new String(READABLE).indexOf(read) < 0 || code.length() == 7) {
        return null;
      }
      code.append(read);
    }
    return code.length() == 7 ? code.insert(3, '-').toString() : null;
  }
}
