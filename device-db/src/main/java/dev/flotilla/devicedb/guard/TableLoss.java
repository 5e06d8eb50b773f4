package dev.flotilla.devicedb.guard;

/**
 * One table that ended with fewer rows than it started with.
 *
 * @param table the table's name before
 * @param rowsBefore its rows before
 * @param rowsAfter its rows after; 0 when it is gone
 * @param nowCalled the table's name after, null when it is gone
 */
public record TableLoss(String table, long rowsBefore, long rowsAfter, String nowCalled) {
  public boolean dropped() {
    return nowCalled == null;
  }

  /** {@code messages: 1200 rows → 0}, {@code notes: dropped with 40 rows}. */
  public String describe() {
    if (dropped()) {
      return table + ": dropped with " + rowsBefore + " rows";
    }
    String name = nowCalled.equals(table) ? table : table + " (now " + nowCalled + ")";
    return name + ": " + rowsBefore + " rows → " + rowsAfter;
  }
}
