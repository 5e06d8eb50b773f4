package dev.flotilla.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads a device database the way an auditor would: plain JDBC on the real file. */
final class DeviceFiles {
  private DeviceFiles() {}

  static int version(Path db) throws SQLException {
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery("SELECT coalesce(max(version), 0) FROM flotilla_schema_history")) {
      return r.getInt(1);
    }
  }

  static String integrity(Path db) throws SQLException {
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
      return r.getString(1);
    }
  }

  /** A row of {@code flotilla_schema_history}: which command applied which version. */
  record AppliedVersion(int version, String commandId) {}

  /** A row of {@code flotilla_command_log}: a command that changed the device, and its step. */
  record LoggedCommand(String commandId, String step) {}

  /** Every applied version in history order; {@code commandId} is null for provisioning. */
  static List<AppliedVersion> history(Path db) throws SQLException {
    List<AppliedVersion> rows = new ArrayList<>();
    try (Connection c = open(db);
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT version, command_id FROM flotilla_schema_history ORDER BY version")) {
      while (r.next()) {
        rows.add(new AppliedVersion(r.getInt(1), r.getString(2)));
      }
    }
    return rows;
  }

  /** Every command the device recorded, empty when it never handled one. */
  static List<LoggedCommand> commandLog(Path db) throws SQLException {
    List<LoggedCommand> rows = new ArrayList<>();
    try (Connection c = open(db);
        Statement s = c.createStatement()) {
      try (ResultSet exists =
          s.executeQuery(
              "SELECT count(*) FROM sqlite_master"
                  + " WHERE type = 'table' AND name = 'flotilla_command_log'")) {
        if (exists.getInt(1) == 0) {
          return rows;
        }
      }
      try (ResultSet r =
          s.executeQuery(
              "SELECT command_id, step FROM flotilla_command_log ORDER BY recorded_at")) {
        while (r.next()) {
          rows.add(new LoggedCommand(r.getString(1), r.getString(2)));
        }
      }
    }
    return rows;
  }

  /** Row count of every user table (not Flotilla's own), by table name. */
  static Map<String, Long> rowCounts(Path db) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = open(db);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table'"
                  + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flotilla_%'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
          counts.put(table, r.getLong(1));
        }
      }
    }
    return counts;
  }

  private static Connection open(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }
}
