package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.guard.RowLossAllowance;
import java.util.List;
import java.util.Set;

/** Which tables some scripts may leave with fewer rows, given the tables there before them. */
@FunctionalInterface
public interface RowLossRule {
  /** Only what the scripts declare: the rule of a migration. */
  RowLossRule DECLARED = (scripts, tablesBefore) -> RowLossAllowance.declaredBy(scripts);

  /** No guard at all: for an empty scratch database, which has no rows to lose. */
  RowLossRule UNGUARDED = (scripts, tablesBefore) -> RowLossAllowance.EVERYTHING;

  RowLossAllowance allowance(List<MigrationScript> scripts, Set<String> tablesBefore);
}
