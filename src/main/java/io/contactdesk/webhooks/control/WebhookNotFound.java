package io.contactdesk.webhooks.control;

import io.contactdesk.platform.NotFound;

/** No such webhook, or no such delivery of it. */
public class WebhookNotFound extends NotFound {
  public WebhookNotFound(String what) {
    super("No such " + what);
  }
}
