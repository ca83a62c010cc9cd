package io.contactdesk.webhooks.entity;

import io.contactdesk.platform.InvalidInput;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a webhook POSTs, and the guard against pointing it inside the network it runs in (SSRF).
 * Rules:
 *
 * <ol>
 *   <li>The URL is absolute, {@code http} or {@code https}, names a host, carries no user name or
 *       password and no fragment, and is at most {@value #MAX_LENGTH} characters.
 *   <li>It is {@code https} unless {@code contactdesk.webhooks.allow-http=true}.
 *   <li>No address its host stands for is loopback, link-local, private or otherwise not a public
 *       internet address ({@link #refusal}) unless {@code contactdesk.webhooks.allow-private=true}.
 *       A host name counts with every address it resolves to, checked when the webhook is saved and
 *       again before each delivery connects (a name may resolve elsewhere later).
 *   <li>An IPv6 address that carries an IPv4 one (IPv4-mapped {@code ::ffff:0:0/96},
 *       IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is
 *       judged as the IPv4 address it carries.
 * </ol>
 */
public record WebhookTarget(URI uri) {

  public static final int MAX_LENGTH = 2000;

  /** Rules 1 and 2: the URL as an admin typed it; {@link InvalidInput} on {@code url} if not. */
  public static WebhookTarget parse(String url, boolean allowHttp) {
    if (url == null || url.isBlank()) {
      throw InvalidInput.of("url", "is required, e.g. https://crm.example.com/hooks/contactdesk");
    }
    if (url.length() > MAX_LENGTH) {
      throw InvalidInput.of("url", "must be at most " + MAX_LENGTH + " characters");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw InvalidInput.of("url", "is not a URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
      throw InvalidInput.of("url", "must be an https:// URL");
    }
    if (scheme.equals("http") && !allowHttp) {
      throw InvalidInput.of("url", "must be https (http is allowed only in test set-ups)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw InvalidInput.of("url", "must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw InvalidInput.of("url", "must not carry a user name or password");
    }
    if (uri.getRawFragment() != null) {
      throw InvalidInput.of("url", "must not have a #fragment");
    }
    return new WebhookTarget(uri);
  }

  /** The host as the resolver takes it: an IPv6 literal without its brackets. */
  public String host() {
    String host = uri.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  /**
   * Rules 3 and 4: why {@code address} is not a public internet address, or null when it is. The
   * blocks are IANA's special-purpose ones: what a server inside a data centre reaches but the
   * internet does not (the cloud's metadata service at 169.254.169.254 among them).
   */
  public static String refusal(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet6Address) {
      byte[] v4 = embeddedIpv4(b);
      if (v4 != null) {
        String inner = refusalV4(v4);
        return inner == null ? null : inner + ", inside an IPv6 address";
      }
      return refusalV6(b);
    }
    return address instanceof Inet4Address ? refusalV4(b) : "not an IP address";
  }

  private static String refusalV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 0) return "a 'this network' address (0.0.0.0/8)";
    if (a0 == 127) return "a loopback address";
    if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      return "a private address";
    }
    if (a0 == 169 && a1 == 254) return "a link-local address (cloud metadata lives there)";
    if (a0 == 100 && (a1 & 0xc0) == 64) return "a shared (carrier-grade NAT) address";
    if (a0 == 192 && a1 == 0 && a2 == 0) return "an IETF protocol address (192.0.0.0/24)";
    if ((a0 == 192 && a1 == 0 && a2 == 2)
        || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      return "a documentation address";
    }
    if (a0 == 192 && a1 == 88 && a2 == 99) return "a 6to4 relay address";
    if (a0 == 198 && (a1 & 0xfe) == 18) return "a benchmarking address (198.18.0.0/15)";
    if (a0 >= 224 && a0 <= 239) return "a multicast address";
    if (a0 >= 240) return "a reserved or broadcast address";
    return null;
  }

  private static String refusalV6(byte[] b) {
    int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    boolean zeroUpTo15 = true;
    for (int i = 0; i < 15; i++) {
      zeroUpTo15 &= b[i] == 0;
    }
    if (zeroUpTo15 && b[15] == 0) return "the unspecified address (::)";
    if (zeroUpTo15 && b[15] == 1) return "a loopback address";
    if ((first & 0xffc0) == 0xfe80) return "a link-local address";
    if ((first & 0xffc0) == 0xfec0) return "a site-local address";
    if ((first & 0xfe00) == 0xfc00) return "a private (unique local) address";
    if ((first & 0xff00) == 0xff00) return "a multicast address";
    if (first == 0x2001 && (((b[2] & 0xff) << 8) | (b[3] & 0xff)) == 0x0db8) {
      return "a documentation address";
    }
    if (first == 0x0100 && isZero(b, 2, 8)) {
      return "a discard-only address (100::/64)";
    }
    return null;
  }

  /** Rule 4: the IPv4 address an IPv6 one carries, or null. */
  private static byte[] embeddedIpv4(byte[] b) {
    boolean zero10 = true;
    for (int i = 0; i < 10; i++) {
      zero10 &= b[i] == 0;
    }
    boolean mapped = zero10 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible =
        zero10 && b[10] == 0 && b[11] == 0 && !(isZero(b, 12, 15) && (b[15] & 0xff) <= 1);
    boolean nat64 =
        (b[0] & 0xff) == 0x00
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b
            && isZero(b, 4, 12);
    if (mapped || compatible || nat64) {
      return new byte[] {b[12], b[13], b[14], b[15]};
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return new byte[] {b[2], b[3], b[4], b[5]};
    }
    return null;
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The first of {@code addresses} that rule 3 refuses, described, or null when none is. */
  public static String refusal(String host, InetAddress[] addresses) {
    if (addresses.length == 0) {
      return host + " has no address";
    }
    for (InetAddress address : addresses) {
      String why = refusal(address);
      if (why != null) {
        return host + " is " + address.getHostAddress() + ", " + why;
      }
    }
    return null;
  }
}
