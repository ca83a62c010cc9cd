package io.contactdesk.queues.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginTest {

  @Test
  void origins_are_compared_in_their_normal_form() {
    assertThat(Origin.parse("https://Shop.Example.com:443/"))
        .contains(new Origin("https://shop.example.com"));
    assertThat(Origin.parse("http://localhost:8081")).contains(new Origin("http://localhost:8081"));
    assertThat(Origin.parse("https://shop.example.com/path")).isEmpty();
    assertThat(Origin.parse("javascript:alert(1)")).isEmpty();
    assertThat(Origin.parse("*")).isEmpty();
    assertThat(Origin.parse(null)).isEmpty();
  }

  @Test
  void only_a_normal_form_is_an_origin() {
    assertThatThrownBy(() -> new Origin("https://Shop.Example.com:443/"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
