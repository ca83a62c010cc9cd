package io.contactdesk.queues.control;

import io.contactdesk.platform.NotFound;

/** No such queue, or none the caller may see; both answer the same 404. */
public class QueueNotFound extends NotFound {
  public QueueNotFound() {
    super("No such queue");
  }
}
