package io.contactdesk.webhooks.control;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Signs deliveries per the Standard Webhooks specification, with its own Java library: the
 * signature is {@code v1,} and the base64 HMAC-SHA256, keyed with the secret's base64-decoded
 * bytes, of {@code id.timestamp.body}; sent as {@code webhook-signature} beside {@code webhook-id}
 * and {@code webhook-timestamp} (seconds since the epoch, of the attempt).
 */
public final class WebhookSigner {

  public static final String SECRET_PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSigner() {}

  /** A new secret: {@code whsec_} and the base64 of 32 random bytes (the spec asks 24 to 64). */
  public static String newSecret() {
    byte[] key = new byte[SECRET_BYTES];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /** The {@code webhook-signature} header of this attempt. */
  public static String signature(String secret, String id, long timestampSeconds, String body) {
    try {
      return new Webhook(secret).sign(id, timestampSeconds, body);
    } catch (WebhookSigningException e) {
      throw new IllegalStateException("cannot sign with the webhook's secret", e);
    }
  }
}
