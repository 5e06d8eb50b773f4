package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceFileTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");

  @TempDir Path fleet;

  @Test
  void aDevicesDatabaseIsItsIdDotDbInTheFleetFolderWithSqlitesCompanionsBesideIt() {
    DeviceFile file = DeviceFile.in(fleet, RV);

    assertThat(file.path()).isEqualTo(fleet.resolve("rv-0001.db"));
    assertThat(file.wal()).isEqualTo(fleet.resolve("rv-0001.db-wal"));
    assertThat(SqliteCompanions.withCompanions(file.path()))
        .containsExactly(
            fleet.resolve("rv-0001.db"),
            fleet.resolve("rv-0001.db-wal"),
            fleet.resolve("rv-0001.db-shm"),
            fleet.resolve("rv-0001.db-journal"));
  }

  @Test
  void theRuleReadsBackwardsForDatabasesOnly() {
    assertThat(DeviceFile.deviceOf("rv-0001.db")).contains(RV);
    assertThat(DeviceFile.deviceOf("rv-0001.db-wal")).isEmpty();
    assertThat(DeviceFile.deviceOf("notes.txt")).isEmpty();
    assertThat(DeviceFile.deviceOf("not a device id!.db")).isEmpty();
    assertThat(SqliteCompanions.databaseNameOf("rv-0001.db-journal")).isEqualTo("rv-0001.db");
    assertThat(SqliteCompanions.databaseNameOf("rv-0001.db")).isEqualTo("rv-0001.db");
  }

  @Test
  void theFleetFolderListsTheDevicesWithADatabaseFile() throws IOException {
    Files.writeString(fleet.resolve("rv-0002.db"), "");
    Files.writeString(fleet.resolve("rv-0001.db"), "");
    Files.writeString(fleet.resolve("rv-0001.db-wal"), "");
    Files.writeString(fleet.resolve("README"), "");
    Files.createDirectory(fleet.resolve("rv-0003.db"));

    assertThat(DeviceFile.devicesIn(fleet)).isEqualTo(List.of(RV, DeviceId.of("rv-0002")));
  }

  @Test
  void theSizeCountsTheWriteAheadLog() throws IOException {
    DeviceFile file = DeviceFile.in(fleet, RV);
    Files.write(file.path(), new byte[4096]);

    assertThat(file.exists()).isTrue();
    assertThat(file.walSizeBytes()).isZero();
    Files.write(file.wal(), new byte[100]);
    assertThat(file.sizeBytes()).isEqualTo(4196);
  }
}
