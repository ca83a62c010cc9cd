package io.contactdesk.contacts.control;

import java.time.Instant;
import java.util.List;

/**
 * Who was told of a contact, how, and whether it went out (SPEC, Part 2, Follow-up: "notifications"
 * of {@code GET /api/contacts/{id}}). The notifications feature keeps that and sits above contacts,
 * so it answers through this interface and contacts does not import it.
 */
public interface DeliveryTrail {

  /**
   * One notification: {@code channel} {@code email} (or {@code live}, {@code webhook}), to whom,
   * what about ({@code kind}: {@code NEW_CONTACT}, {@code ESCALATION}, {@code FALLBACK}), where it
   * is ({@code status}: {@code queued}, {@code retrying}, {@code sending}, {@code sent}, {@code
   * failed}), after how many attempts, and when (sent, given up, or next attempt). {@code error} is
   * the last failure, for admins only (null otherwise).
   */
  record Notice(
      String channel,
      String recipient,
      String kind,
      String status,
      int attempts,
      Instant at,
      String error) {}

  /** The contact's notifications, oldest first; {@code admin} sees the errors. */
  List<Notice> of(String contactId, boolean admin);
}
