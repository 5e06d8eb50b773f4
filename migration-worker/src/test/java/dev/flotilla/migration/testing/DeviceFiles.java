package dev.flotilla.migration.testing;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

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
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
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
}
