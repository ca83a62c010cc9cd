package io.contactdesk.platform;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StrictJsonTest {

  private static String check(String json) {
    return StrictJson.check(json.getBytes(UTF_8));
  }

  @Test
  void a_json_object_with_whitespace_around_it_passes_and_is_answered_decoded() {
    assertThat(check(" {\"answers\":{\"name\":\"Mia äö 🙂\",\"n\":[1,{\"a\":null}]}}\r\n\t "))
        .contains("Mia äö 🙂");
    assertThat(check("[1,2]")).isEqualTo("[1,2]");
    assertThat(check("42")).isEqualTo("42");
    assertThat(check("\"x\"")).isEqualTo("\"x\"");
  }

  @Test
  void rule_1_invalid_utf_8_is_refused_not_replaced() {
    byte[] body = {'{', '"', 'a', '"', ':', '"', 'M', (byte) 0xff, 'a', '"', '}'};
    assertThatThrownBy(() -> StrictJson.check(body))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessageContaining("UTF-8");
    byte[] overlong = {'"', (byte) 0xc0, (byte) 0xaf, '"'};
    assertThatThrownBy(() -> StrictJson.check(overlong)).isInstanceOf(StrictJson.Malformed.class);
    byte[] cutInHalf = {'"', (byte) 0xc3, '"'};
    assertThatThrownBy(() -> StrictJson.check(cutInHalf)).isInstanceOf(StrictJson.Malformed.class);
  }

  @Test
  void rule_2_text_after_the_value_is_refused() {
    for (String body :
        new String[] {
          "{\"a\":1} trailing", "{\"a\":1}{\"b\":2}", "{\"a\":1}}", "[1] 2", "42 x", "{\"a\":1},"
        }) {
      assertThatThrownBy(() -> check(body)).as(body).isInstanceOf(StrictJson.Malformed.class);
    }
  }

  @Test
  void rule_3_a_key_twice_in_one_object_is_refused_also_when_nested() {
    assertThatThrownBy(() -> check("{\"name\":\"Mia\",\"name\":\"Bob\"}"))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessageContaining("\"name\"");
    assertThatThrownBy(() -> check("{\"answers\":{\"a\":1,\"b\":{\"c\":1,\"c\":2}}}"))
        .isInstanceOf(StrictJson.Malformed.class);
    assertThat(check("{\"a\":{\"a\":{\"a\":1}},\"b\":[{\"a\":1},{\"a\":2}]}"))
        .as("the same key in different objects")
        .isNotEmpty();
  }

  @Test
  void rule_4_nesting_deeper_than_the_limit_is_refused() {
    int limit = StrictJson.MAX_DEPTH;
    assertThat(check("[".repeat(limit) + "]".repeat(limit))).isNotEmpty();
    assertThatThrownBy(() -> check("[".repeat(limit + 1) + "]".repeat(limit + 1)))
        .isInstanceOf(StrictJson.Malformed.class)
        .hasMessageContaining("nested");
    assertThatThrownBy(() -> check("{\"a\":".repeat(5000) + "1" + "}".repeat(5000)))
        .isInstanceOf(StrictJson.Malformed.class);
  }

  @Test
  void text_that_is_not_json_is_refused() {
    for (String body : new String[] {"{\"a\":", "{a:1}", "{'a':1}", "[1,]", "nul"}) {
      assertThatThrownBy(() -> check(body)).as(body).isInstanceOf(StrictJson.Malformed.class);
    }
  }
}
