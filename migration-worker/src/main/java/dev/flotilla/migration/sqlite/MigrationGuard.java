package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.ForeignKeyCheck;
import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.guard.RowGuard;
import dev.flotilla.devicedb.guard.RowLossAllowance;
import dev.flotilla.devicedb.guard.TableLoss;
import dev.flotilla.devicedb.guard.TableRenames;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run of scripts must prove before it commits: that it left no row pointing at a missing
 * parent ({@code PRAGMA foreign_key_check}, which works with foreign keys off) and that no table
 * lost rows the scripts did not declare ({@link RowGuard}). {@link #start} counts the rows before
 * the scripts, in the transaction that will run them; {@link Started#check} counts again and
 * judges.
 */
final class MigrationGuard {
  /** Foreign-key violations named in a failure: enough to find them, short enough for an event. */
  private static final int VIOLATIONS_SHOWN = 50;

  private MigrationGuard() {}

  /** The state before some scripts, to judge them by afterwards. */
  static Started start(Connection db, List<MigrationScript> scripts, RowLossRule rule)
      throws SQLException {
    Set<String> tables = new LinkedHashSet<>(UserTables.names(db));
    RowLossAllowance allowance = rule.allowance(scripts, Set.copyOf(tables));
    Map<String, Long> before = allowance.anyTable() ? Map.of() : UserTables.rowCounts(db);
    return new Started(scripts, allowance, before);
  }

  /** The counts before some scripts and what they may lose. */
  static final class Started {
    private final List<MigrationScript> scripts;
    private final RowLossAllowance allowance;
    private final Map<String, Long> before;

    private Started(
        List<MigrationScript> scripts, RowLossAllowance allowance, Map<String, Long> before) {
      this.scripts = scripts;
      this.allowance = allowance;
      this.before = before;
    }

    /**
     * @param committed whether the scripts' changes are already committed (a no-transaction script)
     * @throws GuardFailedException naming the broken foreign keys, or every table that lost rows
     */
    void check(Connection db, boolean committed) throws SQLException, GuardFailedException {
      List<String> problems = new ArrayList<>();
      List<ForeignKeyCheck.Violation> violations = ForeignKeyCheck.violations(db, VIOLATIONS_SHOWN);
      if (!violations.isEmpty()) {
        problems.add(
            "would leave rows whose parent row is missing: "
                + String.join("; ", ForeignKeyCheck.describe(violations)));
      }
      List<TableLoss> losses =
          allowance.anyTable()
              ? List.of()
              : RowGuard.losses(
                  before,
                  UserTables.rowCounts(db),
                  allowance,
                  TableRenames.in(scripts.stream().map(MigrationScript::sql).toList()));
      if (!losses.isEmpty()) {
        problems.add(
            "would lose rows that no script declared: "
                + RowGuard.describe(losses)
                + " (to allow a deliberate loss, add '-- flotilla:allows-row-loss "
                + losses.get(0).table()
                + "' to the script, or declare it when pushing the set)");
      }
      if (!problems.isEmpty()) {
        throw new GuardFailedException(
            scripts, String.join(", and ", problems), committed, !violations.isEmpty());
      }
    }
  }
}
