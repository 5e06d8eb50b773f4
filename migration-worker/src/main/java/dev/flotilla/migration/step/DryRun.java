package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.ScratchCopy;
import java.nio.file.Path;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Answers an {@link ApplyMigrations} with {@code dryRun}: copies the device database into a scratch
 * folder ({@link ScratchCopy}), migrates the copy with the very code of a real migration ({@link
 * PendingVersions}), checks it as {@link VerifyStep} checks a device ({@link VersionChecks}),
 * deletes it, and replies {@code MigrationRehearsed} with the duration, the sizes and the disk a
 * real run needs, or {@code MigrationFailed} with a reason starting with {@code "dry run: "} and
 * the device's real version. The device is only ever opened read-only, and nothing is recorded on
 * it: a redelivered dry run simply rehearses again.
 */
final class DryRun {
  static final String REASON_PREFIX = "dry run: ";

  private final DatabaseFolder fleet;
  private final Catalogue catalogue;
  private final PendingVersions pendingVersions;
  private final VersionChecks checks;
  private final Path scratchRoot;
  private final Replies replies;

  DryRun(
      DatabaseFolder fleet,
      Catalogue catalogue,
      PendingVersions pendingVersions,
      VersionChecks checks,
      Path scratchRoot,
      Replies replies) {
    this.fleet = fleet;
    this.catalogue = catalogue;
    this.pendingVersions = pendingVersions;
    this.checks = checks;
    this.scratchRoot = scratchRoot;
    this.replies = replies;
  }

  /** Never throws: every failure becomes a {@code MigrationFailed}. */
  MigrateResult rehearse(ApplyMigrations command) {
    DeviceDatabase device = fleet.database(command.deviceId());
    if (!device.exists()) {
      return failed(
          command,
          device,
          null,
          Failure.infrastructure("there is no database file " + device.file()));
    }
    try {
      return rehearse(command, device);
    } catch (Exception e) {
      return failed(
          command,
          device,
          null,
          SqliteFailures.failure(e, SqliteFailures.describe(e), FailureKind.BUSINESS));
    }
  }

  private MigrateResult rehearse(ApplyMigrations command, DeviceDatabase device) throws Exception {
    long deviceBytes = device.sizeBytes();
    ScratchCopy scratch;
    try {
      scratch =
          ScratchCopy.of(device, scratchRoot, new Deadline(command.deadline(), replies.clock()));
    } catch (Exception e) {
      return failed(
          command,
          device,
          null,
          new Failure(
              SqliteFailures.kindOf(e, FailureKind.BUSINESS),
              "the database could not be copied to "
                  + scratchRoot
                  + ": "
                  + SqliteFailures.describe(e)));
    }
    try (scratch) {
      DeviceDatabase copy = scratch.database();
      MigrateResult result;
      long copyBytesBefore;
      long copyBytesAfter;
      long walPeakBytes;
      try (Handle handle = copy.openForWriting()) {
        // The copy is ours: in WAL mode its peak log measures the pages a migration changes,
        // whatever journal the device uses (a rollback journal holds as many, and is gone at
        // commit, before it could be measured).
        handle.execute("PRAGMA journal_mode = WAL");
        copyBytesBefore = DeviceDatabase.pageBytes(handle);
        result = pendingVersions.apply(command, handle);
        copyBytesAfter = DeviceDatabase.pageBytes(handle);
        // Measured before closing: the last connection to close checkpoints and deletes the WAL.
        walPeakBytes = copy.walSizeBytes();
      }
      if (result instanceof MigrationFailed failure) {
        return failed(command, device, failure.failedVersion(), failure.failure());
      }
      MigrationsApplied applied = (MigrationsApplied) result;
      Optional<Failure> unverified = verify(command, copy);
      if (unverified.isPresent()) {
        return failed(command, device, null, unverified.get());
      }
      RehearsalSizes sizes =
          new RehearsalSizes(deviceBytes, copyBytesBefore, copyBytesAfter, walPeakBytes);
      return replies.migrationRehearsed(
          command,
          applied.fromVersion(),
          applied.durationMillis(),
          sizes.deviceBytes(),
          sizes.sizeAfterBytes(),
          sizes.diskNeededBytes());
    }
  }

  /** What keeps the migrated copy from passing a verification at the target, if anything. */
  private Optional<Failure> verify(ApplyMigrations command, DeviceDatabase copy) {
    // The migration just used this chain, so the catalogue has it.
    MigrationChain chain =
        catalogue.chain(command.migrationSet(), command.targetVersion()).orElseThrow();
    VersionChecks.Findings findings =
        checks.check(copy, chain, new Deadline(command.deadline(), replies.clock()));
    if (findings.passed()) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(
            findings.kind(),
            "the copy migrated to V"
                + command.targetVersion()
                + " fails verification: "
                + String.join("; ", findings.problems())));
  }

  private MigrationFailed failed(
      ApplyMigrations command, DeviceDatabase device, VersionId failedVersion, Failure failure) {
    return replies.migrationFailed(
        command,
        VersionProbe.currentVersionOrZero(device),
        failedVersion,
        new Failure(failure.kind(), REASON_PREFIX + failure.reason()));
  }
}
