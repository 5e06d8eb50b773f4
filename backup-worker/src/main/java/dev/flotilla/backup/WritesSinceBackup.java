package dev.flotilla.backup;

import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.open.DeviceConnections;
import dev.flotilla.devicedb.sql.Identifiers;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the device's application wrote since a backup's snapshot and a restore would throw away,
 * found by comparing the live database with the backup, table by table, before the restore puts the
 * backup in its place: rows added, and rows changed. (Rows removed come back with the backup;
 * nothing written is lost that way.) A table whose definition is the same in both is compared row
 * by row; one the migration changed is compared by rowid (rows added: its rows' contents were the
 * migration's to change). A migration's own inserts into, or updates of, a table it kept count too:
 * such a restore is left to an operator, which errs on the side of keeping data. Tables that only
 * the live database has are the migration's, and {@code WITHOUT ROWID} tables whose definition
 * changed cannot be matched row to row: neither is judged. Runs only when a restore is about to
 * happen, so its full reads cost nothing otherwise.
 */
final class WritesSinceBackup {
  private static final String BACKUP = "flotilla_backup";

  /** One table with rows the backup has not: added since, or changed since. */
  record TableWrites(String table, long added, long changed) {
    String describe() {
      List<String> parts = new ArrayList<>();
      if (added > 0) {
        parts.add(added + " rows added");
      }
      if (changed > 0) {
        parts.add(changed + " rows changed");
      }
      return table + ": " + String.join(", ", parts);
    }
  }

  private WritesSinceBackup() {}

  /** Every application table of the backup whose rows the live database no longer matches. */
  static List<TableWrites> find(Path live, Path backup) throws SQLException, IOException {
    try (Connection db = DeviceConnections.readOnly(live)) {
      try (PreparedStatement attach = db.prepareStatement("ATTACH DATABASE ? AS " + BACKUP)) {
        attach.setString(1, "file:" + backup.toAbsolutePath() + "?mode=ro&immutable=1");
        attach.execute();
      }
      List<TableWrites> found = new ArrayList<>();
      try (Statement snapshot = db.createStatement()) {
        // One read transaction over both files: the application's commits wait for nothing.
        snapshot.execute("BEGIN");
        for (String table : UserTables.names(db)) {
          compare(db, table).filter(w -> w.added + w.changed > 0).ifPresent(found::add);
        }
        snapshot.execute("COMMIT");
      }
      return found;
    }
  }

  private static Optional<TableWrites> compare(Connection db, String table) throws SQLException {
    Optional<String> backupSql = definition(db, BACKUP, table);
    if (backupSql.isEmpty()) {
      return Optional.empty();
    }
    boolean sameDefinition = backupSql.equals(definition(db, "main", table));
    boolean hasRowid =
        !backupSql.get().toUpperCase(java.util.Locale.ROOT).contains("WITHOUT ROWID");
    String live = "main." + Identifiers.quoted(table);
    String kept = BACKUP + "." + Identifiers.quoted(table);
    if (hasRowid) {
      long added = count(db, live + " WHERE rowid NOT IN (SELECT rowid FROM " + kept + ")");
      long changed =
          sameDefinition
              ? count(
                      db,
                      "(SELECT rowid, * FROM "
                          + live
                          + " EXCEPT SELECT rowid, * FROM "
                          + kept
                          + ")")
                  - added
              : 0;
      return Optional.of(new TableWrites(table, added, changed));
    }
    if (!sameDefinition) {
      return Optional.empty();
    }
    // Without rowids, a changed row is one the backup lacks, as an added one is.
    long newer = count(db, "(SELECT * FROM " + live + " EXCEPT SELECT * FROM " + kept + ")");
    return Optional.of(new TableWrites(table, newer, 0));
  }

  private static Optional<String> definition(Connection db, String schema, String table)
      throws SQLException {
    try (PreparedStatement query =
        db.prepareStatement(
            "SELECT sql FROM " + schema + ".sqlite_schema WHERE type = 'table' AND name = ?")) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
      }
    }
  }

  private static long count(Connection db, String from) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + from)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** One sentence for a failure reason. */
  static String describe(List<TableWrites> writes) {
    return String.join("; ", writes.stream().map(TableWrites::describe).toList());
  }
}
