package dev.flotilla.devicedb.guard;

import dev.flotilla.devicedb.sql.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges two row counts of the same database, before and after some scripts: every table that lost
 * rows without an allowance is a loss. A table that is gone lost all its rows, unless the scripts
 * renamed it to a table that did not exist before (then its rows are judged under the new name); a
 * rebuilt table (new table, copy, drop, rename back) keeps its name and is judged as one. Tables
 * that gain rows, and empty tables dropped, lose nothing. Pure: the counting is the caller's.
 */
public final class RowGuard {
  private RowGuard() {}

  public static List<TableLoss> losses(
      Map<String, Long> before,
      Map<String, Long> after,
      RowLossAllowance allowance,
      TableRenames renames) {
    Map<String, Long> afterByName = normalised(after);
    Map<String, Long> beforeByName = normalised(before);
    List<TableLoss> losses = new ArrayList<>();
    new TreeMap<>(before)
        .forEach(
            (table, rowsBefore) -> {
              String name = Identifiers.normal(table);
              Optional<String> nowCalled = survivor(name, beforeByName, afterByName, renames);
              if (allowance.allows(name) || nowCalled.map(allowance::allows).orElse(false)) {
                return;
              }
              long rowsAfter = nowCalled.map(afterByName::get).orElse(0L);
              if (rowsAfter < rowsBefore) {
                losses.add(new TableLoss(table, rowsBefore, rowsAfter, nowCalled.orElse(null)));
              }
            });
    return List.copyOf(losses);
  }

  private static Optional<String> survivor(
      String name,
      Map<String, Long> beforeByName,
      Map<String, Long> afterByName,
      TableRenames renames) {
    if (afterByName.containsKey(name)) {
      return Optional.of(name);
    }
    return renames
        .finalName(name)
        .filter(afterByName::containsKey)
        .filter(renamed -> !beforeByName.containsKey(renamed));
  }

  private static Map<String, Long> normalised(Map<String, Long> counts) {
    Map<String, Long> byName = new TreeMap<>();
    counts.forEach((table, rows) -> byName.put(Identifiers.normal(table), rows));
    return byName;
  }

  /** One sentence naming every loss, for a failure reason. */
  public static String describe(List<TableLoss> losses) {
    return String.join("; ", losses.stream().map(TableLoss::describe).toList());
  }
}
