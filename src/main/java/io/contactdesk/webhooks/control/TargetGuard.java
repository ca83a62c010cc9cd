package io.contactdesk.webhooks.control;

import io.contactdesk.platform.InvalidInput;
import io.contactdesk.webhooks.entity.WebhookTarget;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SSRF guard ({@link WebhookTarget}'s rules) with this installation's two keys, asked when a
 * webhook is saved and before every attempt to deliver, after resolving the host. The JDK keeps
 * what it resolved for 30 s ({@code networkaddress.cache.ttl}), so the HTTP client connecting right
 * after the check is given the addresses that were checked, not a new answer of the name's DNS.
 */
@ApplicationScoped
public class TargetGuard {

  /** Resolves a host to its addresses; a test gives its own answers instead of asking DNS. */
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  @Inject
  @ConfigProperty(name = "contactdesk.webhooks.allow-http", defaultValue = "false")
  boolean allowHttp;

  @Inject
  @ConfigProperty(name = "contactdesk.webhooks.allow-private", defaultValue = "false")
  boolean allowPrivate;

  Resolver resolver = InetAddress::getAllByName;

  public TargetGuard() {}

  /** For tests: a guard with these keys and this resolver. */
  public TargetGuard(boolean allowHttp, boolean allowPrivate, Resolver resolver) {
    this.allowHttp = allowHttp;
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** On save: the URL as typed, allowed; else {@link InvalidInput} on {@code url}. */
  public WebhookTarget allowed(String url) {
    WebhookTarget target = WebhookTarget.parse(url, allowHttp);
    String refusal = refusal(target);
    if (refusal != null) {
      throw InvalidInput.of("url", "is not allowed: " + refusal);
    }
    return target;
  }

  /**
   * Before an attempt: why the stored URL may not be connected to now (its scheme since the keys
   * changed, or where its host resolves now), or null when it may.
   */
  public String refusalBeforeConnecting(URI uri) {
    WebhookTarget target;
    try {
      target = WebhookTarget.parse(uri.toString(), allowHttp);
    } catch (InvalidInput e) {
      return "refused before connecting: the URL " + e.getMessage();
    }
    String refusal = refusal(target);
    return refusal == null ? null : "refused before connecting: " + refusal;
  }

  private String refusal(WebhookTarget target) {
    if (allowPrivate) {
      return null;
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(target.host());
    } catch (UnknownHostException e) {
      return target.host() + " does not resolve";
    }
    String why = WebhookTarget.refusal(target.host(), addresses);
    return why == null ? null : why + " (contactdesk.webhooks.allow-private is off)";
  }
}
