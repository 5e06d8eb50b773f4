package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookSecretTest {

  @Test
  void theSignatureIsTheHexHmacSha256OfTheBody() {
    // The well-known HMAC-SHA256 example: key "key", the quick brown fox.
    WebhookSecret secret = WebhookSecret.of("key");

    assertThat(secret.sign("The quick brown fox jumps over the lazy dog"))
        .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  }

  @Test
  void theSecretIsNeverShown() {
    WebhookSecret secret = WebhookSecret.of("hunter2");

    assertThat(secret.toString()).doesNotContain("hunter2");
    assertThat(WebhookSettings.NONE.withSecret(secret).toString()).doesNotContain("hunter2");
  }

  @Test
  void anEmptySecretIsRefused() {
    assertThatThrownBy(() -> WebhookSecret.of("")).isInstanceOf(IllegalArgumentException.class);
  }
}
