package dev.flotilla.bench.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowGuardBenchTest {
  @TempDir Path work;

  @Test
  void timesEveryStepAndTheRowGuardOnEveryDevice() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    RowGuardResult result =
        new RowGuardBench(work, new PrintStream(log, true, StandardCharsets.UTF_8), 5, 1, 42).run();

    // The bench checked every device's replies, its guard and its counts against its backup.
    assertThat(result.devices()).isEqualTo(5);
    assertThat(result.rounds()).isEqualTo(1);
    assertThat(result.rowGuardMillis().median()).isPositive();
    assertThat(result.rowGuardMillis().median()).isLessThan(result.migrateMillis().median());
    assertThat(result.rowGuardShareOfMigrate().median()).isBetween(0.0, 1.0);
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up: 5 devices", "round 1: 5");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    result.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("row guard", "verify");
  }
}
