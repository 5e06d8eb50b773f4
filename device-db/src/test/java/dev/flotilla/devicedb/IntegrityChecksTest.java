package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrityChecksTest {
  @TempDir Path dir;

  @Test
  void aSoundDatabaseHasNoProblems() throws SQLException {
    try (Connection db = chat()) {
      assertThat(IntegrityChecks.quickCheck(db)).isEmpty();
      assertThat(IntegrityChecks.integrityCheck(db)).isEmpty();
      assertThat(IntegrityChecks.foreignKeyProblems(db)).isEmpty();
    }
  }

  @Test
  void anIndexThatNoLongerMatchesItsTableIsFoundByTheThoroughCheck() throws SQLException {
    try (Connection db = chat();
        Statement sql = db.createStatement()) {
      sql.execute("PRAGMA writable_schema = ON");
      // The index now claims to be over another column: its entries no longer match the rows.
      sql.execute(
          "UPDATE sqlite_master SET sql = 'CREATE INDEX by_body ON messages (id)'"
              + " WHERE name = 'by_body'");
    }
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"))) {
      assertThat(IntegrityChecks.integrityCheck(db)).isNotEmpty();
    }
  }

  @Test
  void orphanedRowsAreNamedByTable() throws SQLException {
    try (Connection db = chat();
        Statement sql = db.createStatement()) {
      sql.execute("PRAGMA foreign_keys = OFF");
      sql.execute("DELETE FROM conversations");

      assertThat(IntegrityChecks.foreignKeyProblems(db))
          .containsExactly("messages rows 1, 2 reference missing rows of conversations");
    }
  }

  private Connection chat() throws SQLException {
    Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chat.db"));
    try (Statement sql = db.createStatement()) {
      sql.executeUpdate(
          """
          CREATE TABLE IF NOT EXISTS conversations (id INTEGER PRIMARY KEY);
          CREATE TABLE IF NOT EXISTS messages (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER REFERENCES conversations (id),
            body TEXT);
          CREATE INDEX IF NOT EXISTS by_body ON messages (body);
          INSERT OR IGNORE INTO conversations VALUES (1);
          INSERT OR IGNORE INTO messages VALUES (1, 1, 'a'), (2, 1, 'b');
          """);
    }
    return db;
  }
}
