package dev.flotilla.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.messaging.ConfigException;
import dev.flotilla.messaging.Env;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.ops.access.TestAccess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifierConfigTest {

  @Test
  void onlyTheBootstrapServersAreRequiredTheRestHasDefaults() {
    NotifierConfig config =
        NotifierConfig.fromEnv(
            Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS",
                    "127.0.0.1:9092",
                    "FLOTILLA_AUTH_SECRET",
                    TestAccess.SECRET)));

    assertThat(config.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(config.httpPort()).isEqualTo(8082);
    assertThat(config.historyCapacity()).isEqualTo(10_000);
    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void thePortAndHistoryComeFromTheEnvironmentAndPortZeroMeansAnyFreePort() {
    NotifierConfig config =
        NotifierConfig.fromEnv(
            Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS",
                    "127.0.0.1:9092",
                    "FLOTILLA_AUTH_SECRET",
                    TestAccess.SECRET,
                    "FLOTILLA_HTTP_PORT",
                    "0",
                    "FLOTILLA_NOTIFIER_HISTORY",
                    "250")));

    assertThat(config.httpPort()).isZero();
    assertThat(config.historyCapacity()).isEqualTo(250);
  }

  @Test
  void withoutATokenSecretTheNotifierDoesNotStartUnlessAccessControlIsTurnedOff() {
    assertThatThrownBy(
            () ->
                NotifierConfig.fromEnv(
                    Env.of(Map.of("FLOTILLA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_AUTH_SECRET is not set");
    assertThat(
            NotifierConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "FLOTILLA_BOOTSTRAP_SERVERS",
                            "127.0.0.1:9092",
                            "FLOTILLA_AUTH",
                            "off")))
                .access()
                .checksTokens())
        .isFalse();
    assertThat(
            NotifierConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "FLOTILLA_BOOTSTRAP_SERVERS",
                            "127.0.0.1:9092",
                            "FLOTILLA_AUTH_SECRET",
                            TestAccess.SECRET)))
                .access()
                .checksTokens())
        .isTrue();
  }

  @Test
  void aMissingOrBadVariableIsNamedInTheError() {
    assertThatThrownBy(() -> NotifierConfig.fromEnv(Env.of(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(
            () ->
                NotifierConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "FLOTILLA_BOOTSTRAP_SERVERS",
                            "127.0.0.1:9092",
                            "FLOTILLA_AUTH_SECRET",
                            TestAccess.SECRET,
                            "FLOTILLA_HTTP_PORT",
                            "70000"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_HTTP_PORT");
    assertThatThrownBy(
            () ->
                NotifierConfig.fromEnv(
                    Env.of(
                        Map.of(
                            "FLOTILLA_BOOTSTRAP_SERVERS",
                            "127.0.0.1:9092",
                            "FLOTILLA_AUTH_SECRET",
                            TestAccess.SECRET,
                            "FLOTILLA_NOTIFIER_HISTORY",
                            "0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("FLOTILLA_NOTIFIER_HISTORY");
  }

  @Test
  void aClientMayLagAWholeReplayPlusSomeLiveEventsBeforeItIsDropped() {
    NotifierConfig config =
        new NotifierConfig(KafkaSettings.of("127.0.0.1:9092"), 0, 500, Duration.ofSeconds(1));

    assertThat(config.maxBacklog()).isGreaterThan(config.historyCapacity());
  }

  @Test
  void aHeartbeatMustBePositive() {
    KafkaSettings kafka = KafkaSettings.of("127.0.0.1:9092");
    assertThatThrownBy(() -> new NotifierConfig(kafka, 0).withHeartbeat(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heartbeat");
  }

  @Test
  void webhooksComeFromACommaSeparatedListAndAnOptionalSecret() {
    NotifierConfig config =
        NotifierConfig.fromEnv(
            Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS",
                    "127.0.0.1:9092",
                    "FLOTILLA_AUTH_SECRET",
                    TestAccess.SECRET,
                    "FLOTILLA_WEBHOOK_URLS",
                    "https://a.example.com/hook, ,http://b.example.com:81",
                    "FLOTILLA_WEBHOOK_SECRET",
                    "hunter2")));

    assertThat(config.webhooks().targets())
        .extracting(WebhookTarget::shown)
        .containsExactly("https://a.example.com/hook", "http://b.example.com:81");
    assertThat(config.webhooks().secret()).isPresent();
    assertThat(config.toString()).doesNotContain("hunter2");
    assertThat(config.webhooks().firstRetry()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.webhooks().longestRetry()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void withoutWebhookVariablesThereAreNoWebhooks() {
    NotifierConfig config =
        NotifierConfig.fromEnv(
            Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS",
                    "127.0.0.1:9092",
                    "FLOTILLA_AUTH_SECRET",
                    TestAccess.SECRET,
                    "FLOTILLA_WEBHOOK_URLS",
                    " ")));

    assertThat(config.webhooks().targets()).isEmpty();
    assertThat(config.webhooks().secret()).isEmpty();
  }

  @Test
  void aBadOrRepeatedWebhookUrlIsNamedWithItsVariable() {
    for (String urls :
        new String[] {"ftp://a.example.com", "http://a.example.com,http://a.example.com"}) {
      assertThatThrownBy(
              () ->
                  NotifierConfig.fromEnv(
                      Env.of(
                          Map.of(
                              "FLOTILLA_BOOTSTRAP_SERVERS",
                              "127.0.0.1:9092",
                              "FLOTILLA_WEBHOOK_URLS",
                              urls))))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("FLOTILLA_WEBHOOK_URLS");
    }
  }
}
