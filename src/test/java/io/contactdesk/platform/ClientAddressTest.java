package io.contactdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a limit counts a request by, behind a load balancer or not. */
class ClientAddressTest {

  private static final List<ClientAddress.Block> BALANCERS =
      ClientAddress.parse("10.0.0.0/8, 192.0.2.7 ,2001:db8::/32");

  private static String client(String peer, String... forwardedFor) {
    return ClientAddress.of(peer, Collections.enumeration(List.of(forwardedFor)), BALANCERS);
  }

  @Test
  void without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
    assertThat(
            ClientAddress.of(
                "203.0.113.5", Collections.enumeration(List.of("198.51.100.1")), List.of()))
        .isEqualTo("203.0.113.5");
  }

  @Test
  void a_request_from_a_balancer_is_counted_by_the_nearest_address_before_it() {
    assertThat(client("10.1.2.3", "198.51.100.1")).isEqualTo("198.51.100.1");
    assertThat(client("10.1.2.3", "203.0.113.9, 198.51.100.1, 10.9.9.9"))
        .as("the visitor may write anything on the left; the first untrusted hop from the right")
        .isEqualTo("198.51.100.1");
    assertThat(client("192.0.2.7", "198.51.100.1", "10.2.2.2")).isEqualTo("198.51.100.1");
    assertThat(client("2001:db8::1", "2001:db8:1::5, 2a00:1450::1")).isEqualTo("2a00:1450::1");
  }

  @Test
  void a_header_from_anyone_else_is_ignored_and_a_balancer_without_it_is_itself() {
    assertThat(client("203.0.113.5", "198.51.100.1")).isEqualTo("203.0.113.5");
    assertThat(client("10.1.2.3")).isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", "10.4.4.4")).isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", "not-an-address")).isEqualTo("10.1.2.3");
    assertThat(client("10.1.2.3", "999.1.1.1")).isEqualTo("10.1.2.3");
  }

  @Test
  void a_setting_that_is_not_addresses_stops_the_start_naming_the_key() {
    for (String wrong : List.of("balancer.example.com", "10.0.0.0/33", "10.0.0.0/x", "1.2.3")) {
      assertThatThrownBy(() -> ClientAddress.parse(wrong))
          .hasMessageContaining("contactdesk.trusted-proxies (CONTACTDESK_TRUSTED_PROXIES)");
    }
    assertThat(ClientAddress.parse(" ")).isEmpty();
  }
}
