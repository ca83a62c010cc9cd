package io.contactdesk.contacts.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The page a visitor was on: an http or https address with a host, at most 2000 characters. */
class PageUrlTest {

  @Test
  void http_and_https_addresses_with_a_host_are_page_addresses() {
    assertThat(PageUrl.problem("https://shop.example.com/help?x=1#top")).isNull();
    assertThat(PageUrl.problem("HTTP://shop.example.com")).isNull();
    assertThat(new PageUrl("http://localhost:8080/").value()).isEqualTo("http://localhost:8080/");
  }

  @Test
  void other_schemes_addresses_without_a_host_and_non_addresses_are_refused() {
    for (String bad :
        new String[] {
          "javascript:alert(1)", "ftp://x", "data:text/html,hi", "https:///path", "not a url", "//x"
        }) {
      assertThat(PageUrl.problem(bad)).as(bad).isEqualTo("must be an http or https address");
      assertThatThrownBy(() -> new PageUrl(bad)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void exactly_2000_characters_is_allowed_and_one_more_is_refused() {
    String prefix = "https://shop.example.com/";
    String longest = prefix + "x".repeat(PageUrl.MAX_LENGTH - prefix.length());

    assertThat(PageUrl.problem(longest)).isNull();
    assertThat(PageUrl.problem(longest + "x")).isEqualTo("must be at most 2000 characters");
  }

  @Test
  void none_is_null_or_blank() {
    assertThat(PageUrl.ofNullable(null)).isNull();
    assertThat(PageUrl.ofNullable("  ")).isNull();
  }
}
