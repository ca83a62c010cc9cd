package io.contactdesk.queues.entity;

/** An admin's hand on the queue's state: follow the schedule, or force it open or closed. */
public enum ManualOverride {
  SCHEDULE,
  OPEN,
  CLOSED
}
