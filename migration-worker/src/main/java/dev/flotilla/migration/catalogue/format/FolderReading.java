package dev.flotilla.migration.catalogue.format;

import dev.flotilla.contracts.catalogue.ScriptKind;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a migration folder holds, read in one layout.
 *
 * @param scripts in the tool's order, which is the order of their versions (a folder whose tool
 *     would order them otherwise is refused), and for one version: up, down, verification, probe
 * @param repeatables Flyway's {@code R__} scripts, in Flyway's order; empty for other layouts
 * @param skipped what the tool would run and Flotilla leaves out on purpose
 */
public record FolderReading(
    Path folder,
    FolderFormat format,
    List<FolderScript> scripts,
    List<RepeatableScript> repeatables,
    List<SkippedEntry> skipped) {
  public FolderReading {
    scripts = List.copyOf(scripts);
    repeatables = List.copyOf(repeatables);
    skipped = List.copyOf(skipped);
  }

  /** The scripts of one kind, in order: {@code scriptsOf(MIGRATE)} are the up scripts. */
  public List<FolderScript> scriptsOf(ScriptKind kind) {
    return scripts.stream().filter(script -> script.kind() == kind).toList();
  }
}
