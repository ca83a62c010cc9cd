package io.contactdesk.contacts.entity;

/**
 * What an agent asks for with a comment: a text (null for none), a new status (null keeps it), and,
 * when {@code handsOver}, a new handler ({@code handler}, null for nobody).
 */
public record CommentDraft(String text, Status status, boolean handsOver, String handler) {}
