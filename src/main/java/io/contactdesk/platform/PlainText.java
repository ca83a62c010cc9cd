package io.contactdesk.platform;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Rules for text people type (visitors' answers, agents' comments). Text is stored as typed and
 * escaped wherever it is shown, but characters that no person types and that break storage, mail
 * headers or terminals are refused: control characters, line breaks in one-line fields and broken
 * UTF-16.
 */
public final class PlainText {

  private static final Pattern EMAIL =
      Pattern.compile(
          "[^@\\s\\p{Cntrl}\"<>()\\[\\],;:\\\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\\.)+[A-Za-z0-9-]{2,63}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{5,40}");

  private PlainText() {}

  public static String normalise(String value) {
    return Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
  }

  /** What is wrong with the text, or null when nothing is. */
  public static String problem(String value, boolean multiline) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r') {
        if (!multiline) {
          return "must be a single line";
        }
      } else if (c != '\t' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
        return "contains characters that are not allowed";
      } else if (Character.isHighSurrogate(c)
          && (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(++i)))) {
        return "contains characters that are not allowed";
      } else if (Character.isLowSurrogate(c)) {
        return "contains characters that are not allowed";
      }
    }
    return null;
  }

  public static boolean isEmail(String value) {
    return value.length() <= 254 && EMAIL.matcher(value).matches();
  }

  public static boolean isPhone(String value) {
    return PHONE.matcher(value).matches() && value.chars().filter(Character::isDigit).count() >= 5;
  }
}
