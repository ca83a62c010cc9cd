package io.contactdesk.contacts.control;

import io.contactdesk.contacts.entity.PageUrl;
import io.contactdesk.contacts.entity.Source;
import java.util.Map;

/**
 * What a visitor sends, in the domain's terms: the answers as they came (the queue's form checks
 * them), the language their labels are taken in, where the visitor was and where the message came
 * from. With an {@code Idempotency-Key}, {@code fingerprint} identifies the request that carried it
 * (both null without one).
 */
public record Submission(
    Map<String, Object> answers,
    String language,
    PageUrl pageUrl,
    Source source,
    String idempotencyKey,
    String fingerprint) {}
