package io.contactdesk.queues.entity;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.platform.PlainText;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One question of a queue's contact form. A {@code hidden} field is not shown to the visitor; the
 * embedding page fills it in (e.g. a customer number). A {@code consent} field is always required:
 * it must be ticked, and its label is the consent text stored beside the answer.
 */
public record FormField(
    String name,
    Translations label,
    FieldType type,
    boolean required,
    int maxLength,
    boolean hidden,
    List<FieldOption> options) {

  public static final int MAX_LENGTH_LIMIT = 10_000;
  public static final int MAX_LABEL_LENGTH = 2000;
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");

  public FormField {
    options = options == null ? List.of() : List.copyOf(options);
    label = label == null ? Translations.NONE : label;
    if (type == FieldType.CONSENT) {
      required = true;
    }
  }

  /**
   * Builds a field from an admin's input, reporting every problem under {@code path}; a null {@code
   * type} (none, or a name the API does not know) is reported under {@code type}.
   */
  public static FormField define(
      String path,
      String name,
      java.util.Map<String, String> label,
      FieldType type,
      Boolean required,
      Integer maxLength,
      Boolean hidden,
      List<FieldOption> options) {
    var errors = new InvalidInput.Collector();
    if (name == null || !NAME.matcher(name).matches()) {
      errors.add(
          path + ".name",
          "must start with a letter and hold only letters, digits, _ or - (at most 40)");
    }
    Translations labels = Translations.NONE;
    try {
      labels = Translations.parse(label, MAX_LABEL_LENGTH, path + ".label");
      if (labels.isEmpty()) {
        errors.add(path + ".label", "needs a text in at least one language");
      }
    } catch (InvalidInput e) {
      errors.addAll("", e);
    }
    FieldType fieldType = type;
    if (fieldType == null) {
      errors.add(
          path + ".type", "must be one of text, textarea, email, phone, select, checkbox, consent");
    }
    // a checkbox's answer is always true or false: its length is not the admin's to set
    int length = fieldType == null ? 0 : fieldType.defaultMaxLength();
    if (maxLength != null && fieldType != null && !fieldType.isTicked()) {
      if (maxLength < 1 || maxLength > MAX_LENGTH_LIMIT) {
        errors.add(path + ".maxLength", "must be between 1 and " + MAX_LENGTH_LIMIT);
      }
      length = maxLength;
    }
    List<FieldOption> choices = options == null ? List.of() : options;
    if (fieldType == FieldType.SELECT) {
      if (choices.isEmpty()) {
        errors.add(path + ".options", "a select field needs at least one option");
      }
      var seen = new HashSet<String>();
      for (FieldOption option : choices) {
        if (option == null || option.value() == null || option.value().isBlank()) {
          errors.add(path + ".options", "every option needs a value");
        } else if (!seen.add(option.value())) {
          errors.add(path + ".options", "option values must be unique: " + option.value());
        }
      }
    } else if (!choices.isEmpty()) {
      errors.add(path + ".options", "only a select field has options");
    }
    errors.throwIfAny();
    return new FormField(
        name,
        labels,
        fieldType,
        Boolean.TRUE.equals(required),
        length,
        Boolean.TRUE.equals(hidden),
        choices);
  }

  /**
   * Checks one answer and returns it cleaned (trimmed, normalised), or {@code null} when an
   * optional field was left empty. Throws with a message for the visitor.
   */
  String accept(Object raw) {
    String value = textOf(raw);
    if (value == null || value.isEmpty()) {
      if (type == FieldType.CONSENT) {
        throw new FieldProblem("must be accepted");
      }
      if (required) {
        throw new FieldProblem(type.isTicked() ? "must be ticked" : "is required");
      }
      return null;
    }
    if (value.length() > maxLength) {
      throw new FieldProblem("must be at most " + maxLength + " characters");
    }
    String problem = PlainText.problem(value, type.isMultiline());
    if (problem != null) {
      throw new FieldProblem(problem);
    }
    return switch (type) {
      case EMAIL -> {
        if (!PlainText.isEmail(value)) {
          throw new FieldProblem("must be an e-mail address such as name@example.com");
        }
        yield value;
      }
      case PHONE -> {
        if (!PlainText.isPhone(value)) {
          throw new FieldProblem("must be a phone number such as +358 40 123 4567");
        }
        yield value;
      }
      case SELECT -> {
        if (options.stream().noneMatch(o -> o.value().equals(value))) {
          throw new FieldProblem("must be one of the offered choices");
        }
        yield value;
      }
      case CHECKBOX, CONSENT -> {
        boolean ticked = ticked(value);
        if (type == FieldType.CONSENT && !ticked) {
          throw new FieldProblem("must be accepted");
        }
        if (required && !ticked) {
          throw new FieldProblem("must be ticked");
        }
        yield ticked ? "true" : "false";
      }
      default -> value;
    };
  }

  private String textOf(Object raw) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof Boolean b) {
      if (!type.isTicked()) {
        throw new FieldProblem("must be text");
      }
      return b.toString();
    }
    if (raw instanceof String s) {
      return PlainText.normalise(s);
    }
    throw new FieldProblem(type.isTicked() ? "must be true or false" : "must be text");
  }

  private static boolean ticked(String value) {
    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new FieldProblem("must be true or false");
    };
  }

  /** A visitor's answer that does not fit the field. */
  static final class FieldProblem extends RuntimeException {
    FieldProblem(String message) {
      super(message, null, false, false);
    }
  }
}
