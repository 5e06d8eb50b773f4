package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookTargetTest {

  @Test
  void aUrlIsShownWithoutItsCredentialsQueryOrFragment() {
    WebhookTarget target =
        WebhookTarget.parse("https://ops:s3cret@hooks.example.com:8443/flotilla?token=abc#x");

    assertThat(target.shown()).isEqualTo("https://hooks.example.com:8443/flotilla");
    assertThat(target.toString()).doesNotContain("s3cret").doesNotContain("abc");
    assertThat(target.requestUri()).isEqualTo("/flotilla?token=abc");
    assertThat(target.port()).isEqualTo(8443);
    assertThat(target.https()).isTrue();
    assertThat(target.authorization())
        .contains("Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes()));
  }

  @Test
  void defaultsComeFromTheScheme() {
    WebhookTarget plain = WebhookTarget.parse(" http://hooks.example.com ");

    assertThat(plain.port()).isEqualTo(80);
    assertThat(plain.requestUri()).isEqualTo("/");
    assertThat(plain.authorization()).isEmpty();
    assertThat(WebhookTarget.parse("https://h.example.com/x").port()).isEqualTo(443);
  }

  @Test
  void eachUrlKeepsItsPositionUnderAGroupOfItsOwnThatStaysTheSame() {
    WebhookTarget a = WebhookTarget.parse("https://hooks.example.com/a");

    assertThat(a.groupId()).matches("flotilla-webhook-[0-9a-f]{12}");
    assertThat(a.groupId()).isEqualTo(WebhookTarget.parse("https://hooks.example.com/a").groupId());
    assertThat(a.groupId())
        .isNotEqualTo(WebhookTarget.parse("https://hooks.example.com/b").groupId());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ftp://hooks.example.com/x", "hooks.example.com/x", "https:///x", "http://a b"})
  void anythingButAnHttpUrlWithAHostIsRefused(String url) {
    assertThatThrownBy(() -> WebhookTarget.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("webhook URL");
  }

  @Test
  void aRefusedUrlIsNotRepeatedWithItsCredentials() {
    assertThatThrownBy(() -> WebhookTarget.parse("ftp://ops:s3cret@hooks.example.com/x"))
        .hasMessageNotContaining("s3cret");
  }
}
