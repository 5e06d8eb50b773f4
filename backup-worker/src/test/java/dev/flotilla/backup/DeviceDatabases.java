package dev.flotilla.backup;

import dev.flotilla.devicedb.history.SchemaHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small, realistic device databases (an RV controller at schema version 2) for tests. */
final class DeviceDatabases {
  private DeviceDatabases() {}

  static void create(Path file) {
    create(file, "WAL");
  }

  /** A device database whose application chose {@code journalMode} (WAL, DELETE, …). */
  static void create(Path file, String journalMode) {
    createWith(file, "PRAGMA journal_mode = " + journalMode);
  }

  /** A device database in WAL mode, made after the application's own settings ran first. */
  static void createWith(Path file, String... settings) {
    try (Connection db = open(file)) {
      for (String setting : settings) {
        execute(db, setting);
      }
      if (List.of(settings).stream().noneMatch(setting -> setting.contains("journal_mode"))) {
        execute(db, "PRAGMA journal_mode = WAL");
      }
      SchemaHistory.ensureTable(db);
      execute(
          db,
          "CREATE TABLE coach (id INTEGER PRIMARY KEY, vin TEXT NOT NULL UNIQUE, model TEXT NOT"
              + " NULL)");
      execute(
          db,
          "CREATE TABLE tank_reading (id INTEGER PRIMARY KEY, coach_id INTEGER NOT NULL"
              + " REFERENCES coach(id), tank TEXT NOT NULL, level REAL NOT NULL, read_at TEXT NOT"
              + " NULL)");
      execute(db, "CREATE INDEX tank_reading_by_coach ON tank_reading(coach_id, read_at)");
      execute(
          db,
          "CREATE TABLE alarm (id INTEGER PRIMARY KEY, coach_id INTEGER NOT NULL REFERENCES"
              + " coach(id), code TEXT NOT NULL, raised_at TEXT NOT NULL)");
      execute(
          db,
          "INSERT INTO flotilla_schema_history (version, description, checksum, applied_at,"
              + " duration_ms, command_id) VALUES (1, 'baseline', 'aa', '2026-01-01T00:00:00Z',"
              + " 5, NULL), (2, 'alarms', 'bb', '2026-01-01T00:00:01Z', 3, NULL)");
      execute(
          db,
          "INSERT INTO coach VALUES (1, '1FUJA6CK', 'Vista 29'), (2, '4UZAB2DT', 'Sunstar 31')");
      addReadings(db, 0, 120);
      execute(
          db,
          "INSERT INTO alarm (coach_id, code, raised_at) VALUES (1, 'GREY_TANK_FULL',"
              + " '2026-02-01T10:00:00Z'), (2, 'LOW_BATTERY', '2026-02-02T08:30:00Z')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds readings as a device in use would. */
  static void addReadings(Path file, int count) {
    try (Connection db = open(file)) {
      addReadings(db, (int) rowCount(db, "tank_reading"), count);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Adds {@code count} service notes of a few hundred characters each, enough text to make the
   * database a few megabytes, as a device kept in service for years holds.
   */
  /** Deletes the {@code count} newest readings, as a migration that prunes them would. */
  static void removeReadings(Path file, int count) {
    try (Connection db = open(file)) {
      execute(
          db,
          "DELETE FROM tank_reading WHERE id IN (SELECT id FROM tank_reading ORDER BY id DESC LIMIT "
              + count
              + ")");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void addServiceNotes(Path file, int count) {
    try (Connection db = open(file)) {
      execute(
          db,
          "CREATE TABLE IF NOT EXISTS service_note (id INTEGER PRIMARY KEY, coach_id INTEGER NOT"
              + " NULL REFERENCES coach(id), written_at TEXT NOT NULL, body TEXT NOT NULL)");
      db.setAutoCommit(false);
      try (PreparedStatement insert =
          db.prepareStatement(
              "INSERT INTO service_note (coach_id, written_at, body) VALUES (?, ?, ?)")) {
        for (int i = 0; i < count; i++) {
          insert.setInt(1, 1 + i % 2);
          insert.setString(2, String.format("2025-%02d-%02dT08:00:00Z", 1 + i % 12, 1 + i % 28));
          insert.setString(
              3,
              "Note "
                  + i
                  + ": checked the grey tank sensor at bay "
                  + i % 13
                  + ", cleaned the contacts, re-seated the harness; reading steady at "
                  + i * 7 % 100
                  + " percent. "
                  + "Customer reports the level jumps on rough roads. ".repeat(1 + i % 4));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      db.commit();
      db.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What a migration to version 3 might leave behind. */
  static void migrateToVersion3(Path file) {
    try (Connection db = open(file)) {
      execute(db, "CREATE TABLE usage_snapshot (id INTEGER PRIMARY KEY, kwh REAL NOT NULL)");
      execute(db, "INSERT INTO usage_snapshot (kwh) VALUES (1.5), (2.25)");
      execute(db, "DELETE FROM alarm");
      execute(
          db,
          "INSERT INTO flotilla_schema_history (version, description, checksum, applied_at,"
              + " duration_ms, command_id) VALUES (3, 'usage', 'cc', '2026-03-01T00:00:00Z',"
              + " 9, 'cmd-3')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of every table, in a comparable form. */
  static Map<String, List<String>> contents(Path file) {
    Map<String, List<String>> contents = new TreeMap<>();
    try (Connection db = open(file)) {
      for (String table : tables(db)) {
        List<String> rows = new ArrayList<>();
        try (Statement statement = db.createStatement();
            ResultSet result =
                statement.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
          ResultSetMetaData meta = result.getMetaData();
          while (result.next()) {
            StringBuilder row = new StringBuilder();
            for (int column = 1; column <= meta.getColumnCount(); column++) {
              row.append(result.getString(column)).append('|');
            }
            rows.add(row.toString());
          }
        }
        contents.put(table, rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return contents;
  }

  static String pragma(Path file, String pragma) {
    try (Connection db = open(file);
        Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA " + pragma)) {
      return result.next() ? result.getString(1) : "";
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long rowCount(Path file, String table) {
    try (Connection db = open(file)) {
      return rowCount(db, table);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Overwrites {@code count} bytes at {@code offset} with their complement. */
  static void flipBytes(Path file, long offset, int count) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      for (int i = 0; i < count; i++) {
        bytes[(int) offset + i] = (byte) ~bytes[(int) offset + i];
      }
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Connection open(Path file) throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
    execute(db, "PRAGMA synchronous = FULL");
    return db;
  }

  /** Runs one statement on its own connection, as the device's application would. */
  static void execute(Path file, String sql) {
    try (Connection db = open(file)) {
      execute(db, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static void execute(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement()) {
      if (statement.execute(sql)) {
        statement.getResultSet().close();
      }
    }
  }

  private static void addReadings(Connection db, int first, int count) throws SQLException {
    db.setAutoCommit(false);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO tank_reading (coach_id, tank, level, read_at) VALUES (?, ?, ?, ?)")) {
      for (int i = first; i < first + count; i++) {
        insert.setInt(1, 1 + i % 2);
        insert.setString(2, i % 3 == 0 ? "fresh" : i % 3 == 1 ? "grey" : "black");
        insert.setDouble(3, (i * 7 % 100) / 100.0);
        insert.setString(4, String.format("2026-02-%02dT%02d:00:00Z", 1 + i / 24 % 28, i % 24));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    db.commit();
    db.setAutoCommit(true);
  }

  private static long rowCount(Connection db, String table) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static List<String> tables(Connection db) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
      while (result.next()) {
        tables.add(result.getString(1));
      }
    }
    return tables;
  }
}
