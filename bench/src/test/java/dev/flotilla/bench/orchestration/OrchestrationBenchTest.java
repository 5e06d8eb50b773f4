package dev.flotilla.bench.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestrationBenchTest {
  @TempDir Path work;

  @Test
  void everySagaOfATinyRolloutEndsDoneWithOneRecordPerHopAndItsPeerMovesAsMany() throws Exception {
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
      OrchestrationResult result =
          new OrchestrationBench(
                  work.resolve("bench"), System.out, kafka, List.of(20), 5, broker.pid())
              .run();

      OrchestrationResult.Size row = result.rows().get(0);
      assertThat(row.devices()).isEqualTo(20);
      assertThat(row.outcomes()).containsEntry("DONE", 20);
      for (String step : List.of("safety-check", "backup", "migrate")) {
        assertThat(row.written().get("flotilla.commands." + step).recordsPerSaga()).isEqualTo(1.0);
      }
      // The verification rides with the migration: no command of its own.
      assertThat(row.written().get("flotilla.commands.verify").recordsPerSaga()).isZero();
      assertThat(row.written().get("flotilla.replies").recordsPerSaga()).isEqualTo(4.0);
      assertThat(row.written().get("flotilla.device-inventory").recordsPerSaga()).isEqualTo(1.0);
      assertThat(row.written().get("flotilla.events").recordsPerSaga()).isGreaterThan(8.0);
      assertThat(row.coordinatorTransactionsPerSaga()).isGreaterThan(0);
      assertThat(row.workerTransactionsPerSaga()).isGreaterThan(0);
      assertThat(row.coordinatorCpuMsPerSaga()).isPositive();
      assertThat(row.brokerCpuMsPerSaga()).isPositive();
      for (int step = 0; step < BareRoundTrips.COMMANDS; step++) {
        assertThat(row.bareWritten().get(BareRoundTrips.commands(step)).recordsPerSaga())
            .isEqualTo(1.0);
      }
      assertThat(row.bareWritten().get(BareRoundTrips.REPLIES).recordsPerSaga()).isEqualTo(4.0);
      assertThat(row.bareTransactionsPerSaga()).isGreaterThan(0);
      assertThat(row.timeOverBare()).isPositive();

      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      result.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("| 20 |", "time over bare");
    }
  }
}
