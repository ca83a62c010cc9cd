package io.contactdesk.testkit;

import jakarta.json.JsonObject;
import java.time.Instant;

/** What a visitor gets back for a new contact (201): its id, reference and time. */
public record Receipt(String id, String reference, Instant createdAt) {

  static Receipt of(JsonObject body) {
    return new Receipt(
        body.getString("id"),
        body.getString("reference"),
        Instant.parse(body.getString("createdAt")));
  }
}
