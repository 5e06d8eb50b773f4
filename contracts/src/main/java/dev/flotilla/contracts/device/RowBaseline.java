package dev.flotilla.contracts.device;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The rows a device database held at a known version, table by table: the counts its backup
 * recorded before a migration, against which verify judges what the migration kept.
 *
 * @param version the schema version the counts were taken at
 * @param tableRowCounts rows per application table (SQLite's and Flotilla's own tables and virtual
 *     tables' shadow tables are not counted)
 */
public record RowBaseline(VersionId version, SortedMap<String, Long> tableRowCounts) {
  public RowBaseline {
    Check.required(version, "version");
    Check.required(tableRowCounts, "tableRowCounts");
    tableRowCounts.forEach((table, rows) -> Check.required(rows, "tableRowCounts." + table));
    tableRowCounts = Collections.unmodifiableSortedMap(new TreeMap<>(tableRowCounts));
  }
}
