package io.contactdesk.platform;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Constraints that request bodies of several features share. */
public final class Constraints {

  private Constraints() {}

  /**
   * A message template that says exactly this text: a message naming what a client sent must not be
   * read as an expression ({@code ${...}}) or a message key ({@code {...}}).
   */
  static String literal(String message) {
    return message.replaceAll("([\\\\{}$])", "\\\\$1");
  }

  /** The constant of {@code type} that this wire name stands for; empty if none. */
  public static <E extends Enum<E>> Optional<E> wireValue(
      Class<E> type, String name, boolean lowerCase) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(type.getEnumConstants())
        .filter(
            e ->
                lowerCase
                    ? e.name().toLowerCase(Locale.ROOT).equals(name)
                    : e.name().equals(name.toUpperCase(Locale.ROOT)))
        .findFirst();
  }

  /** A time zone id such as {@code Europe/Helsinki}; null passes (say {@code @NotNull} too). */
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = TimeZoneCheck.class)
  public @interface TimeZoneId {
    String message() default "must be a time zone such as Europe/Helsinki";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class TimeZoneCheck implements ConstraintValidator<TimeZoneId, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      try {
        ZoneId.of(value);
        return true;
      } catch (DateTimeException e) {
        return false;
      }
    }
  }

  /**
   * The wire name of a constant of an enum: its name in any letter case (e.g. {@code SCHEDULE},
   * {@code monday}), or, with {@code lowerCase}, exactly its lower-case name ({@code textarea}). On
   * a collection, every element must be one. Null passes.
   */
  @Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE
  })
  @Retention(RetentionPolicy.RUNTIME)
  @Constraint(validatedBy = {WireNameCheck.class, WireNamesCheck.class})
  public @interface WireName {
    Class<? extends Enum<?>> value();

    boolean lowerCase() default false;

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  public static final class WireNameCheck implements ConstraintValidator<WireName, String> {
    private WireName wire;

    @Override
    public void initialize(WireName annotation) {
      wire = annotation;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || isWireName(wire, value);
    }
  }

  public static final class WireNamesCheck
      implements ConstraintValidator<WireName, Collection<String>> {
    private WireName wire;

    @Override
    public void initialize(WireName annotation) {
      wire = annotation;
    }

    @Override
    public boolean isValid(Collection<String> values, ConstraintValidatorContext context) {
      return values == null || values.stream().allMatch(v -> isWireName(wire, v));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean isWireName(WireName wire, String value) {
    return wireValue((Class) wire.value(), value, wire.lowerCase()).isPresent();
  }
}
