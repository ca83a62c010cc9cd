package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** The questions a visitor answers when the queue is closed, in the order they are asked. */
public record ContactForm(List<FormField> fields) {

  public static final int MAX_FIELDS = 50;
  public static final ContactForm EMPTY = new ContactForm(List.of());

  public ContactForm {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** Checks a whole form as an admin defined it: unique names, at most {@value #MAX_FIELDS}. */
  public static ContactForm of(List<FormField> fields) {
    var errors = new InvalidInput.Collector();
    if (fields.size() > MAX_FIELDS) {
      errors.add("form.fields", "a form has at most " + MAX_FIELDS + " fields");
    }
    var names = new HashSet<String>();
    for (int i = 0; i < fields.size(); i++) {
      if (!names.add(fields.get(i).name())) {
        errors.add("form.fields[" + i + "].name", "is used by another field");
      }
    }
    errors.throwIfAny();
    return new ContactForm(fields);
  }

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * Turns a visitor's answers into what is stored: every field checked, every problem reported at
   * once (keyed by field name), labels taken in the visitor's language. Unknown keys are refused so
   * nothing is stored that the form did not ask for.
   */
  public List<Answer> answer(Map<String, Object> given, String language) {
    var errors = new InvalidInput.Collector();
    Map<String, Object> answers = given == null ? Map.of() : given;
    if (fields.isEmpty()) {
      errors.add("answers", "this queue does not take messages");
    }
    var known = new HashSet<String>();
    var result = new ArrayList<Answer>();
    for (FormField field : fields) {
      known.add(field.name());
      try {
        String value = field.accept(answers.get(field.name()));
        if (value != null) {
          result.add(new Answer(field.name(), field.label().in(language), value));
        }
      } catch (FormField.FieldProblem problem) {
        errors.add(field.name(), problem.getMessage());
      }
    }
    for (String key : answers.keySet()) {
      if (!known.contains(key)) {
        errors.add(shorten(key), "is not a field of this form");
      }
    }
    if (errors.isEmpty() && result.isEmpty()) {
      errors.add("answers", "at least one field must be filled in");
    }
    errors.throwIfAny();
    return result;
  }

  /** The visitor's answer to the first e-mail field they filled in, or null. */
  public String emailAmong(List<Answer> answers) {
    for (FormField field : fields) {
      if (field.type() == FieldType.EMAIL) {
        for (Answer answer : answers) {
          if (answer.name().equals(field.name())) {
            return answer.value();
          }
        }
      }
    }
    return null;
  }

  private static String shorten(String key) {
    return key.length() <= 64 ? key : key.substring(0, 64) + "…";
  }
}
