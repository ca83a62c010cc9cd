package io.contactdesk.platform;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** 429 with {@code Retry-After}: the client may try again after that many seconds. */
public class TooManyRequests extends ClientErrorException {
  public TooManyRequests(long retryAfterSeconds) {
    super(
        "Too many requests; try again in " + retryAfterSeconds + " s",
        Response.status(429, "Too Many Requests").header("Retry-After", retryAfterSeconds).build());
  }
}
