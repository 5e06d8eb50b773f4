package dev.flotilla.ops.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.messaging.ConfigException;
import dev.flotilla.messaging.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessSettingsTest {
  private static final String SECRET = "s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t";

  @Test
  void withoutASecretAServiceRefusesToStartAndSaysWhatToSet() {
    assertThatThrownBy(() -> AccessSettings.fromEnv(Env.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_AUTH_SECRET is not set")
        .hasMessageContaining("FLOTILLA_AUTH=off");
  }

  @Test
  void aSecretFromTheEnvironmentOrAFileChecksTokensAndIsNeverShown(@TempDir Path dir)
      throws Exception {
    AccessSettings inline = AccessSettings.fromEnv(Env.of(Map.of("FLOTILLA_AUTH_SECRET", SECRET)));
    Path file = Files.writeString(dir.resolve("secret"), SECRET + "\n");
    AccessSettings fromFile =
        AccessSettings.fromEnv(Env.of(Map.of("FLOTILLA_AUTH_SECRET_FILE", file.toString())));

    assertThat(inline.checksTokens()).isTrue();
    assertThat(fromFile.secret()).isEqualTo(SECRET);
    assertThat(inline.toString()).doesNotContain(SECRET);
  }

  @Test
  void offMustBeSaidPlainlyAndAloneAndShortSecretsAreRefused() {
    assertThat(AccessSettings.fromEnv(Env.of(Map.of("FLOTILLA_AUTH", "off"))).checksTokens())
        .isFalse();
    assertThatThrownBy(
            () ->
                AccessSettings.fromEnv(
                    Env.of(Map.of("FLOTILLA_AUTH", "off", "FLOTILLA_AUTH_SECRET", SECRET))))
        .hasMessageContaining("unset one of them");
    assertThatThrownBy(() -> AccessSettings.fromEnv(Env.of(Map.of("FLOTILLA_AUTH", "none"))))
        .hasMessageContaining("'tokens' (the default) or 'off'");
    assertThatThrownBy(
            () -> AccessSettings.fromEnv(Env.of(Map.of("FLOTILLA_AUTH_SECRET", "too-short"))))
        .hasMessageStartingWith("FLOTILLA_AUTH_SECRET: ")
        .hasMessageNotContaining("too-short");
  }
}
