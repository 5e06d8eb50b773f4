package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MigrationSetId;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Which versions each migration set has, as read from {@code flotilla.migrations}. */
final class CatalogueVersions {
  private final Map<MigrationSetId, SortedSet<Integer>> versions = new ConcurrentHashMap<>();

  void add(MigrationScript script) {
    if (script.kind() == ScriptKind.MIGRATE) {
      versions.compute(
          script.migrationSet(),
          (set, known) -> {
            SortedSet<Integer> next = known == null ? new TreeSet<>() : new TreeSet<>(known);
            next.add(script.version());
            return next;
          });
    }
  }

  /** An immutable copy for one decision. */
  Map<MigrationSetId, SortedSet<Integer>> snapshot() {
    Map<MigrationSetId, SortedSet<Integer>> copy = new java.util.HashMap<>();
    versions.forEach(
        (set, known) -> copy.put(set, java.util.Collections.unmodifiableSortedSet(known)));
    return copy;
  }
}
