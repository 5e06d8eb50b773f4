package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTablesTest {
  @TempDir Path dir;

  @Test
  void countsTheApplicationsOrdinaryTablesOnly() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
        Statement sql = db.createStatement()) {
      sql.executeUpdate(
          """
          CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
          CREATE TABLE "Odd ""Name" (k TEXT PRIMARY KEY) WITHOUT ROWID;
          CREATE TABLE empty (id INTEGER PRIMARY KEY AUTOINCREMENT);
          CREATE VIEW note_bodies AS SELECT body FROM notes;
          CREATE VIRTUAL TABLE notes_fts USING fts5(body);
          CREATE TABLE flotilla_schema_history (version INTEGER);
          CREATE TEMP TABLE scratch (x);
          INSERT INTO notes (body) VALUES ('a'), ('b'), ('c');
          INSERT INTO "Odd ""Name" VALUES ('k');
          INSERT INTO notes_fts (body) VALUES ('a');
          INSERT INTO flotilla_schema_history VALUES (1);
          INSERT INTO scratch VALUES (1);
          """);

      assertThat(UserTables.rowCounts(db))
          .isEqualTo(Map.of("notes", 3L, "Odd \"Name", 1L, "empty", 0L));
      // All a copy of the file carries: Flotilla's bookkeeping, the virtual table and its shadows.
      assertThat(TableRows.ofEveryTable(db))
          .containsEntry("notes", 3L)
          .containsEntry("flotilla_schema_history", 1L)
          .containsEntry("notes_fts", 1L)
          .containsKey("notes_fts_data")
          .doesNotContainKeys("note_bodies", "scratch", "sqlite_sequence");
    }
  }

  @Test
  void aDatabaseWithoutTablesHasNoCounts() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("new.db"))) {
      assertThat(UserTables.rowCounts(db)).isEmpty();
    }
  }
}
