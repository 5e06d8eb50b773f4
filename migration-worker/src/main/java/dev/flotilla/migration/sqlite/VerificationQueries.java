package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.open.Deadline;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Runs a set's verification scripts ({@code C<n>__*.sql}) with {@link ScriptQueries}: every query
 * in them must return no rows. Meant for a read-only connection, so a verification script cannot
 * change the device. Once the deadline has passed, no further script runs.
 */
public final class VerificationQueries {
  private VerificationQueries() {}

  /**
   * One problem per script that returned rows or failed, none when the data is as expected; once
   * the deadline has passed, the last problem says which script was stopped there.
   */
  public static List<String> problems(
      Handle handle, List<MigrationScript> verifications, Deadline deadline) {
    List<String> problems = new ArrayList<>();
    for (MigrationScript script : verifications) {
      String label = ScriptFailedException.label(script);
      QueryOutcome outcome = ScriptQueries.untilFirstRow(handle, script, deadline);
      if (outcome instanceof QueryOutcome.Returned returned && returned.rowCount() > 0) {
        problems.add(label + " returned rows, the first: " + returned.firstRows().get(0));
      } else if (outcome instanceof QueryOutcome.Failed failed) {
        problems.add(label + " failed: " + failed.message());
      } else if (outcome instanceof QueryOutcome.StoppedAtDeadline stopped) {
        problems.add(label + " was stopped at the deadline " + stopped.deadline());
        return problems;
      }
    }
    return problems;
  }
}
