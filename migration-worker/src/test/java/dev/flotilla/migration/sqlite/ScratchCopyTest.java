package dev.flotilla.migration.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchCopyTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");

  @TempDir Path fleet;
  @TempDir Path scratch;

  @Test
  void aCopyHoldsTheCommitsStillInTheWalAndClosingDeletesIt() throws Exception {
    Path file = DeviceFiles.createEmpty(fleet, RV);
    DeviceFiles.execute(file, "CREATE TABLE reading (value REAL)");
    DeviceFiles.commitIntoWalOnly(file, "INSERT INTO reading VALUES (12.5)");
    DeviceDatabase device = DeviceDatabase.in(fleet, RV);

    Path copied;
    try (ScratchCopy copy = ScratchCopy.of(device, scratch, Deadline.none(Clock.systemUTC()))) {
      copied = copy.database().file();
      assertThat(copied).startsWith(scratch).hasFileName("rv-0001.db");
      assertThat(DeviceFiles.rows(copied, "SELECT value FROM reading"))
          .containsExactly(List.of("12.5"));
    }

    assertThat(copied).doesNotExist();
    assertThat(children(scratch)).isEmpty();
  }

  @Test
  void leftoversOfAStoppedWorkerAreDeletedAndNothingElse() throws Exception {
    Path leftover = Files.createDirectories(scratch.resolve("rehearsals/rv-0001-123"));
    Files.writeString(leftover.resolve("rv-0001.db"), "half a copy");
    Path device = DeviceFiles.createEmpty(fleet, RV);

    ScratchCopy.deleteLeftovers(scratch.resolve("rehearsals"));
    ScratchCopy.deleteLeftovers(scratch.resolve("never-made"));

    assertThat(children(scratch.resolve("rehearsals"))).isEmpty();
    assertThat(device).exists();
  }

  private static List<Path> children(Path dir) throws Exception {
    try (Stream<Path> children = Files.list(dir)) {
      return children.toList();
    }
  }
}
