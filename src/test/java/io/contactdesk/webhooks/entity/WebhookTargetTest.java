package io.contactdesk.webhooks.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SSRF guard's rules, rule by rule ({@link WebhookTarget}). Every address here is an IP
 * literal, which the JDK reads without asking DNS, and nothing is connected to.
 */
class WebhookTargetTest {

  @Test
  void rule1_an_absolute_https_url_with_a_host_is_a_target() {
    WebhookTarget target = WebhookTarget.parse("https://crm.example.com/hooks/cd?x=1", false);
    assertThat(target.host()).isEqualTo("crm.example.com");
    assertThat(target.uri().getPath()).isEqualTo("/hooks/cd");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "crm.example.com/hook",
        "ftp://crm.example.com/hook",
        "file:///etc/passwd",
        "https:///nohost",
        "https://user:secret@crm.example.com/hook",
        "https://crm.example.com/hook#part",
        "https://crm example.com/",
        "gopher://127.0.0.1:25/"
      })
  void rule1_anything_else_is_refused_on_url(String url) {
    assertThatThrownBy(() -> WebhookTarget.parse(url, true))
        .isInstanceOf(InvalidInput.class)
        .satisfies(e -> assertThat(((InvalidInput) e).fields()).containsOnlyKeys("url"));
  }

  @Test
  void rule1_a_url_longer_than_2000_characters_is_refused() {
    String url = "https://crm.example.com/" + "a".repeat(2000);
    assertThatThrownBy(() -> WebhookTarget.parse(url, false))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("2000");
  }

  @Test
  void rule2_http_only_when_allowed() {
    assertThatThrownBy(() -> WebhookTarget.parse("http://crm.example.com/hook", false))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("https");
    assertThat(WebhookTarget.parse("http://crm.example.com/hook", true).host())
        .isEqualTo("crm.example.com");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.255.1.2",
        "0.0.0.0",
        "10.0.0.1",
        "172.16.0.1",
        "172.31.255.255",
        "192.168.1.1",
        "169.254.169.254", // the cloud metadata service
        "169.254.0.1",
        "100.64.0.1",
        "192.0.0.8",
        "198.18.0.1",
        "224.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "fd00:ec2::254", // the metadata service over IPv6
        "ff02::1",
        "::ffff:127.0.0.1", // IPv4-mapped
        "::ffff:169.254.169.254",
        "::10.0.0.1", // IPv4-compatible
        "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
        "2002:a00:1::1" // 6to4 of 10.0.0.1
      })
  void rules3_and_4_internal_addresses_are_refused(String ip) throws UnknownHostException {
    assertThat(WebhookTarget.refusal(InetAddress.getByName(ip))).as(ip).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "93.184.216.34",
        "8.8.8.8",
        "172.32.0.1",
        "100.128.0.1",
        "2606:4700:4700::1111",
        "::ffff:8.8.8.8",
        "2002:808:808::1"
      })
  void rule3_public_addresses_pass(String ip) throws UnknownHostException {
    assertThat(WebhookTarget.refusal(InetAddress.getByName(ip))).as(ip).isNull();
  }

  @Test
  void rule3_a_name_counts_with_every_address_it_resolves_to() throws UnknownHostException {
    InetAddress[] oneOfEach = {
      InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")
    };
    assertThat(WebhookTarget.refusal("crm.example.com", oneOfEach))
        .contains("crm.example.com is 10.1.2.3")
        .contains("private");
    assertThat(WebhookTarget.refusal("crm.example.com", new InetAddress[0])).contains("no address");
  }
}
