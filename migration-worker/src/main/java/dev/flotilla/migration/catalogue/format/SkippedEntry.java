package dev.flotilla.migration.catalogue.format;

/**
 * Something the tool would run that Flotilla deliberately leaves out, and why; the push should say
 * so. Today only diesel's PostgreSQL setup migration ({@code 00000000000000_diesel_initial_setup}).
 *
 * @param path relative to the folder
 */
public record SkippedEntry(String path, String reason) {
  /** {@code path: reason}. */
  public String describe() {
    return path + ": " + reason;
  }
}
