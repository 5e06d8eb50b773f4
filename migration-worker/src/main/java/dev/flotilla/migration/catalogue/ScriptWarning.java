package dev.flotilla.migration.catalogue;

/**
 * Something in a script that will not do what its author meant, told when the folder is pushed; the
 * folder is still pushed.
 *
 * @param file the script's file, relative to the folder
 * @param line the 1-based line of that file the statement starts on
 */
public record ScriptWarning(String file, int line, String message) {
  /** {@code V2__rebuild.sql:1: PRAGMA foreign_keys=OFF does nothing ...}. */
  public String describe() {
    return file + ":" + line + ": " + message;
  }
}
