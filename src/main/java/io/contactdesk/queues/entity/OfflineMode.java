package io.contactdesk.queues.entity;

/** What the chat window shows while the queue is closed. */
public enum OfflineMode {
  /** The contact form. */
  FORM,
  /** The offline message with the opening hours; no form. */
  MESSAGE,
  /** A small bot that answers common questions and can take a message like the form. */
  BOT
}
