package dev.flotilla.bench.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartBenchTest {
  @TempDir Path work;

  @Test
  void aRestartedCoordinatorDispatchesTheHeldDevicesAgainAndFinishesEveryOne() throws Exception {
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      RestartResult result = new RestartBench(work.resolve("bench"), System.out, kafka, 20).run();

      assertThat(result.devices()).isEqualTo(20);
      assertThat(result.done()).isEqualTo(20);
      assertThat(result.inFlightHeapMb()).isPositive();
      assertThat(result.readySeconds()).isPositive();
      assertThat(result.firstDispatchSeconds()).isGreaterThanOrEqualTo(result.readySeconds() / 2);
      assertThat(result.allDispatchedSeconds())
          .isGreaterThanOrEqualTo(result.firstDispatchSeconds());
      assertThat(result.finishSeconds()).isGreaterThanOrEqualTo(result.allDispatchedSeconds());
    }
  }
}
