package dev.flotilla.migration.step;

import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.VerifyResult;
import dev.flotilla.migration.catalogue.Catalogue;
import dev.flotilla.migration.catalogue.MigrationChain;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.Deadline;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.Fleet;
import dev.flotilla.migration.sqlite.IntegrityChecks;
import dev.flotilla.migration.sqlite.SchemaFingerprint;
import dev.flotilla.migration.sqlite.SchemaHistory;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import dev.flotilla.migration.sqlite.SqliteErrors;
import dev.flotilla.migration.sqlite.VerificationQueries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Answers {@link VerifyMigration} on a read-only connection: {@code PRAGMA integrity_check}, {@code
 * PRAGMA foreign_key_check}, the version, the schema fingerprint against the chain V1..target
 * applied to an empty database, and the set's verification queries for versions up to the target.
 * Reports every problem found; each check runs even when another failed.
 */
public final class VerifyStep {
  private final Fleet fleet;
  private final Catalogue catalogue;
  private final ChainFingerprints fingerprints;
  private final Replies replies;

  public VerifyStep(
      Fleet fleet, Catalogue catalogue, ChainFingerprints fingerprints, Replies replies) {
    this.fleet = fleet;
    this.catalogue = catalogue;
    this.fingerprints = fingerprints;
    this.replies = replies;
  }

  /** Never throws: every failure becomes a {@code VerificationFailed}. */
  public VerifyResult handle(VerifyMigration command) {
    try {
      return verify(command);
    } catch (RuntimeException unexpected) {
      return replies.verificationFailed(
          command,
          List.of("verification could not run: " + SqliteErrors.describe(unexpected)),
          SqliteErrors.kindOf(unexpected));
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
    Problems problems = new Problems();
    Deadline deadline = new Deadline(command.deadline(), replies.clock());
    SchemaFingerprint expected = expectedFingerprint(chain.get(), deadline, problems);
    SchemaFingerprint actual = null;
    try (Handle handle = database.openForReading()) {
      problems.check(handle, IntegrityChecks::integrityCheck, "integrity_check: ");
      problems.check(handle, IntegrityChecks::foreignKeyViolations, "foreign key violation: ");
      problems.check(handle, h -> versionProblem(h, command.targetVersion()), "");
      actual = problems.attempt(() -> SchemaFingerprint.of(handle));
      if (actual != null && expected != null && !actual.matches(expected)) {
        problems.add(
            "the schema differs from "
                + chain.get().label()
                + ": "
                + String.join(", ", actual.differencesFrom(expected)));
      }
      problems.check(
          handle,
          h ->
              VerificationQueries.problems(
                  h, catalogue.verifications(command.migrationSet(), command.targetVersion())),
          "");
    } catch (Exception e) {
      problems.failed(e);
    }
    if (problems.isEmpty() && actual != null) {
      return replies.verificationPassed(command, actual.sha256());
    }
    return replies.verificationFailed(command, problems.all(), problems.kind());
  }

  private SchemaFingerprint expectedFingerprint(
      MigrationChain chain, Deadline deadline, Problems problems) {
    try {
      return fingerprints.of(chain, deadline);
    } catch (ScriptFailedException e) {
      problems.add(ChainFingerprints.explain(chain, e));
    } catch (Exception e) {
      problems.failed(e);
    }
    return null;
  }

  private static List<String> versionProblem(Handle handle, int targetVersion) {
    int current = SchemaHistory.currentVersion(handle);
    return current == targetVersion
        ? List.of()
        : List.of("the device is at V" + current + ", not V" + targetVersion);
  }

  /** The problems found so far, and whether any was the surroundings' fault. */
  private static final class Problems {
    private final List<String> problems = new ArrayList<>();
    private boolean infrastructure;

    void add(String problem) {
      problems.add(problem);
    }

    void failed(Exception e) {
      problems.add(SqliteErrors.describe(e));
      infrastructure |= SqliteErrors.kindOf(e) == FailureKind.INFRASTRUCTURE;
    }

    void check(Handle handle, Function<Handle, List<String>> check, String prefix) {
      List<String> found = attempt(() -> check.apply(handle));
      if (found != null) {
        found.forEach(problem -> problems.add(prefix + problem));
      }
    }

    <T> T attempt(java.util.function.Supplier<T> work) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        failed(e);
        return null;
      }
    }

    boolean isEmpty() {
      return problems.isEmpty();
    }

    List<String> all() {
      return List.copyOf(problems);
    }

    FailureKind kind() {
      return infrastructure ? FailureKind.INFRASTRUCTURE : FailureKind.BUSINESS;
    }
  }
}
