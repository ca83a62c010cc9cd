package io.contactdesk.activity.entity;

/** What happened to a queue's contacts, as the activity log lists it. */
public enum ActivityType {
  CONTACT_REGISTERED,
  COMMENT_ADDED,
  STATUS_CHANGED,
  HANDLER_CHANGED,
  CONTENT_VIEWED,
  CONTACT_DELETED,
  /** Nobody answered the contact in its queue's open time: it is overdue (escalation). */
  CONTACT_ESCALATED
}
