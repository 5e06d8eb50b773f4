package dev.flotilla.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A full text dump of a SQLite database: every schema object and every row, in a fixed order. */
final class SqlDump {
  private SqlDump() {}

  static List<String> of(Path db) throws SQLException {
    List<String> dump = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                  + " ORDER BY type, name")) {
        while (r.next()) {
          dump.add(r.getString(1) + " " + r.getString(2) + ": " + r.getString(3));
          if (r.getString(1).equals("table")) {
            tables.add(r.getString(2));
          }
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            StringBuilder row = new StringBuilder(table).append(':');
            for (int i = 1; i <= columns; i++) {
              row.append(' ').append(r.getString(i));
            }
            dump.add(row.toString());
          }
        }
      }
    }
    return dump;
  }
}
