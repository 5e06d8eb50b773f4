package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ForeignKeyCheckTest {
  @Test
  void namesTheOrphanedRowsByTableEvenWithForeignKeysOff() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement sql = db.createStatement()) {
      sql.executeUpdate(
          """
          CREATE TABLE parent (id INTEGER PRIMARY KEY);
          CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));
          INSERT INTO parent VALUES (1);
          INSERT INTO child VALUES (1, 1), (2, 9), (3, 9), (4, 9), (5, 9), (6, 9), (7, 9), (8, 9);
          """);

      var violations = ForeignKeyCheck.violations(db, 100);

      assertThat(violations).hasSize(7);
      assertThat(ForeignKeyCheck.describe(violations))
          .containsExactly("child rows 2, 3, 4, 5, 6 and 2 more reference missing rows of parent");
    }
  }
}
