package io.contactdesk.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Input that breaks a domain rule. Carries every failing field with a message a person can read;
 * answered as {@code 422} with the SPEC's error shape.
 */
public class InvalidInput extends RuntimeException {

  private final Map<String, String> fields;

  public InvalidInput(Map<String, String> fields) {
    super(summary(fields));
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static InvalidInput of(String field, String message) {
    return new InvalidInput(Map.of(field, message));
  }

  public Map<String, String> fields() {
    return fields;
  }

  private static String summary(Map<String, String> fields) {
    return fields.size() == 1
        ? fields.entrySet().iterator().next().getValue()
        : fields.size() + " fields are invalid";
  }

  /** Collects failures so a caller can report all of them at once, not only the first. */
  public static final class Collector {
    private final Map<String, String> fields = new LinkedHashMap<>();

    public void add(String field, String message) {
      fields.putIfAbsent(field, message);
    }

    public void addAll(String prefix, InvalidInput e) {
      e.fields().forEach((k, v) -> add(prefix + k, v));
    }

    /**
     * The value {@code part} reads, or null when it refuses its input: its failures are kept here,
     * so one answer can name every parameter that is wrong.
     */
    public <T> T attempt(java.util.function.Supplier<T> part) {
      try {
        return part.get();
      } catch (InvalidInput e) {
        addAll("", e);
        return null;
      }
    }

    public boolean isEmpty() {
      return fields.isEmpty();
    }

    public void throwIfAny() {
      if (!fields.isEmpty()) {
        throw new InvalidInput(fields);
      }
    }
  }
}
