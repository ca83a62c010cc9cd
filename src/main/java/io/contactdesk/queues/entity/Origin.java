package io.contactdesk.queues.entity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * A web origin (scheme, host and port) in its normal form, as browsers send it in the {@code
 * Origin} header and as a queue's allowed origins are kept: {@code https://Example.com:443/} is
 * {@code https://example.com}. Only http and https, with a host and nothing after it (no path,
 * query, fragment or user info); a default port is left out.
 */
public record Origin(String value) {

  static final int MAX_LENGTH = 300;
  public static final String PROBLEM =
      "must be an origin such as https://www.example.com (no path)";

  /** Only a normal form is an origin; build one from text with {@link #parse}. */
  public Origin {
    if (value == null || !value.equals(normalForm(value))) {
      throw new IllegalArgumentException("not an origin in its normal form: " + value);
    }
  }

  /** The origin this text names, in its normal form; empty for anything else. */
  public static Optional<Origin> parse(String text) {
    return Optional.ofNullable(normalForm(text)).map(Origin::new);
  }

  private static String normalForm(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean http = scheme.equals("http") || scheme.equals("https");
      boolean bare =
          (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
              && uri.getRawQuery() == null
              && uri.getRawFragment() == null
              && uri.getRawUserInfo() == null;
      if (!http || uri.getHost() == null || !bare) {
        return null;
      }
      int port = uri.getPort();
      boolean defaultPort =
          port == -1
              || (scheme.equals("http") && port == 80)
              || (scheme.equals("https") && port == 443);
      return scheme
          + "://"
          + uri.getHost().toLowerCase(Locale.ROOT)
          + (defaultPort ? "" : ":" + port);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
