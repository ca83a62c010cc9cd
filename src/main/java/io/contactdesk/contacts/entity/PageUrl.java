package io.contactdesk.contacts.entity;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The address of the page a visitor was on when they left a message, as the embedding page sent it.
 * Rules:
 *
 * <ol>
 *   <li>At most {@value #MAX_LENGTH} characters.
 *   <li>An http or https address with a host: an agent may open it, so no {@code javascript:},
 *       {@code data:} or {@code file:} address gets through.
 * </ol>
 *
 * Request bodies check it with {@link Rule}, so a client meets the same rule and message.
 */
public record PageUrl(String value) {

  public static final int MAX_LENGTH = 2000;

  public PageUrl {
    String problem = problem(Objects.requireNonNull(value));
    if (problem != null) {
      throw new IllegalArgumentException("a page address " + problem);
    }
  }

  /** The page address, or null for none (null or blank); {@code value} must pass {@link Rule}. */
  public static PageUrl ofNullable(String value) {
    return value == null || value.isBlank() ? null : new PageUrl(value);
  }

  /** What breaks the rules above, or null when nothing does. */
  public static String problem(String value) {
    if (value.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters";
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return null;
      }
    } catch (URISyntaxException e) {
      // not an address at all: the same answer as any other scheme
    }
    return "must be an http or https address";
  }

  /** A request's page address: none (null or blank), or one that keeps the rules above. */
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = RuleCheck.class)
  public @interface Rule {
    String message() default "must be an http or https address";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class RuleCheck implements ConstraintValidator<Rule, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null || value.isBlank()) {
        return true;
      }
      String problem = problem(value);
      if (problem == null) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
      return false;
    }
  }
}
