package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaImageTest {
  @Test
  void thePropertyWinsOverTheVariableAndTheDefaultIsTheReleaseTheBuildUses() {
    assertThat(KafkaImage.name(" local/kafka:1 ", "env/kafka:2")).isEqualTo("local/kafka:1");
    assertThat(KafkaImage.name("", "env/kafka:2")).isEqualTo("env/kafka:2");
    assertThat(KafkaImage.name(null, " ")).isEqualTo("apache/kafka:4.4.0");
  }

  @Test
  void aSingleNodeListensAndAdvertisesOnLoopbackOnly() {
    Map<String, String> env = KafkaImage.singleNodeEnvironment(19092, 19093);

    assertThat(env)
        .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
        .containsEntry(
            "KAFKA_LISTENERS", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:19093")
        .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
    assertThat(env.keySet()).allMatch(name -> name.startsWith("KAFKA_"));
    assertThat(env.entrySet())
        .filteredOn(entry -> entry.getKey().endsWith("_REPLICATION_FACTOR"))
        .hasSize(3)
        .allSatisfy(entry -> assertThat(entry.getValue()).isEqualTo("1"));
  }
}
