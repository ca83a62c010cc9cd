package io.contactdesk.webhooks.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contactdesk.platform.InvalidInput;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SSRF guard with the installation's keys, on save and before each attempt. DNS is this test's
 * own table ({@link TargetGuard.Resolver}), so no name is looked up and nothing is connected to.
 */
class TargetGuardTest {

  private final Map<String, String[]> dns = new HashMap<>();

  private TargetGuard guard(boolean allowHttp, boolean allowPrivate) {
    return new TargetGuard(allowHttp, allowPrivate, this::resolve);
  }

  private InetAddress[] resolve(String host) throws UnknownHostException {
    String[] ips = dns.get(host);
    if (ips == null) {
      // literals only: the JDK reads them without DNS; a name not in the table is unknown
      if (!host.matches("[0-9.]+|.*:.*")) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(host)};
    }
    InetAddress[] addresses = new InetAddress[ips.length];
    for (int i = 0; i < ips.length; i++) {
      addresses[i] = InetAddress.getByName(ips[i]);
    }
    return addresses;
  }

  @Test
  void a_public_https_target_is_allowed() {
    dns.put("crm.example.com", new String[] {"93.184.216.34"});
    assertThat(guard(false, false).allowed("https://crm.example.com/hook").host())
        .isEqualTo("crm.example.com");
  }

  @Test
  void a_name_of_the_metadata_service_is_refused_on_save() {
    dns.put("metadata.google.internal", new String[] {"169.254.169.254"});
    assertThatThrownBy(() -> guard(false, false).allowed("https://metadata.google.internal/"))
        .isInstanceOf(InvalidInput.class)
        .satisfies(
            e ->
                assertThat(((InvalidInput) e).fields().get("url"))
                    .contains("169.254.169.254")
                    .contains("link-local"));
  }

  @Test
  void loopback_private_and_link_local_literals_are_refused_on_save() {
    TargetGuard guard = guard(true, false);
    for (String url :
        new String[] {
          "http://127.0.0.1:8080/",
          "http://localhost:8080/",
          "https://10.0.0.5/hook",
          "https://192.168.0.1/",
          "https://[::1]/",
          "https://[fd12:3456::1]/",
          "https://[::ffff:10.0.0.1]/",
          "https://[fe80::1]/"
        }) {
      dns.put("localhost", new String[] {"127.0.0.1", "::1"});
      assertThatThrownBy(() -> guard.allowed(url)).as(url).isInstanceOf(InvalidInput.class);
    }
  }

  @Test
  void a_name_with_one_public_and_one_private_address_is_refused() {
    dns.put("rebind.example.com", new String[] {"93.184.216.34", "127.0.0.1"});
    assertThatThrownBy(() -> guard(false, false).allowed("https://rebind.example.com/"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void a_name_that_does_not_resolve_is_refused() {
    assertThatThrownBy(() -> guard(false, false).allowed("https://nowhere.example.com/"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("does not resolve");
  }

  @Test
  void with_allow_private_loopback_is_allowed_and_with_allow_http_plain_http() {
    assertThat(guard(true, true).allowed("http://127.0.0.1:41400/hook").host())
        .isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> guard(false, true).allowed("http://127.0.0.1:41400/hook"))
        .isInstanceOf(InvalidInput.class)
        .hasMessageContaining("https");
  }

  @Test
  void before_each_attempt_the_name_is_resolved_again_and_a_private_answer_refused() {
    TargetGuard guard = guard(false, false);
    dns.put("crm.example.com", new String[] {"93.184.216.34"});
    guard.allowed("https://crm.example.com/hook"); // saved while it was public
    assertThat(guard.refusalBeforeConnecting(URI.create("https://crm.example.com/hook"))).isNull();

    dns.put("crm.example.com", new String[] {"10.0.0.7"}); // DNS now points inside
    assertThat(guard.refusalBeforeConnecting(URI.create("https://crm.example.com/hook")))
        .startsWith("refused before connecting")
        .contains("10.0.0.7");
  }

  @Test
  void before_each_attempt_an_http_url_is_refused_once_http_is_no_longer_allowed() {
    assertThat(guard(false, true).refusalBeforeConnecting(URI.create("http://127.0.0.1:1/")))
        .contains("https");
  }
}
