package io.contactdesk.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a request came from, for the per-address limits (the login throttle, the submission
 * limit). Behind a load balancer every request comes from the balancer, and one limit would then
 * hold for everyone; so the balancer's own addresses are named in {@code
 * contactdesk.trusted-proxies} (addresses or CIDR blocks, comma-separated), and for a request from
 * one of them the client is the nearest address in {@code X-Forwarded-For} that is not one of them.
 * From any other peer the header is ignored: a visitor cannot choose the address they are counted
 * by.
 */
@ApplicationScoped
public class ClientAddress {

  static final String KEY = "contactdesk.trusted-proxies";

  // literal addresses only: a host name here would make every request wait for DNS
  private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  @Inject
  @ConfigProperty(name = KEY, defaultValue = " ")
  String trusted;

  private volatile List<Block> proxies;

  /** Read at start, so a wrong value stops the start with one line (SPEC rule 16). */
  void check(@Observes AppStarted started) {
    proxies();
  }

  public String of(HttpServletRequest request) {
    return of(request.getRemoteAddr(), request.getHeaders("X-Forwarded-For"), proxies());
  }

  static String of(String peer, Enumeration<String> forwardedFor, List<Block> proxies) {
    if (proxies.isEmpty() || !isTrusted(peer, proxies)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    while (forwardedFor != null && forwardedFor.hasMoreElements()) {
      for (String hop : forwardedFor.nextElement().split(",")) {
        hops.add(hop.strip());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!isTrusted(hop, proxies)) {
        // a hop that is no address at all was written by someone we cannot trust either
        return literal(hop) == null ? peer : hop;
      }
    }
    return peer;
  }

  private List<Block> proxies() {
    List<Block> known = proxies;
    if (known == null) {
      known = parse(trusted);
      proxies = known;
    }
    return known;
  }

  static List<Block> parse(String setting) {
    List<Block> blocks = new ArrayList<>();
    for (String item : setting.split(",")) {
      String text = item.strip();
      if (text.isEmpty()) {
        continue;
      }
      int slash = text.indexOf('/');
      InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
      int bits = address == null ? -1 : address.getAddress().length * 8;
      int prefix = bits;
      if (address != null && slash >= 0) {
        try {
          prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
          prefix = -1;
        }
      }
      if (address == null || prefix < 0 || prefix > bits) {
        throw StartupGuard.cannotStart(
            StartupGuard.setting(KEY),
            "must be IP addresses or CIDR blocks such as 10.0.0.0/8, separated by commas, not "
                + text);
      }
      blocks.add(new Block(address.getAddress(), prefix));
    }
    return List.copyOf(blocks);
  }

  private static boolean isTrusted(String address, List<Block> proxies) {
    InetAddress parsed = literal(address);
    return parsed != null && proxies.stream().anyMatch(b -> b.contains(parsed.getAddress()));
  }

  /** The address a literal names, or null; never a DNS lookup. */
  static InetAddress literal(String text) {
    try {
      if (IPV4.matcher(text).matches()) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(parts[i]);
          if (octet > 255) {
            return null;
          }
          bytes[i] = (byte) octet;
        }
        return InetAddress.getByAddress(bytes);
      }
      // with a colon InetAddress parses an IPv6 literal and looks nothing up
      return IPV6.matcher(text).matches() ? InetAddress.getByName(text) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** A CIDR block: the first {@code prefix} bits of {@code network}. */
  record Block(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefix; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
