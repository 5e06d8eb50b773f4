package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** What the readers and writers share: schema look-ups, the transaction rule, integer versions. */
final class HistorySql {
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");

  private HistorySql() {}

  /**
   * A writer's record must commit or roll back with the script it records: a connection in
   * auto-commit would commit it alone, so it is refused before anything is written.
   */
  static void requireOpenTransaction(Connection db) throws SQLException {
    if (db.getAutoCommit()) {
      throw new IllegalStateException(
          "a migration tool's history is written inside the caller's transaction;"
              + " this connection is in auto-commit");
    }
  }

  /** The table's name as the schema spells it, if an ordinary table of {@code main} has it. */
  static Optional<String> table(Connection db, String name) throws SQLException {
    try (PreparedStatement statement =
        db.prepareStatement(
            "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
                + " AND name = ? COLLATE NOCASE")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }

  /** The table's columns, lower case, in their order. */
  static Set<String> columns(Connection db, String table) throws SQLException {
    Set<String> columns = new LinkedHashSet<>();
    try (PreparedStatement statement =
        db.prepareStatement("SELECT name FROM pragma_table_info(?, 'main') ORDER BY cid")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return columns;
  }

  /**
   * A version the tool keeps as an integer (sqlx's i64, goose's int64, golang-migrate's uint,
   * {@code user_version}'s int): digits only, read as the tool parses its file names, so {@code
   * "0003"} is 3.
   */
  static long integerVersion(ForeignTool tool, String version, long maximum) {
    if (!DIGITS.matcher(version).matches()) {
      throw new IllegalArgumentException(
          tool + " keeps integer versions; '" + version + "' is not one");
    }
    try {
      long value = Long.parseLong(version);
      if (value > maximum) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException tooLarge) {
      throw new IllegalArgumentException(
          tool + " keeps versions up to " + maximum + "; '" + version + "' is larger");
    }
  }
}
