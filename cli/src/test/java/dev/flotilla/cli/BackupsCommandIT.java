package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.backup.BackupLayout;
import dev.flotilla.backup.BackupTaker;
import dev.flotilla.backup.FleetLayout;
import dev.flotilla.backup.FreeSpaceProbe;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.testsupport.Commands;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla backups list|verify|sweep} on a real backup directory, as an operator runs them:
 * the jar in its own process, real backups taken by the backup worker's code, real leftovers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupsCommandIT {
  @TempDir static Path work;
  private Path backups;
  private Path staleLeftover;
  private Path freshLeftover;
  private Path firstBackup;
  private ServiceProcesses jar;

  @BeforeAll
  void takeBackupsAndLeaveWhatCrashesLeave() throws Exception {
    Path fleet = work.resolve("fleet");
    backups = Files.createDirectories(work.resolve("backups"));
    List<DeviceId> devices = DemoFleet.generate(fleet, 2, 3);
    BackupTaker taker =
        new BackupTaker(
            new BackupLayout(backups),
            new FleetLayout(fleet),
            FreeSpaceProbe.fileStore(),
            Clock.systemUTC());
    for (DeviceId device : devices) {
      BackupResult result =
          taker.backup(Commands.takeBackup(device, "it-backup-" + device.value()));
      assertThat(result).isInstanceOf(BackupCompleted.class);
      if (firstBackup == null) {
        BackupCompleted completed = (BackupCompleted) result;
        firstBackup = backups.resolve(device.value()).resolve(completed.backupId().value() + ".db");
      }
    }
    // Backup files whose manifest a crash kept from being written: one old, one recent.
    Path deviceDir = backups.resolve(devices.get(0).value());
    staleLeftover = Files.copy(firstBackup, deviceDir.resolve("rv-0001-aaaaaaaaaaaa.db"));
    Files.setLastModifiedTime(
        staleLeftover, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
    freshLeftover = Files.copy(firstBackup, deviceDir.resolve("rv-0001-bbbbbbbbbbbb.db"));
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
  }

  @Test
  @Order(1)
  void listShowsTheBackupsAndTheUnfinishedOnesAndExitsOne() throws Exception {
    var result = backups("list");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output())
        .contains("rv-0001-aaaaaaaaaaaa", "rv-0001-bbbbbbbbbbbb", "INCOMPLETE")
        .contains("4 backup(s), 2 intact, 2 not intact");
  }

  @Test
  @Order(1)
  void listAsJsonNamesEveryBackupWithItsStatusAndManifest() throws Exception {
    var result = backups("list", "--json");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    JsonObject listed = new JsonObject(result.stdout().strip());
    assertThat(listed.getInteger("total")).isEqualTo(4);
    assertThat(listed.getInteger("intact")).isEqualTo(2);
    assertThat(listed.getBoolean("checksums")).isFalse();
    List<JsonObject> items =
        listed.getJsonArray("backups").stream().map(JsonObject.class::cast).toList();
    assertThat(items)
        .filteredOn(b -> b.getString("backupId").equals("rv-0001-aaaaaaaaaaaa"))
        .singleElement()
        .satisfies(b -> assertThat(b.getString("status")).isEqualTo("INCOMPLETE"));
    assertThat(items)
        .filteredOn(b -> b.getBoolean("intact"))
        .allSatisfy(
            b -> {
              assertThat(b.getString("sha256")).hasSize(64);
              assertThat(b.getString("createdAt")).isNotBlank();
              assertThat(b.getLong("sizeBytes")).isPositive();
            });
  }

  @Test
  @Order(2)
  void sweepDeletesOnlyTheLeftoverOlderThanTheGracePeriod() throws Exception {
    var result = backups("sweep");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("deleted " + staleLeftover).contains("1 leftover file(s)");
    assertThat(staleLeftover).doesNotExist();
    assertThat(freshLeftover).exists();
    assertThat(firstBackup).exists();
  }

  @Test
  @Order(3)
  void verifyReadsEveryByteAndReportsADamagedBackup() throws Exception {
    try (var file = Files.newByteChannel(firstBackup, StandardOpenOption.WRITE)) {
      file.position(Files.size(firstBackup) / 2);
      file.write(ByteBuffer.wrap(new byte[] {42, 42, 42, 42}));
    }

    var result = backups("verify");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    assertThat(result.output()).contains("DAMAGED").contains("3 backup(s), 1 intact, 2 not intact");
  }

  @Test
  @Order(4)
  void aGracePeriodOfZeroSweepsTheRecentLeftoverButNeverAFinishedBackupEvenDamaged()
      throws Exception {
    var result = backups("sweep", "--older-than", "0s");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(freshLeftover).doesNotExist();
    assertThat(firstBackup).exists();
  }

  @Test
  @Order(5)
  void aDurationThatIsNotOneIsAOneLineErrorAndDeletesNothing() throws Exception {
    var result = backups("sweep", "--older-than", "soon");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output().strip()).contains("--older-than").contains("'soon'");
    assertThat(firstBackup).exists();
  }

  @Test
  @Order(6)
  void verifyAsJsonSaysWhichBackupIsDamagedAndExitsOne() throws Exception {
    var result = backups("verify", "--json");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
    JsonObject verified = new JsonObject(result.stdout().strip());
    assertThat(verified.getBoolean("checksums")).isTrue();
    assertThat(verified.getInteger("total")).isEqualTo(2);
    assertThat(verified.getInteger("notIntact")).isEqualTo(1);
    assertThat(verified.getJsonArray("backups").stream().map(JsonObject.class::cast))
        .anySatisfy(
            b -> {
              assertThat(b.getString("status")).isEqualTo("DAMAGED");
              assertThat(b.getString("detail")).contains("hashing to");
            });
  }

  private ServiceProcesses.Result backups(String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "backups";
    System.arraycopy(args, 0, command, 1, args.length);
    command[args.length + 1] = "--backup-dir";
    command[args.length + 2] = backups.toString();
    return jar.run(Map.of(), command);
  }
}
