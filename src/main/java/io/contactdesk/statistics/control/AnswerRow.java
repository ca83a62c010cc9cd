package io.contactdesk.statistics.control;

import io.contactdesk.queues.entity.Answer;
import java.time.Instant;
import java.util.List;

/** One registered contact as the questionnaire-answers report lists it. */
public record AnswerRow(
    String contactId,
    String reference,
    Instant createdAt,
    String status,
    String handler,
    String source,
    String language,
    List<Answer> answers) {

  public String valueOf(String fieldName) {
    for (Answer answer : answers) {
      if (answer.name().equals(fieldName)) {
        return answer.value();
      }
    }
    return null;
  }
}
