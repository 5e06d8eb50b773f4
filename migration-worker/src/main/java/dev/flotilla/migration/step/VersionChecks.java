package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.RowBaseline;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.IntegrityChecks;
import dev.flotilla.devicedb.SchemaFingerprint;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.guard.RowGuard;
import dev.flotilla.devicedb.guard.RowLossAllowance;
import dev.flotilla.devicedb.guard.TableLoss;
import dev.flotilla.devicedb.guard.TableRenames;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeadlineInterrupt;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import dev.flotilla.migration.sqlite.VerificationQueries;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The checks that a database is at a version of a set, on a read-only connection: {@code PRAGMA
 * integrity_check}, {@code PRAGMA foreign_key_check}, the version, the schema fingerprint against
 * the chain V1..target applied to an empty database, and the set's verification queries for
 * versions up to the target. Every check runs even when another failed, until the command's
 * deadline passes: a check still running then is stopped, and the problems say so. Used by {@link
 * VerifyStep} on the device and by {@link DryRun} on its migrated copy.
 */
final class VersionChecks {
  private final Catalogue catalogue;
  private final ChainFingerprints fingerprints;

  VersionChecks(Catalogue catalogue, ChainFingerprints fingerprints) {
    this.catalogue = catalogue;
    this.fingerprints = fingerprints;
  }

  /**
   * What the checks found.
   *
   * @param problems every problem, none when the database is as the chain says
   * @param kind {@code INFRASTRUCTURE} when a check could not run for reasons of the surroundings
   * @param fingerprint the database's schema fingerprint, null when it could not be read
   */
  record Findings(List<String> problems, FailureKind kind, String fingerprint) {
    Findings {
      problems = List.copyOf(problems);
    }

    boolean passed() {
      return problems.isEmpty() && fingerprint != null;
    }
  }

  /** Never throws: a check that cannot run is a problem found. */
  Findings check(DeviceDatabase database, MigrationChain chain, Deadline deadline) {
    return check(database, chain, deadline, null);
  }

  /**
   * As {@link #check(DeviceDatabase, MigrationChain, Deadline)}, and every table must still hold
   * the rows of {@code baseline} (the backup's counts) unless a script applied since declared the
   * loss: a second line of defence behind the migration's own row guard.
   *
   * @param baseline null when there are no counts to compare against
   */
  Findings check(
      DeviceDatabase database, MigrationChain chain, Deadline deadline, RowBaseline baseline) {
    Problems problems = new Problems(deadline);
    SchemaFingerprint expected = expectedFingerprint(chain, deadline, problems);
    SchemaFingerprint actual = null;
    try (Handle handle = database.openForReading(deadline)) {
      Connection db = handle.getConnection();
      problems.check(() -> IntegrityChecks.integrityCheck(db), "integrity_check: ");
      problems.check(() -> IntegrityChecks.foreignKeyProblems(db), "foreign key violation: ");
      problems.check(() -> versionProblem(db, chain.toVersion()), "");
      actual = problems.attempt(() -> SchemaFingerprint.of(db));
      if (actual != null && expected != null && !actual.matches(expected)) {
        problems.add(
            "the schema differs from "
                + chain.label()
                + ": "
                + String.join(", ", actual.differencesFrom(expected)));
      }
      problems.check(
          () ->
              VerificationQueries.problems(
                  handle, catalogue.verifications(chain.set(), chain.toVersion()), deadline),
          "");
      if (baseline != null) {
        problems.check(() -> rowsLost(db, chain, baseline), "");
      }
    } catch (Exception e) {
      problems.failed(e);
    }
    return new Findings(problems.all(), problems.kind(), actual == null ? null : actual.sha256());
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

  /**
   * The tables with fewer rows than the baseline that no script since its version declared. After a
   * downgrade (a baseline above the chain's version) the scripts since are the undo scripts that
   * ran, and the tables they dropped (absent now: the schema check proves the target lacks them)
   * went on purpose.
   */
  private List<String> rowsLost(Connection db, MigrationChain chain, RowBaseline baseline)
      throws SQLException {
    Map<String, Long> now = UserTables.rowCounts(db);
    List<MigrationScript> since;
    RowLossAllowance allowance;
    if (baseline.version().isAfter(chain.toVersion())) {
      since =
          catalogue.scriptsOf(chain.set()).stream()
              .filter(script -> script.kind() == ScriptKind.UNDO)
              .filter(script -> script.version().isAfter(chain.toVersion()))
              .filter(script -> !script.version().isAfter(baseline.version()))
              .toList();
      allowance =
          RowLossAllowance.declaredBy(since)
              .plus(
                  baseline.tableRowCounts().keySet().stream()
                      .filter(table -> !now.containsKey(table))
                      .toList());
    } else {
      since =
          chain.scripts().stream()
              .filter(script -> script.version().isAfter(baseline.version()))
              .toList();
      allowance = RowLossAllowance.declaredBy(since);
    }
    List<TableLoss> losses =
        RowGuard.losses(
            baseline.tableRowCounts(),
            now,
            allowance,
            TableRenames.in(since.stream().map(MigrationScript::sql).toList()));
    return losses.isEmpty()
        ? List.of()
        : List.of(
            "rows lost since the backup at V"
                + baseline.version()
                + " that no script declared: "
                + RowGuard.describe(losses));
  }

  private static List<String> versionProblem(Connection db, VersionId targetVersion)
      throws SQLException {
    VersionId current = SchemaHistory.currentVersion(db);
    return current.equals(targetVersion)
        ? List.of()
        : List.of("the device is at V" + current + ", not V" + targetVersion);
  }

  /** One check of the database; what it throws is a problem found. */
  @FunctionalInterface
  private interface Check<T> {
    T run() throws Exception;
  }

  /**
   * The problems found so far, and whether any was the surroundings' fault. Once a check is stopped
   * at the deadline, the checks after it do not run.
   */
  private static final class Problems {
    private final Deadline deadline;
    private final List<String> problems = new ArrayList<>();
    private boolean infrastructure;
    private boolean stopped;

    Problems(Deadline deadline) {
      this.deadline = deadline;
    }

    void add(String problem) {
      problems.add(problem);
    }

    void failed(Exception e) {
      if (DeadlineInterrupt.stoppedAtDeadline(e, deadline)) {
        problems.add("the checks were stopped at the deadline " + deadline.at());
        stopped = true;
        return;
      }
      problems.add(SqliteFailures.describe(e));
      infrastructure |=
          SqliteFailures.kindOf(e, FailureKind.BUSINESS) == FailureKind.INFRASTRUCTURE;
    }

    void check(Check<List<String>> check, String prefix) {
      List<String> found = attempt(check);
      if (found != null) {
        found.forEach(problem -> problems.add(prefix + problem));
      }
    }

    <T> T attempt(Check<T> work) {
      if (stopped) {
        return null;
      }
      try {
        return work.run();
      } catch (Exception e) {
        failed(e);
        return null;
      }
    }

    List<String> all() {
      return List.copyOf(problems);
    }

    FailureKind kind() {
      return infrastructure ? FailureKind.INFRASTRUCTURE : FailureKind.BUSINESS;
    }
  }
}
