package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.InvalidMessageException;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupLayoutTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");

  @TempDir Path backupDir;

  @Test
  void backupAndManifestLiveInTheDeviceFolder() {
    BackupLayout layout = new BackupLayout(backupDir);
    BackupId backup = BackupId.of("rv-0001-0123456789ab");

    assertThat(layout.backupFile(DEVICE, backup))
        .isEqualTo(backupDir.resolve("rv-0001/rv-0001-0123456789ab.db"));
    assertThat(layout.manifestFile(DEVICE, backup))
        .isEqualTo(backupDir.resolve("rv-0001/rv-0001-0123456789ab.manifest.json"));
    assertThat(layout.copyInProgress(DEVICE, backup).getFileName().toString())
        .isEqualTo(".rv-0001-0123456789ab.tmp");
  }

  @Test
  void idsThatWouldClimbOutOfTheBackupDirectoryAreRejected() {
    assertThatThrownBy(() -> BackupId.of("../../etc/passwd"))
        .isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> DeviceId.of("..")).isInstanceOf(InvalidMessageException.class);
    assertThatThrownBy(() -> ContainedPath.child(backupDir, "../escape.db"))
        .isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> ContainedPath.child(backupDir, "nested/escape.db"))
        .isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> ContainedPath.child(backupDir, ".."))
        .isInstanceOf(UnsafePathException.class);
    assertThatThrownBy(() -> ContainedPath.child(backupDir, "."))
        .isInstanceOf(UnsafePathException.class);
  }

  @Test
  void symbolicLinksAreRefusedEvenWithAValidName(@TempDir Path elsewhere) throws IOException {
    Files.createSymbolicLink(backupDir.resolve("rv-0001"), elsewhere);

    assertThatThrownBy(() -> new BackupLayout(backupDir).deviceDir(DEVICE))
        .isInstanceOf(UnsafePathException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void commandIdsWithSlashesAndColonsMakeOneJournalFileInsideTheJournalFolder() {
    BackupLayout layout = new BackupLayout(backupDir);

    Path plain = layout.restoreJournal(DEVICE, CommandId.of("r-1/rv-0001/restore:2"));
    Path climbing = layout.restoreJournal(DEVICE, CommandId.of("r-1/../../../../tmp/x"));

    assertThat(plain.getParent()).isEqualTo(backupDir.resolve("rv-0001/restores"));
    assertThat(plain.getFileName().toString()).isEqualTo("r-1%2Frv-0001%2Frestore%3A2.json");
    assertThat(climbing.getParent()).isEqualTo(backupDir.resolve("rv-0001/restores"));
  }

  @Test
  void theSameCommandAlwaysNamesTheSameBackupAndOtherCommandsOthers() {
    var first = Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/1");
    var again = Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/1");
    var retry = Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/2");

    assertThat(BackupNaming.backupIdFor(again)).isEqualTo(BackupNaming.backupIdFor(first));
    assertThat(BackupNaming.backupIdFor(retry)).isNotEqualTo(BackupNaming.backupIdFor(first));
    assertThat(BackupNaming.backupIdFor(first).value()).matches("rv-0001-[0-9a-f]{12}");
  }

  @Test
  void aBackupIdIsRecognisedAsThisWorkersOnlyForItsOwnDevice() {
    BackupId made = BackupNaming.backupIdFor(Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/1"));

    assertThat(BackupNaming.isNamedFor(DEVICE, made.value())).isTrue();
    assertThat(BackupNaming.isNamedFor(DeviceId.of("rv-0002"), made.value())).isFalse();
    assertThat(BackupNaming.isNamedFor(DEVICE, "rv-0001-0123456789AB")).isFalse();
    assertThat(BackupNaming.isNamedFor(DEVICE, "rv-0001-0123456789a")).isFalse();
    assertThat(BackupNaming.isNamedFor(DEVICE, "notes")).isFalse();
  }

  @Test
  void aPreRestoreNameSaysWhenAndByWhichCommandTheDatabaseWasKept() {
    FleetLayout fleet = new FleetLayout(backupDir);
    CommandId command = CommandId.of("r-1/rv-0001/restore/1");
    Instant at = Instant.parse("2026-11-22T11:00:00.250Z");

    Path kept = fleet.preRestore(DEVICE, command, at);
    FleetLayout.KeptName name = FleetLayout.parseKept(kept.getFileName().toString()).orElseThrow();

    assertThat(kept.getFileName().toString())
        .matches("rv-0001\\.db\\.pre-restore-20261122T110000250Z-[0-9a-f]{12}");
    assertThat(name.database()).isEqualTo("rv-0001.db");
    assertThat(name.keptAt()).isEqualTo(at);
    assertThat(name.keptBy(command)).isTrue();
    assertThat(name.keptBy(CommandId.of("r-1/rv-0001/restore/2"))).isFalse();
    assertThat(FleetLayout.parseKept("rv-0001.db.pre-restore-20261122T110000250Z"))
        .get()
        .extracting(FleetLayout.KeptName::keptBy)
        .isEqualTo(Optional.empty());
    assertThat(FleetLayout.parseKept(kept.getFileName() + "-wal")).isEmpty();
    assertThat(FleetLayout.parseKept("rv-0001.db")).isEmpty();
    assertThat(FleetLayout.parseKept("rv-0001.db.pre-restore-yesterday")).isEmpty();
  }
}
