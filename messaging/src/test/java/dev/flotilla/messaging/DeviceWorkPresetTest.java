package dev.flotilla.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.topic.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceWorkPresetTest {
  private static final KafkaSettings KAFKA = KafkaSettings.of("127.0.0.1:9");

  @Test
  void theGroupWaitsForTheLongestStepAndHalfAsMuchAgainAndNeverLessThanKafkasDefault() {
    assertThat(TransactionalLoop.Builder.pollIntervalFor(Duration.ofMinutes(30)))
        .isEqualTo(Duration.ofMinutes(45));
    assertThat(TransactionalLoop.Builder.pollIntervalFor(Duration.ofMinutes(10)))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(TransactionalLoop.Builder.pollIntervalFor(Duration.ofMinutes(5)))
        .isEqualTo(Duration.ofSeconds(450));
    // Never below five minutes.
    assertThat(TransactionalLoop.Builder.pollIntervalFor(Duration.ofSeconds(90)))
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(TransactionalLoop.Builder.pollIntervalFor(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void batchOnlyHooksAreRefused() {
    assertThatThrownBy(
            () ->
                deviceWork()
                    .tick(Duration.ofSeconds(1), now -> List.of())
                    .handler(record -> List.of())
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("record by record");
    assertThatThrownBy(
            () ->
                deviceWork()
                    .onAssigned(partitions -> List.of())
                    .handler(record -> List.of())
                    .build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> deviceWork().holdUntilReady(record -> true).handler(record -> List.of()).build())
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aStepMustTakeSomeTime() {
    assertThatThrownBy(
            () -> TransactionalLoop.builder(KAFKA, "g", "t").forDeviceWork(4, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static TransactionalLoop.Builder deviceWork() {
    return TransactionalLoop.builder(KAFKA, "g", "t")
        .forDeviceWork(4, Duration.ofMinutes(5))
        .subscribe(List.of(Topics.REPLIES));
  }
}
