package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ViolationFieldsTest {

  record Slot(@NotBlank String from) {}

  record Offline(Map<String, @Size(max = 5) String> message) {}

  record Body(
      @NotBlank String name,
      @Max(3650) Integer retentionDays,
      List<@Valid Slot> openingHours,
      List<@NotNull @Size(min = 1) String> keywords,
      @Valid Offline offline) {}

  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void every_failing_field_is_named_by_its_json_path_in_the_body() {
    var body =
        new Body(
            " ",
            5000,
            List.of(new Slot("08:00"), new Slot("")),
            List.of("price", ""),
            new Offline(Map.of("fi", "far too long")));

    assertThat(ViolationFields.of(validator.validate(body)))
        .containsOnlyKeys(
            "name", "retentionDays", "openingHours[1].from", "keywords[1]", "offline.message.fi");
  }
}
