package dev.flotilla.notifier;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key webhook bodies are signed with ({@code FLOTILLA_WEBHOOK_SECRET}), so a receiver can tell
 * they come from this notifier. Never shown: {@link #toString()} hides it.
 */
public final class WebhookSecret {
  /** The header that carries the signature. */
  public static final String HEADER = "X-Flotilla-Signature";

  private final SecretKeySpec key;

  private WebhookSecret(SecretKeySpec key) {
    this.key = key;
  }

  public static WebhookSecret of(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret must not be empty");
    }
    return new WebhookSecret(
        new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
  }

  /** {@code sha256=} and the hex HMAC-SHA256 of the body's UTF-8 bytes. */
  public String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("every JVM signs with HmacSHA256", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSecret[hidden]";
  }
}
