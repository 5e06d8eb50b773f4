package dev.flotilla.testsupport.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.devicedb.foreign.ForeignHistory;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.foreign.ForeignToolDetector;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolMadeDatabaseTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(ForeignTool.class)
  void theToolsOwnReadingFindsEveryScriptAppliedAndNothingAmiss(ForeignTool tool)
      throws SQLException {
    Path file = dir.resolve(tool + ".db");
    List<ToolMigration> ups = migrations(tool);

    ToolMadeDatabase.migrate(file, tool, ups.subList(0, 2));
    ToolMadeDatabase.migrate(file, tool, ups.subList(2, 3));

    try (Connection db = open(file)) {
      assertThat(ForeignToolDetector.detect(db).only()).contains(tool);
      ForeignHistory history = tool.historyTable().read(db);
      assertThat(history.anomalies()).isEmpty();
      assertThat(history.current()).contains(stored(tool, ups.get(2).version()));
    }
    assertThat(DeviceFiles.rows(file, "SELECT name, email, score FROM users"))
        .containsExactly(List.of("Ada", "ada@example.com", "7"));
    assertThat(DeviceFiles.integrityCheck(file)).containsExactly("ok");
  }

  @Test
  void theToolsThatKeepEveryVersionListThemInOrder() throws SQLException {
    for (ForeignTool tool : List.of(ForeignTool.FLYWAY, ForeignTool.SQLX, ForeignTool.GOOSE)) {
      Path file = dir.resolve("all-" + tool + ".db");
      ToolMadeDatabase.migrate(file, tool, migrations(tool));
      try (Connection db = open(file)) {
        assertThat(tool.historyTable().read(db).versions())
            .as("%s", tool)
            .containsExactlyElementsOf(
                migrations(tool).stream().map(up -> stored(tool, up.version())).toList());
      }
    }
  }

  @Test
  void twoDatabasesMadeAlikeHoldTheSameHistoryButForTheClock() throws SQLException {
    Path one = dir.resolve("one.db");
    Path other = dir.resolve("other.db");
    ToolMadeDatabase.migrate(one, ForeignTool.FLYWAY, migrations(ForeignTool.FLYWAY));
    ToolMadeDatabase.migrate(other, ForeignTool.FLYWAY, migrations(ForeignTool.FLYWAY));

    try (Connection a = open(one);
        Connection b = open(other)) {
      List<List<String>> rows = ToolHistoryTables.rowsWithoutClock(a, ForeignTool.FLYWAY);
      assertThat(rows)
          .hasSize(3)
          .isEqualTo(ToolHistoryTables.rowsWithoutClock(b, ForeignTool.FLYWAY));
      assertThat(rows.get(1))
          .contains("version=1.1", "script=V1_1__add_email.sql", "type=SQL", "installed_by=")
          .noneMatch(column -> column.startsWith("installed_on="));
    }
  }

  @Test
  void aScriptThatFailsLeavesNeitherItsChangesNorItsRecord() throws SQLException {
    Path file = dir.resolve("failed.db");
    ToolMigration broken =
        new ToolMigration(
            "2",
            "broken",
            "V2__broken.sql",
            "CREATE TABLE half (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n",
            true);

    assertThatThrownBy(
            () ->
                ToolMadeDatabase.migrate(
                    file,
                    ForeignTool.FLYWAY,
                    List.of(migrations(ForeignTool.FLYWAY).get(0), broken)))
        .hasMessageContaining("V2__broken.sql")
        .hasMessageContaining("nowhere");

    try (Connection db = open(file)) {
      assertThat(ForeignTool.FLYWAY.historyTable().read(db).versions()).containsExactly("1");
    }
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM sqlite_master WHERE name = 'half'"))
        .isZero();
  }

  /**
   * Three migrations named as {@code tool} names them: a table, a column with data, and one that
   * cannot run in a transaction.
   */
  private static List<ToolMigration> migrations(ForeignTool tool) {
    List<String> versions =
        switch (tool) {
          case FLYWAY -> List.of("1", "1_1", "2");
          case DIESEL, DBMATE, SQLX ->
              List.of("20240101000000", "20240102000000", "20240103000000");
          case GOLANG_MIGRATE, GOOSE, USER_VERSION -> List.of("1", "2", "3");
        };
    String prefix = tool == ForeignTool.FLYWAY ? "V" : "";
    return List.of(
        new ToolMigration(
            versions.get(0),
            "create users",
            prefix + versions.get(0) + "__create_users.sql",
            "CREATE TABLE users (\n  id INTEGER PRIMARY KEY,\n  name TEXT NOT NULL\n);\n"
                + "INSERT INTO users (name) VALUES ('Ada');\n",
            true),
        new ToolMigration(
            versions.get(1),
            "add email",
            prefix + versions.get(1) + "__add_email.sql",
            "ALTER TABLE users ADD COLUMN email TEXT;\n"
                + "UPDATE users SET email = lower(name) || '@example.com';\n",
            true),
        new ToolMigration(
            versions.get(2),
            "score and vacuum",
            prefix + versions.get(2) + "__score_and_vacuum.sql",
            "ALTER TABLE users ADD COLUMN score INTEGER NOT NULL DEFAULT 7;\nVACUUM;\n",
            false));
  }

  /** The version as the tool stores it: Flyway dots, the integer tools without leading zeros. */
  private static String stored(ForeignTool tool, String version) {
    return tool == ForeignTool.FLYWAY ? version.replace('_', '.') : version;
  }

  private static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}
