package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.flotilla.backup.BackupVerification.Status;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.crash.CrashTally;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restores killed with SIGKILL in a separate JVM ({@link CrashChild}) at random instants, and aimed
 * at states a random kill seldom lands in: just after the live database is kept under its
 * pre-restore name (stepped there with SIGSTOP, best effort: the log says where each landed), just
 * after it is replaced, and held by a named pipe between restoring and journalling. The live
 * database is then sound and wholly the old one (with the transactions only its WAL held) or wholly
 * the backup, whichever the state implies; a start-up sweep removes only garbage; and the
 * redelivered command succeeds and leaves the backup's content with no work file beside it.
 */
class RestoreCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(RestoreCrashIT.class);
  private static final DeviceId DEVICE = DeviceId.of("rv-crash");
  private static final int RUNS = 20;
  private static final String JOURNALLED = "journalled, no reply yet";
  private static final String COMMITTED = "committed, not yet journalled";
  private static final String REPLACED = "replaced, not yet verified and committed";
  private static final String KEPT = "kept, not yet replaced";
  private static final String PREPARING = "copying, preparing, checkpointing";

  /** The states in which the live database is the backup's content. */
  private static final List<String> RESTORED =
      List.of(CrashRun.REPLIED, JOURNALLED, COMMITTED, REPLACED);

  @TempDir static Path templates;
  private static Path backups;
  private static BackupCompleted backup;
  private static LogicalDump backupContent;

  private static StartingStates starts;

  @TempDir Path runs;

  @BeforeAll
  static void backUpThenChangeTheDeviceDatabase() throws IOException {
    Path checkpointed = Files.createDirectories(templates.resolve("checkpointed"));
    backups = Files.createDirectories(templates.resolve("backups"));
    FleetLayout fleet = new FleetLayout(checkpointed);
    Path database = fleet.database(DEVICE);
    DeviceDatabases.create(database);
    DeviceDatabases.addReadings(database, 10_000);
    DeviceDatabases.addServiceNotes(database, 8_000);
    backupContent = LogicalDump.ofCopy(database, templates.resolve("dump"));
    Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    backup =
        (BackupCompleted)
            new BackupTaker(new BackupLayout(backups), fleet, FreeSpaceProbe.fileStore(), clock)
                .backup(Commands.takeBackup(DEVICE, "r-crash/" + DEVICE + "/backup/1"));

    // What a migration does: a new table, rows pruned. (Rows the application added or changed
    // since the backup would make the restore refuse, to keep them.)
    DeviceDatabases.migrateToVersion3(database);
    DeviceDatabases.removeReadings(database, 500);
    starts =
        StartingStates.of(
            templates,
            checkpointed,
            DEVICE,
            "DELETE FROM service_note WHERE id % 97 = 0",
            "DELETE FROM tank_reading WHERE id % 89 = 0",
            "INSERT INTO usage_snapshot (kwh) VALUES (7.75)");
    assertThat(List.of(starts.checkpointedContent(), starts.withWalContent()))
        .doesNotContain(backupContent);
  }

  @Test
  void restoreKilledAtRandomInstantsLeavesOneWholeDatabaseAndItsRedeliverySucceeds() {
    // Every other run starts with committed transactions only in the WAL.
    CrashRun.killAtRandom("Restore", RUNS, run -> new RestoreCrash(run, run % 2 == 0), LOG);
  }

  @Test
  void restoreKilledJustAfterKeepingTheLiveDatabaseLeavesOneWholeDatabaseWithItsWal() {
    CrashTally tally = new CrashTally();
    for (int run = 1; run <= 2; run++) {
      RestoreCrash crash = new RestoreCrash(run, run == 1);
      crash.context = "stepped until the live database was kept";
      crash.start().child.awaitReady().go();

      crash.child.killWhenFrozenIn(COPY_EXISTS, KEPT_AS_LINK, crash.shellArgs());

      tally.add(crash.when(), crash.phase());
      crash.assertRecovered(run == 2);
    }
    LOG.info("Restores stepped until the live database was kept: {}", tally.summary());
  }

  @Test
  void restoreKilledJustAfterReplacingTheLiveDatabaseIsRedoneAndTidiedOnRedelivery() {
    RestoreCrash crash = new RestoreCrash(1, true);
    crash.context = "killed once the live database was replaced";
    crash.start().child.awaitReady().go();

    // The restored file is verified before the kept one goes: a window a spinning test can hit.
    crash.child.spinUntil(crash::replaced);
    crash.child.killAfter(Duration.ZERO);

    LOG.info("Restore killed once the live database was replaced: {}", crash.phase());
    crash.assertRecovered(true);
  }

  @Test
  void restoreKilledWhileJournallingItsReplyIsRedoneOnRedelivery() throws IOException {
    RestoreCrash crash = new RestoreCrash(1, true);
    Path entry =
        DurableFiles.tempFor(crash.layout.restoreJournal(DEVICE, crash.command.commandId()));
    Files.createDirectories(entry.getParent());
    // Writing the journal entry blocks on this pipe, which holds the child right there.
    TestFiles.makeFifo(entry);
    crash.context = "held while journalling its reply";

    Object oldFile = crash.fileKeyOfLive();
    crash.start().child.awaitReady().go();
    // Replaced, and no longer kept: the restore is committed and the child waits on the pipe.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !crash.fileKeyOfLive().equals(oldFile) && crash.kept().isEmpty());
    crash.child.killAfter(Duration.ZERO);

    assertThat(crash.phase()).isEqualTo(COMMITTED);
    // What a kill in the middle of the write leaves: part of the entry under the temp name.
    Files.delete(entry);
    Files.writeString(entry, "{\"type\":\"Resto", StandardCharsets.UTF_8);
    crash.assertRecovered(false);
  }

  /** Shell test: the restore's copy of the backup ($3) exists. */
  private static final String COPY_EXISTS = "[ -e \"$3\" ]";

  /** Shell test: a pre-restore file ($1 is its names' prefix) is the live file ($2). */
  private static final String KEPT_AS_LINK =
      "for kept in \"$1\"*; do\n"
          + "  case \"$kept\" in *-wal|*-shm|*-journal) continue;; esac\n"
          + "  [ -f \"$kept\" ] && [ \"$kept\" -ef \"$2\" ] && return 0\n"
          + "done\n"
          + "return 1";

  /** One run: its own fleet and backup folders, a child restoring once, the checks after. */
  private final class RestoreCrash extends CrashRun {
    final FleetLayout fleet;
    final BackupLayout layout;
    final RestoreBackup command;
    final LogicalDump oldContent;
    private LogicalDump afterCrash;

    RestoreCrash(int run, boolean walContent) {
      super(runs.resolve("run-" + run));
      fleet = new FleetLayout(fleetDir);
      layout = new BackupLayout(backupDir);
      TestFiles.copyFiles(starts.folderFor(walContent), fleetDir);
      TestFiles.copyTree(backups, backupDir);
      command =
          Commands.restore(
              DEVICE, "r-crash/" + DEVICE + "/restore/" + run, backup.backupId(), backup.sha256());
      oldContent = starts.contentOf(walContent);
    }

    @Override
    WorkerCommand command() {
      return command;
    }

    Path live() {
      return fleet.database(DEVICE);
    }

    /** The live database's content, read from a copy so the crash's files stay as they are. */
    LogicalDump liveContent() {
      return LogicalDump.ofCopy(live(), dir.resolve("dump"));
    }

    /** Which file the live name points at. */
    Object fileKeyOfLive() {
      try {
        return Files.readAttributes(live(), BasicFileAttributes.class).fileKey();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The pre-restore file (not its companions), when there is one. */
    Optional<Path> kept() {
      try (DirectoryStream<Path> entries =
          Files.newDirectoryStream(fleetDir, fleet.preRestorePrefix(DEVICE) + "*")) {
        for (Path entry : entries) {
          if (FleetLayout.parseKept(entry.getFileName().toString()).isPresent()) {
            return Optional.of(entry);
          }
        }
        return Optional.empty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The arguments of the shell tests: pre-restore names' prefix, live file, restore copy. */
    List<String> shellArgs() {
      return List.of(
          fleetDir.resolve(fleet.preRestorePrefix(DEVICE)).toString(),
          live().toString(),
          fleet.restoreInProgress(DEVICE).toString());
    }

    /** The live name is on the restored file while the previous one is still kept. */
    boolean replaced() {
      return kept().map(this::replaced).orElse(false);
    }

    private boolean replaced(Path kept) {
      try {
        return !Files.isSameFile(kept, live());
      } catch (IOException e) {
        // Gone between listing and comparing: the restore has committed.
        return false;
      }
    }

    @Override
    String readPhase() {
      if (child.result().isPresent()) {
        return REPLIED;
      }
      if (Files.exists(layout.restoreJournal(DEVICE, command.commandId()))) {
        return JOURNALLED;
      }
      Optional<Path> kept = kept();
      if (kept.isPresent()) {
        return replaced(kept.get()) ? REPLACED : KEPT;
      }
      if (SqliteCompanions.withCompanions(fleet.restoreInProgress(DEVICE)).stream()
          .anyMatch(Files::exists)) {
        return PREPARING;
      }
      return contentAfterCrash().equals(backupContent) ? COMMITTED : UNTOUCHED;
    }

    private LogicalDump contentAfterCrash() {
      if (afterCrash == null) {
        afterCrash = liveContent();
      }
      return afterCrash;
    }

    @Override
    void assertRecovered(boolean sweepFirst) {
      String where = where();
      LogicalDump content = contentAfterCrash();
      assertThat(content.integrity()).as(where).isEqualTo("ok");
      assertThat(content)
          .as(where + ": the live database must be wholly the old one or wholly the backup")
          .isIn(oldContent, backupContent);
      assertThat(content)
          .as(where + ": the live database is not the one this state implies")
          .isEqualTo(RESTORED.contains(phase()) ? backupContent : oldContent);

      if (sweepFirst) {
        assertSweepRemovesOnlyGarbage(where);
      }

      RestoreResult reply =
          new BackupRestorer(layout, fleet, FreeSpaceProbe.fileStore(), Clock.systemUTC())
              .restore(command);
      assertThat(reply).as(where + ": the redelivery").isInstanceOf(Restored.class);
      assertThat(((Restored) reply).version()).as(where).isEqualTo(VersionId.of(2));
      LogicalDump restored = liveContent();
      assertThat(restored.integrity()).as(where).isEqualTo("ok");
      assertThat(restored).as(where + ": after the redelivery").isEqualTo(backupContent);
      assertThat(TestFiles.namesIn(fleetDir))
          .as(where + ": the fleet folder after the redelivery")
          .containsExactly(live().getFileName().toString());
      assertThat(TestFiles.namesIn(layout.restoreJournalDir(DEVICE)))
          .as(where + ": the restore journal after the redelivery")
          .containsExactly(
              layout.restoreJournal(DEVICE, command.commandId()).getFileName().toString());
      try {
        assertThat(new BackupCatalog(backupDir).verify(DEVICE, backup.backupId()).status())
            .as(where + ": the backup restored from")
            .isEqualTo(Status.INTACT);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      TestFiles.deleteTree(dir);
    }

    /**
     * The sweep after the device's next command, then one as at start-up, both with no grace
     * period: the first removes the copy being prepared and a pre-restore name that is only a
     * second name of the live file (it looks beside the database because the restore made its
     * journal folder before its first file there), and keeps a pre-restore file that differs from
     * the live one (it holds the old data), the live database with its WAL, and every backup file;
     * the start-up sweep finds nothing more.
     */
    private void assertSweepRemovesOnlyGarbage(String where) {
      List<String> expected = new ArrayList<>(TestFiles.namesIn(fleetDir));
      expected.removeIf(name -> name.startsWith("." + DEVICE + ".db.restore.tmp"));
      kept()
          .filter(kept -> !replaced(kept))
          .ifPresent(kept -> expected.remove(kept.getFileName().toString()));
      List<String> backupFiles = TestFiles.namesIn(layout.deviceDir(DEVICE));
      OrphanSweeper sweeper =
          new OrphanSweeper(layout, Optional.of(fleet), Duration.ZERO, Clock.systemUTC());
      try {
        sweeper.sweepAfterWork(DEVICE);
        assertThat(TestFiles.namesIn(fleetDir))
            .as(where + ": the fleet folder after the device's next command")
            .isEqualTo(expected);
        assertThat(sweeper.sweep())
            .as(where + ": what the start-up sweep found after it")
            .isEmpty();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      assertThat(TestFiles.namesIn(fleetDir))
          .as(where + ": the fleet folder after the start-up sweep")
          .isEqualTo(expected);
      assertThat(TestFiles.namesIn(layout.deviceDir(DEVICE)))
          .as(where + ": the backup folder after the start-up sweep")
          .isEqualTo(backupFiles);
    }
  }
}
