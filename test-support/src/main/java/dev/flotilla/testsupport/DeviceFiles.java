package dev.flotilla.testsupport;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Device database files for tests, made and inspected with plain JDBC, independently of the code
 * under test.
 */
public final class DeviceFiles {
  private DeviceFiles() {}

  public static Path path(Path fleetDir, DeviceId device) {
    return fleetDir.resolve(device.value() + ".db");
  }

  /** An empty WAL database, as a device has before any migration. */
  public static Path createEmpty(Path fleetDir, DeviceId device) {
    Path file = path(fleetDir, device);
    execute(file, "PRAGMA journal_mode = WAL");
    return file;
  }

  /** Runs statements one by one in autocommit mode, foreign keys off (as a plain client). */
  public static void execute(Path file, String... statements) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long count(Path file, String query) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<List<String>> rows(Path file, String query) {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      return rows(statement, query);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Everything in the database as text: every schema object (including Flotilla's tables) and every
   * row of every table, in a stable order. Equal dumps mean an unchanged database.
   */
  public static String dump(Path file) {
    return dumpWithout(file);
  }

  /** The {@link #dump} without some tables (such as the command log), their indexes and rows. */
  public static String dumpWithout(Path file, String... tables) {
    List<String> skipped = List.of(tables);
    StringBuilder dump = new StringBuilder();
    List<List<String>> objects =
        rows(file, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
            .stream()
            .filter(object -> !skipped.contains(object.get(2)))
            .toList();
    for (List<String> object : objects) {
      dump.append(object).append('\n');
    }
    for (List<String> object : objects) {
      if (object.get(0).equals("table") && !object.get(1).startsWith("sqlite_")) {
        dump.append("rows of ").append(object.get(1)).append('\n');
        for (List<String> row : rows(file, "SELECT * FROM \"" + object.get(1) + "\" ORDER BY 1")) {
          dump.append(row).append('\n');
        }
      }
    }
    return dump.toString();
  }

  /**
   * How two databases differ, leaving out {@code tables} (their indexes and rows): every schema
   * object that only one of them has, and for every table the rows only one of them has, compared
   * by SQLite itself ({@code EXCEPT} both ways, and the counts), so that a table of 100k rows takes
   * milliseconds. None means the same schema and the same rows, as SQLite compares values.
   */
  public static List<String> differences(Path file, Path other, String... tables) {
    List<String> skipped = List.of(tables);
    String objects = "SELECT type, name, tbl_name, sql FROM %s.sqlite_master ORDER BY type, name";
    List<String> differences = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("ATTACH DATABASE '" + other.toString().replace("'", "''") + "' AS other");
      List<List<String>> mine = rows(statement, String.format(objects, "main"));
      List<List<String>> theirs = rows(statement, String.format(objects, "other"));
      mine.removeIf(object -> skipped.contains(object.get(2)));
      theirs.removeIf(object -> skipped.contains(object.get(2)));
      mine.stream()
          .filter(object -> !theirs.contains(object))
          .forEach(object -> differences.add("only in " + file + ": " + object));
      theirs.stream()
          .filter(object -> !mine.contains(object))
          .forEach(object -> differences.add("only in " + other + ": " + object));
      for (List<String> object : mine) {
        if (object.get(0).equals("table")
            && !object.get(1).startsWith("sqlite_")
            && theirs.contains(object)) {
          String table = '"' + object.get(1).replace("\"", "\"\"") + '"';
          long onlyMine = count(statement, "main", "other", table);
          long onlyTheirs = count(statement, "other", "main", table);
          long mineCount = count(statement, "SELECT count(*) FROM main." + table);
          long theirCount = count(statement, "SELECT count(*) FROM other." + table);
          if (onlyMine > 0 || onlyTheirs > 0 || mineCount != theirCount) {
            differences.add(
                String.format(
                    "table %s: %d rows, %d of them not in the other; the other has %d rows,"
                        + " %d of them not in this one",
                    object.get(1), mineCount, onlyMine, theirCount, onlyTheirs));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return differences;
  }

  private static long count(Statement statement, String from, String except, String table)
      throws SQLException {
    return count(
        statement,
        "SELECT count(*) FROM (SELECT * FROM "
            + from
            + "."
            + table
            + " EXCEPT SELECT * FROM "
            + except
            + "."
            + table
            + ")");
  }

  private static long count(Statement statement, String query) throws SQLException {
    try (ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static List<List<String>> rows(Statement statement, String query) throws SQLException {
    try (ResultSet rows = statement.executeQuery(query)) {
      List<List<String>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= columns; column++) {
          row.add(rows.getString(column));
        }
        result.add(row);
      }
      return result;
    }
  }

  /** The schema version Flotilla recorded: the highest in its history, 0 for none. */
  public static int version(Path file) {
    return (int) count(file, "SELECT coalesce(max(version), 0) FROM flotilla_schema_history");
  }

  /** A row of {@code flotilla_schema_history}: which command applied which version. */
  public record AppliedVersion(int version, String commandId) {}

  /** A row of {@code flotilla_command_log}: a command that changed the device, and its step. */
  public record LoggedCommand(String commandId, String step) {}

  /** Every applied version in history order; {@code commandId} is null for provisioning. */
  public static List<AppliedVersion> history(Path file) {
    return rows(file, "SELECT version, command_id FROM flotilla_schema_history ORDER BY version")
        .stream()
        .map(row -> new AppliedVersion(Integer.parseInt(row.get(0)), row.get(1)))
        .toList();
  }

  /** Every command the device recorded, empty when it never handled one. */
  public static List<LoggedCommand> commandLog(Path file) {
    if (count(
            file,
            "SELECT count(*) FROM sqlite_master"
                + " WHERE type = 'table' AND name = 'flotilla_command_log'")
        == 0) {
      return List.of();
    }
    return rows(file, "SELECT command_id, step FROM flotilla_command_log ORDER BY recorded_at")
        .stream()
        .map(row -> new LoggedCommand(row.get(0), row.get(1)))
        .toList();
  }

  /** Row count of every user table (not Flotilla's own), by table name. */
  public static Map<String, Long> rowCounts(Path file) {
    Map<String, Long> counts = new TreeMap<>();
    for (List<String> table :
        rows(
            file,
            "SELECT name FROM sqlite_master WHERE type = 'table'"
                + " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flotilla_%'")) {
      counts.put(
          table.get(0),
          count(file, "SELECT count(*) FROM \"" + table.get(0).replace("\"", "\"\"") + "\""));
    }
    return counts;
  }

  /** What {@code PRAGMA integrity_check} says: {@code ok} alone for a sound file. */
  public static List<String> integrityCheck(Path file) {
    return rows(file, "PRAGMA integrity_check").stream().map(row -> row.get(0)).toList();
  }

  /**
   * The bytes of a database, as SHA-256 of its main file and of its WAL's content: equal values
   * mean not one byte of the database changed. A missing WAL counts as an empty one (a WAL without
   * content): SQLite's read-only access to a WAL database creates an empty {@code -wal} (and its
   * {@code -shm} index, which holds no content) when there is none.
   */
  public record DatabaseBytes(String mainSha256, String walSha256) {}

  public static DatabaseBytes bytes(Path file) throws IOException {
    Path wal = walOf(file);
    return new DatabaseBytes(
        sha256(Files.readAllBytes(file)),
        sha256(Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0]));
  }

  public static Path walOf(Path file) {
    return file.resolveSibling(file.getFileName() + "-wal");
  }

  /**
   * Leaves the database as an application that crashed right after committing would: {@code
   * statements} committed in the WAL and not yet checkpointed into the main file.
   */
  public static void commitIntoWalOnly(Path file, String... statements) {
    Path savedMain = file.resolveSibling(file.getFileName() + ".crashed");
    Path savedWal = file.resolveSibling(file.getFileName() + ".crashed-wal");
    try {
      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA wal_autocheckpoint = 0");
        for (String sql : statements) {
          statement.execute(sql);
        }
        // Taken while the connection is open, before closing it checkpoints the WAL.
        Files.copy(file, savedMain);
        Files.copy(walOf(file), savedWal);
      }
      Files.move(savedMain, file, StandardCopyOption.REPLACE_EXISTING);
      Files.move(savedWal, walOf(file), StandardCopyOption.REPLACE_EXISTING);
      // A stale WAL index must not survive next to the restored WAL.
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + "-shm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Overwrites every page after the first with noise, as a failing flash card might. */
  public static void corrupt(Path file) throws IOException {
    int pageSize = 4096;
    Random noise = new Random(42);
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      for (long offset = pageSize; offset < raw.length(); offset += pageSize) {
        byte[] page = new byte[pageSize];
        noise.nextBytes(page);
        raw.seek(offset);
        raw.write(page);
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
