package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.VerifyResult;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@link VerifyMigration} with the {@link VersionChecks} of the device against the chain
 * V1..target, on a read-only connection. Reports every problem found.
 */
public final class VerifyStep {
  private final DatabaseFolder fleet;
  private final Catalogue catalogue;
  private final VersionChecks checks;
  private final Replies replies;

  VerifyStep(DatabaseFolder fleet, Catalogue catalogue, VersionChecks checks, Replies replies) {
    this.fleet = fleet;
    this.catalogue = catalogue;
    this.checks = checks;
    this.replies = replies;
  }

  /** Never throws: every failure becomes a {@code VerificationFailed}. */
  public VerifyResult handle(VerifyMigration command) {
    try {
      return verify(command);
    } catch (RuntimeException unexpected) {
      return replies.verificationFailed(
          command,
          List.of("verification could not run: " + SqliteFailures.describe(unexpected)),
          SqliteFailures.kindOf(unexpected, FailureKind.BUSINESS));
    }
  }

  private VerifyResult verify(VerifyMigration command) {
    DeviceDatabase database = fleet.database(command.deviceId());
    if (!database.exists()) {
      return replies.verificationFailed(
          command,
          List.of("there is no database file " + database.file()),
          FailureKind.INFRASTRUCTURE);
    }
    Optional<MigrationChain> chain =
        catalogue.chain(command.migrationSet(), command.targetVersion());
    if (chain.isEmpty()) {
      return replies.verificationFailed(
          command,
          List.of(catalogue.describeMissing(command.migrationSet(), command.targetVersion())),
          FailureKind.INFRASTRUCTURE);
    }
    VersionChecks.Findings findings =
        checks.check(
            database,
            chain.get(),
            new Deadline(command.deadline(), replies.clock()),
            command.rowBaseline());
    if (findings.passed()) {
      return replies.verificationPassed(command, findings.fingerprint());
    }
    return replies.verificationFailed(command, findings.problems(), findings.kind());
  }
}
