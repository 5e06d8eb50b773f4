package dev.flotilla.backup;

import dev.flotilla.devicedb.SqliteCompanions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * What a database holds, logically: its schema and every row of every table in a stable order, each
 * value as SQLite quotes it (type and value exact), reduced to a SHA-256 so that two states compare
 * cheaply. File bytes are not compared: the same data can sit in different pages.
 *
 * @param integrity what {@code PRAGMA integrity_check} said, "ok" for a sound database
 */
record LogicalDump(String sha256, long rows, String integrity) {

  /**
   * Dumps a copy of the database with its write-ahead log and rollback journal, so the files under
   * test stay exactly as they are (opening a database may replay or checkpoint its log).
   */
  static LogicalDump ofCopy(Path database, Path scratchDir) {
    try {
      Files.createDirectories(scratchDir);
      Path copy = scratchDir.resolve(database.getFileName());
      TestFiles.deleteAll(SqliteCompanions.withCompanions(copy));
      Files.copy(database, copy);
      for (Path log : List.of(SqliteCompanions.wal(database), SqliteCompanions.journal(database))) {
        if (Files.exists(log)) {
          Files.copy(log, copy.resolveSibling(log.getFileName()));
        }
      }
      LogicalDump dump = of(copy);
      TestFiles.deleteAll(SqliteCompanions.withCompanions(copy));
      return dump;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LogicalDump of(Path database) {
    if (!Files.isRegularFile(database)) {
      throw new IllegalStateException(database + " does not exist");
    }
    MessageDigest digest = newDigest();
    long rows = 0;
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
      String integrity = integrity(db);
      List<String> tables = new ArrayList<>();
      try (Statement statement = db.createStatement();
          ResultSet schema =
              statement.executeQuery(
                  "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")) {
        while (schema.next()) {
          update(digest, schema.getString(1), schema.getString(2), schema.getString(3));
          update(digest, String.valueOf(schema.getString(4)));
          if ("table".equals(schema.getString(1))) {
            tables.add(schema.getString(2));
          }
        }
      }
      for (String table : tables) {
        update(digest, "rows of", table);
        try (Statement statement = db.createStatement();
            ResultSet result =
                statement.executeQuery(
                    "SELECT "
                        + quotedColumns(db, table)
                        + " FROM "
                        + quoted(table)
                        + " ORDER BY rowid")) {
          while (result.next()) {
            update(digest, result.getString(1));
            rows++;
          }
        }
      }
      return new LogicalDump(HexFormat.of().formatHex(digest.digest()), rows, integrity);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot dump " + database, e);
    }
  }

  private static String integrity(Connection db) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA integrity_check")) {
      while (result.next()) {
        lines.add(result.getString(1));
      }
    }
    return String.join("; ", lines);
  }

  /** {@code quote(a) || ',' || quote(b) ...}: one exact text per row. */
  private static String quotedColumns(Connection db, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet info = statement.executeQuery("PRAGMA table_info(" + quoted(table) + ")")) {
      while (info.next()) {
        columns.add("quote(" + quoted(info.getString("name")) + ")");
      }
    }
    return String.join(" || ',' || ", columns);
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private static void update(MessageDigest digest, String... parts) {
    for (String part : parts) {
      digest.update(part.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    digest.update((byte) '\n');
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
