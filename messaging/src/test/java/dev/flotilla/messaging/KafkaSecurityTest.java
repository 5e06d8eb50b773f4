package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSecurityTest {
  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"flotilla\""
          + " password=\"s3cret\";";

  @Test
  void saslAndTlsVariablesBecomeTheClientSettingsOfEveryClient() {
    KafkaSettings kafka =
        Env.of(
                Map.of(
                    "FLOTILLA_BOOTSTRAP_SERVERS", "kafka:9093",
                    "FLOTILLA_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                    "FLOTILLA_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                    "FLOTILLA_KAFKA_SASL_JAAS_CONFIG", JAAS,
                    "FLOTILLA_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                    "FLOTILLA_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "https",
                    "FLOTILLA_KAFKA_IMAGE", "apache/kafka:4.4.0"))
            .kafka();

    assertThat(kafka.security())
        .containsOnly(
            Map.entry("security.protocol", "SASL_SSL"),
            Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
            Map.entry("sasl.jaas.config", JAAS),
            Map.entry("ssl.truststore.location", "/etc/kafka/truststore.p12"),
            Map.entry("ssl.endpoint.identification.algorithm", "https"));
    for (Map<String, Object> config :
        java.util.List.of(
            ClientConfigs.producer(kafka, "p"),
            ClientConfigs.reader(kafka, "r"),
            ClientConfigs.groupMember(kafka, "g", "m", 10, null),
            ClientConfigs.transactionalProducer(kafka, "t"),
            ClientConfigs.admin(kafka))) {
      assertThat(config).containsAllEntriesOf(kafka.security());
    }
  }

  @Test
  void thePasswordIsNeverShownAndAnUnknownSettingIsNamed() {
    KafkaSettings kafka =
        KafkaSettings.of("kafka:9093").withSecurity(Map.of("sasl.jaas.config", JAAS));
    assertThat(kafka.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");

    assertThatThrownBy(
            () ->
                Env.of(
                        Map.of(
                            "FLOTILLA_BOOTSTRAP_SERVERS", "kafka:9093",
                            "FLOTILLA_KAFKA_SASL_MECHANISMS", "PLAIN"))
                    .kafka())
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "FLOTILLA_KAFKA_SASL_MECHANISMS would set the Kafka client setting 'sasl.mechanisms',"
                + " which Kafka does not know");
  }
}
