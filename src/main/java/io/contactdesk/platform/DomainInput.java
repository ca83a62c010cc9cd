package io.contactdesk.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A request body whose meaning is checked by domain objects: {@link #checkDomainRules()} builds
 * them (the entities and value objects own the rules and throw {@link InvalidInput} with JSON
 * paths). Annotated {@link Meets}, the body is checked in the same Jakarta Validation pass as its
 * own constraints, so a client gets every failing field in one 422, whether a rule is about the
 * wire (a day name, a time zone) or the domain (a name's length, a retention period).
 */
public interface DomainInput {

  /** Builds what the body describes and throws {@link InvalidInput} for every broken rule. */
  void checkDomainRules();

  /** The class-level constraint that runs {@link #checkDomainRules()}. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = Check.class)
  @interface Meets {
    String message() default "breaks a rule";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** Reports each field of the domain's {@link InvalidInput} under its JSON path. */
  final class Check implements ConstraintValidator<Meets, DomainInput> {
    @Override
    public boolean isValid(DomainInput body, ConstraintValidatorContext context) {
      if (body == null) {
        return true;
      }
      try {
        body.checkDomainRules();
        return true;
      } catch (InvalidInput broken) {
        context.disableDefaultConstraintViolation();
        // the whole JSON path is one node: ViolationFields prints it as it is
        broken
            .fields()
            .forEach(
                (path, message) ->
                    context
                        .buildConstraintViolationWithTemplate(Constraints.literal(message))
                        .addPropertyNode(path)
                        .addConstraintViolation());
        return false;
      }
    }
  }
}
