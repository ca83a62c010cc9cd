package io.contactdesk.platform;

import jakarta.ws.rs.ClientErrorException;

/** A request body over {@link BodyLimit#MAX_BYTES}. */
public class PayloadTooLarge extends ClientErrorException {
  public PayloadTooLarge() {
    super("The body is larger than " + BodyLimit.MAX_BYTES / 1024 + " KiB", 413);
  }
}
