package io.contactdesk.queues.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of form field a visitor can fill in, with the length allowed when none is set. */
public enum FieldType {
  TEXT(200),
  TEXTAREA(5000),
  EMAIL(254),
  PHONE(40),
  SELECT(200),
  CHECKBOX(5),
  CONSENT(5);

  private final int defaultMaxLength;

  FieldType(int defaultMaxLength) {
    this.defaultMaxLength = defaultMaxLength;
  }

  public int defaultMaxLength() {
    return defaultMaxLength;
  }

  /** The name used in the API: {@code text}, {@code textarea}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isTicked() {
    return this == CHECKBOX || this == CONSENT;
  }

  public boolean isMultiline() {
    return this == TEXTAREA;
  }

  public static Optional<FieldType> fromWire(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }
}
