package io.contactdesk.queues.entity;

/** One choice of a {@code select} field: the stored value and what the visitor reads. */
public record FieldOption(String value, Translations label) {}
