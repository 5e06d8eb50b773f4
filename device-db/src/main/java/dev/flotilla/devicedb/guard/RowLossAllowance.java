package dev.flotilla.devicedb.guard;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.devicedb.sql.Identifiers;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Which tables may end with fewer rows than they started with: those a script declared (its {@code
 * -- flotilla:allows-row-loss} lines or the push), every table after a declared purge ({@code *}),
 * or tables the step itself may drop. Nothing else may lose a row.
 */
public record RowLossAllowance(boolean anyTable, Set<String> tables) {
  public static final RowLossAllowance NONE = new RowLossAllowance(false, Set.of());

  /** Nothing is guarded: for an empty scratch database, where there is nothing to lose. */
  public static final RowLossAllowance EVERYTHING = new RowLossAllowance(true, Set.of());

  public RowLossAllowance {
    tables = tables.stream().map(Identifiers::normal).collect(java.util.stream.Collectors.toSet());
  }

  /** What the scripts declared, together. */
  public static RowLossAllowance declaredBy(Collection<MigrationScript> scripts) {
    boolean any = false;
    Set<String> tables = new HashSet<>();
    for (MigrationScript script : scripts) {
      for (String table : script.allowedRowLoss()) {
        if (table.equals(MigrationScript.ANY_TABLE)) {
          any = true;
        } else {
          tables.add(table);
        }
      }
    }
    return new RowLossAllowance(any, tables);
  }

  /** This allowance and {@code more} tables. */
  public RowLossAllowance plus(Collection<String> more) {
    Set<String> all = new HashSet<>(tables);
    all.addAll(more);
    return new RowLossAllowance(anyTable, all);
  }

  public boolean allows(String table) {
    return anyTable || tables.contains(Identifiers.normal(table));
  }
}
