package io.contactdesk.queues.entity;

/**
 * One answer as the visitor gave it, with the label it was asked under. For a consent field the
 * label is the consent text the visitor agreed to, kept so it can be shown later even after the
 * form has changed.
 */
public record Answer(String name, String label, String value) {}
