package io.contactdesk.platform;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Jakarta Validation's violations as the SPEC's {@code fields}: each failing value under its JSON
 * path in the request body ({@code openingHours[2].from}, {@code offline.message.fi}), so a client
 * sees the same keys whether a rule sits in a constraint or in a domain object.
 *
 * <p>A resource method's name and parameter ({@code save.body.name}) are not part of the body and
 * are left out; a constraint on a whole object (a record-level rule) reports under the object's own
 * path.
 */
public final class ViolationFields {

  private ViolationFields() {}

  /** Every failing field with its message; one message per field, fields sorted by path. */
  public static Map<String, String> of(Set<? extends ConstraintViolation<?>> violations) {
    var fields = new LinkedHashMap<String, String>();
    violations.stream()
        .sorted(Comparator.comparing((ConstraintViolation<?> v) -> jsonPath(v.getPropertyPath())))
        .forEach(v -> fields.putIfAbsent(jsonPath(v.getPropertyPath()), v.getMessage()));
    return fields;
  }

  /** The JSON path of a violation, e.g. {@code offline.bot.answers[0].keywords[1]}. */
  public static String jsonPath(Path path) {
    var json = new StringBuilder();
    for (Path.Node node : path) {
      if (node.isInIterable()) {
        if (node.getIndex() != null) {
          json.append('[').append(node.getIndex()).append(']');
        } else if (node.getKey() != null) {
          json.append('.').append(node.getKey());
        }
      }
      if (node.getKind() == ElementKind.PROPERTY) {
        if (!json.isEmpty()) {
          json.append('.');
        }
        json.append(node.getName());
      }
    }
    return json.isEmpty() ? "body" : json.toString();
  }

  /** True when the violation is the server's own fault: a method's answer broke its contract. */
  static boolean onReturnValue(ConstraintViolation<?> violation) {
    for (Path.Node node : violation.getPropertyPath()) {
      if (node.getKind() == ElementKind.RETURN_VALUE) {
        return true;
      }
    }
    return false;
  }
}
