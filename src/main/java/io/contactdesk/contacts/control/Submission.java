package io.contactdesk.contacts.control;

import java.util.Map;

/** What a visitor sends: the answers and where they were when they sent them. */
public record Submission(
    Map<String, Object> answers, String language, String pageUrl, String source) {}
