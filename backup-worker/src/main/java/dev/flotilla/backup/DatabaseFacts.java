package dev.flotilla.backup;

import dev.flotilla.contracts.catalogue.VersionId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a database holds, for comparing two copies: its schema version (the highest version in
 * {@code flotilla_schema_history}, 0 when none) and the row count of every table.
 */
public record DatabaseFacts(VersionId schemaVersion, SortedMap<String, Long> rowCounts) {
  public DatabaseFacts {
    rowCounts = Collections.unmodifiableSortedMap(new TreeMap<>(rowCounts));
  }

  public static DatabaseFacts of(VersionId schemaVersion, Map<String, Long> rowCounts) {
    return new DatabaseFacts(schemaVersion, new TreeMap<>(rowCounts));
  }

  /** Every difference from {@code expected}, in words; empty when they agree. */
  public List<String> differencesFrom(DatabaseFacts expected) {
    List<String> differences = new ArrayList<>();
    if (!schemaVersion.equals(expected.schemaVersion)) {
      differences.add(
          "schema version is " + schemaVersion + ", expected " + expected.schemaVersion);
    }
    SortedSet<String> tables = new TreeSet<>(rowCounts.keySet());
    tables.addAll(expected.rowCounts.keySet());
    for (String table : tables) {
      Long actual = rowCounts.get(table);
      Long wanted = expected.rowCounts.get(table);
      if (actual == null) {
        differences.add("table " + table + " is missing");
      } else if (wanted == null) {
        differences.add("table " + table + " is unexpected");
      } else if (!actual.equals(wanted)) {
        differences.add("table " + table + " has " + actual + " rows, expected " + wanted);
      }
    }
    return differences;
  }
}
