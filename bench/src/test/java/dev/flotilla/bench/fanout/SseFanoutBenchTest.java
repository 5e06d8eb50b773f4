package dev.flotilla.bench.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness at tiny scale: every client gets every published event once, and it says so. */
class SseFanoutBenchTest {
  @TempDir Path work;

  @Test
  void everyClientReceivesEveryEventOfTheWindowOnce() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    SseFanoutResult result;
    try (DevBroker broker = DevBroker.start(work.resolve("broker"))) {
      result =
          new SseFanoutBench(
                  work,
                  new PrintStream(printed, true, StandardCharsets.UTF_8),
                  KafkaSettings.of(broker.bootstrapServers()),
                  20,
                  100,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(1),
                  256,
                  null)
              .run();
    }
    result.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThat(result.events()).isEqualTo(200);
    assertThat(result.delivered()).isEqualTo(200L * 20);
    assertThat(result.missing()).isZero();
    assertThat(result.duplicates()).isZero();
    assertThat(result.unknown()).isZero();
    assertThat(result.unmatchedFrames()).isZero();
    assertThat(result.streamsEnded()).isZero();
    assertThat(result.sseAfterBare().count()).isEqualTo(200 * 20);
    assertThat(result.notifierCpuSeconds()).isPositive();
    assertThat(result.notifierLiveAfterFullGcMb()).isPositive();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("| per (client, event), 4000 pairs");
  }
}
