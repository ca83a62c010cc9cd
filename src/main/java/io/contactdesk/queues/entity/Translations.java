package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** A text in several languages, e.g. {@code {"en":"Name","fi":"Nimi"}}, keyed by language tag. */
public record Translations(Map<String, String> texts) {

  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");
  public static final Translations NONE = new Translations(Map.of());

  public Translations {
    texts = texts == null ? Map.of() : Map.copyOf(texts);
  }

  /**
   * Checks tags and lengths of an admin's input. A field path such as {@code form.fields[0].label}
   * prefixes the errors.
   */
  public static Translations parse(Map<String, String> texts, int maxLength, String path) {
    if (texts == null) {
      return NONE;
    }
    var errors = new InvalidInput.Collector();
    var clean = new LinkedHashMap<String, String>();
    texts.forEach(
        (language, text) -> {
          if (language == null || !LANGUAGE.matcher(language).matches()) {
            errors.add(path, "languages are tags such as en or fi; '" + language + "' is not one");
          } else if (text == null || text.isBlank()) {
            errors.add(path + "." + language, "must not be empty");
          } else if (text.length() > maxLength) {
            errors.add(path + "." + language, "must be at most " + maxLength + " characters");
          } else {
            clean.put(language, text.strip());
          }
        });
    errors.throwIfAny();
    return new Translations(clean);
  }

  /** The text in the asked language, else its base language, else English, else any; "" if none. */
  public String in(String language) {
    if (texts.isEmpty()) {
      return "";
    }
    String tag = language == null ? "en" : language;
    String text = texts.get(tag);
    if (text == null) {
      text = texts.get(tag.split("-")[0].toLowerCase(Locale.ROOT));
    }
    if (text == null) {
      text = texts.get("en");
    }
    return text != null ? text : texts.values().iterator().next();
  }

  public boolean isEmpty() {
    return texts.isEmpty();
  }

  public static boolean isLanguageTag(String value) {
    return value != null && LANGUAGE.matcher(value).matches();
  }
}
