package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import java.util.List;

/**
 * Scripts ran without error but would have broken the promise that no row is lost: a table lost
 * rows nobody declared, or rows were left pointing at parents that are gone. Inside a transaction
 * the scripts were rolled back; a no-transaction script had already committed ({@link
 * #committed()}), so only the backup can undo it.
 */
public final class GuardFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<MigrationScript> scripts;
  private final boolean committed;

  private final boolean brokeForeignKeys;

  GuardFailedException(
      List<MigrationScript> scripts, String problem, boolean committed, boolean brokeForeignKeys) {
    this(
        scripts,
        label(scripts)
            + " "
            + problem
            + (committed
                ? "; the script ran outside a transaction and is committed: restore the backup"
                : "; nothing was committed"),
        committed,
        brokeForeignKeys,
        null);
  }

  private GuardFailedException(
      List<MigrationScript> scripts,
      String message,
      boolean committed,
      boolean brokeForeignKeys,
      Void marker) {
    super(message);
    this.scripts = List.copyOf(scripts);
    this.committed = committed;
    this.brokeForeignKeys = brokeForeignKeys;
  }

  /** Whether orphaned rows were among the problems. */
  boolean brokeForeignKeys() {
    return brokeForeignKeys;
  }

  /** The same failure with a sentence added to its reason. */
  GuardFailedException explained(String note) {
    return new GuardFailedException(
        scripts, getMessage() + ". " + note, committed, brokeForeignKeys, null);
  }

  /** The first script of the guarded run, whose version the failure is reported under. */
  public MigrationScript firstScript() {
    return scripts.get(0);
  }

  public boolean committed() {
    return committed;
  }

  /** {@code V2 (rebuild conversations)} or {@code V3..V5}. */
  static String label(List<MigrationScript> scripts) {
    if (scripts.size() == 1) {
      return ScriptFailedException.label(scripts.get(0));
    }
    MigrationScript first = scripts.get(0);
    MigrationScript last = scripts.get(scripts.size() - 1);
    return first.kind().prefix() + first.version() + ".." + last.kind().prefix() + last.version();
  }
}
