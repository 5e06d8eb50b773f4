package dev.flotilla.bench.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeBackupBenchTest {
  @TempDir Path work;

  @Test
  void backsUpTheGeneratedDatabaseAndCopiesItInEveryRound() throws Exception {
    LargeBackupResult result =
        new LargeBackupBench(work, new PrintStream(new ByteArrayOutputStream()), 5, 2, 7).run();

    // The bench itself checked every backup's SHA-256 and row counts against the source.
    assertThat(result.bytes()).isGreaterThanOrEqualTo(5L << 20);
    assertThat(result.rows()).isGreaterThan(50_000);
    assertThat(result.rounds()).isEqualTo(2);
    assertThat(result.backupMbPerSecond().median()).isPositive();
    assertThat(result.copyMbPerSecond().median()).isPositive();
    assertThat(result.backupCheckMillis().median()).isPositive();
    assertThat(result.backupHashMillis().median()).isPositive();
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    result.printTo(new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("plain file copy", "SHA-256");
  }

  @Test
  void aSecondRunReusesTheDatabaseOfTheSameSizeAndSeed() throws Exception {
    Path first = LargeDeviceDatabase.ensure(work, 2, 7);
    long modified = Files.getLastModifiedTime(first).toMillis();

    Path second = LargeDeviceDatabase.ensure(work, 2, 7);
    Path otherSeed = LargeDeviceDatabase.ensure(work, 2, 8);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(second).toMillis()).isEqualTo(modified);
    assertThat(otherSeed).isNotEqualTo(first);
  }
}
