package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devkit.ChildJvm;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.crash.ChildRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups onto a real, small file system (a tmpfs mounted for the child process only, see {@link
 * SmallFileSystem}), never a faked free-space figure: refused up front when less than twice the
 * database is free, failing cleanly when the disk fills up during the copy, and needing room for
 * the copy alone once accepted.
 */
class FullDiskIT {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final MessageCodec CODEC = new MessageCodec();

  @TempDir Path work;

  private Path fleetDir;
  private Path database;
  private long databaseBytes;
  private LogicalDump content;

  @BeforeEach
  void createDevice() throws IOException {
    fleetDir = Files.createDirectories(work.resolve("fleet"));
    database = new FleetLayout(fleetDir).database(DEVICE);
    DeviceDatabases.create(database);
    DeviceDatabases.addServiceNotes(database, 1_500);
    databaseBytes = Files.size(database) + DurableFiles.sizeOrZero(SqliteCompanions.wal(database));
    content = LogicalDump.ofCopy(database, work.resolve("dump"));
  }

  @Test
  void backupIsRefusedAsLowDiskWhenTheFileSystemHasLessThanTwiceTheDatabaseFree() {
    // An empty file system of one and a half times the database.
    Outcome outcome = backUpOnto(databaseBytes * 3 / 2, List.of());

    assertThat(outcome.failure().failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(outcome.failure().failure().reason())
        .startsWith("low-disk:")
        .contains("needs " + 2 * databaseBytes + " bytes free");
    assertThat(outcome.files()).as("nothing may be written").isEmpty();
    assertThat(LogicalDump.ofCopy(database, work.resolve("dump"))).isEqualTo(content);
  }

  @Test
  void backupThatRunsOutOfSpaceWhileCopyingFailsAsLowDiskAndLeavesNoPartialFile() {
    // Room for the check, then another file leaves half the database free: the copy cannot fit.
    Outcome outcome = backUpOnto(databaseBytes * 3, List.of("0.5"));

    assertThat(outcome.failure().failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(outcome.failure().failure().reason())
        .startsWith("low-disk: no space left on device")
        .contains("SQLITE_FULL");
    assertThat(outcome.files()).as("partial files left in the backup folder").isEmpty();
    assertThat(LogicalDump.ofCopy(database, work.resolve("dump"))).isEqualTo(content);
  }

  @Test
  void backupThatFitsOnceNeedsNoRoomForASecondCopyToProveIt() {
    // The copy fits, with half the database to spare: its checks read the copy itself.
    Outcome outcome = backUpOnto(databaseBytes * 3, List.of("1.5"));

    assertThat(outcome.reply()).as(outcome.output()).isInstanceOf(BackupCompleted.class);
    assertThat(outcome.files())
        .as("the backup and its manifest, nothing else")
        .hasSize(2)
        .anyMatch(file -> file.contains(".db "))
        .anyMatch(file -> file.contains(".manifest.json "));
    assertThat(LogicalDump.ofCopy(database, work.resolve("dump"))).isEqualTo(content);
  }

  /** What a {@link DiskChild} reported: its reply, and the files left in the backup folder. */
  private record Outcome(BackupResult reply, List<String> files, String output) {
    BackupFailed failure() {
      assertThat(reply).as(output).isInstanceOf(BackupFailed.class);
      return (BackupFailed) reply;
    }
  }

  private Outcome backUpOnto(long fileSystemBytes, List<String> fill) {
    TakeBackup command = Commands.takeBackup(DEVICE, "r-disk/rv-0001/backup/1");
    Path mountPoint = work.resolve("small-disk");
    TestFiles.createDirectories(mountPoint);
    List<String> args =
        new ArrayList<>(
            List.of(fleetDir.toString(), mountPoint.toString(), CODEC.encodeToString(command)));
    args.addAll(fill);
    ProcessBuilder child =
        SmallFileSystem.around(
            ChildRun.quiet(ChildJvm.processFor(work, DiskChild.class, args)),
            mountPoint,
            fileSystemBytes);

    ChildRun run = ChildRun.start(child).awaitExit();

    assertThat(run.exitValue()).as(run.output()).isZero();
    assertThat(TestFiles.namesIn(mountPoint)).as("the mount must stay the child's").isEmpty();
    return new Outcome(
        CODEC.decode(run.result().orElseThrow(), BackupResult.class),
        run.linesStartingWith(DiskChild.FILE),
        run.output());
  }
}
