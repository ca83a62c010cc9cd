package io.contactdesk.queues.entity;

/**
 * One choice of a {@code select} field: the stored value and what the visitor reads, at most
 * {@value #MAX_LABEL_LENGTH} characters per language.
 */
public record FieldOption(String value, Translations label) {
  public static final int MAX_LABEL_LENGTH = 500;
}
