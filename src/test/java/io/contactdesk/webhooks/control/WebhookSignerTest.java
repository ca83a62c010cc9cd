package io.contactdesk.webhooks.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Signatures as the Standard Webhooks specification defines them, checked against its vector. */
class WebhookSignerTest {

  // the specification's published test vector (its libraries' shared test)
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long TIMESTAMP = 1614265330;
  private static final String BODY = "{\"test\": 2432232314}";
  private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void the_signature_of_the_specifications_test_vector_is_the_published_one() {
    assertThat(WebhookSigner.signature(SECRET, ID, TIMESTAMP, BODY)).isEqualTo(EXPECTED);
  }

  @Test
  void a_signature_is_v1_and_the_base64_hmac_sha256_of_id_timestamp_and_body() throws Exception {
    String secret = WebhookSigner.newSecret();
    String body = "{\"type\":\"contact.registered\",\"data\":{\"reference\":\"K7Q-4MX2\"}}";

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(6)), "HmacSHA256"));
    String expected =
        "v1,"
            + Base64.getEncoder()
                .encodeToString(mac.doFinal(("id-1.1700000000." + body).getBytes(UTF_8)));

    assertThat(WebhookSigner.signature(secret, "id-1", 1700000000, body)).isEqualTo(expected);
  }

  @Test
  void a_new_secret_is_whsec_and_32_random_bytes_in_base64() {
    String secret = WebhookSigner.newSecret();
    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length()))).hasSize(32);
    assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
  }
}
