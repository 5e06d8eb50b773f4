package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.exec;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ForeignToolDetectorTest {
  @ParameterizedTest
  @EnumSource(ForeignTool.class)
  void findsEachToolByTheHistoryItLeaves(ForeignTool tool) throws SQLException {
    try (Connection db = memory()) {
      ForeignFixtures.migratedBy(tool, db, 3);

      ForeignToolDetection detection = ForeignToolDetector.detect(db);

      assertThat(detection.only()).contains(tool);
      assertThat(detection.doubts()).isEmpty();
      String evidence = detection.found().get(0).evidence();
      assertThat(evidence)
          .isEqualTo(
              tool.table().map(table -> evidenceOf(tool, table)).orElse("PRAGMA user_version = 3"));
    }
  }

  @Test
  void findsNothingInADatabaseNoToolMigrated() throws SQLException {
    try (Connection db = memory()) {
      ForeignFixtures.applicationSchema(db, 3);

      ForeignToolDetection detection = ForeignToolDetector.detect(db);

      assertThat(detection.found()).isEmpty();
      assertThat(detection.only()).isEmpty();
    }
  }

  @Test
  void aSchemaMigrationsTableOfAnotherShapeIsADoubtNotATool() throws SQLException {
    try (Connection db = memory()) {
      exec(db, "CREATE TABLE schema_migrations (version TEXT, applied_at TEXT)");

      ForeignToolDetection detection = ForeignToolDetector.detect(db);

      assertThat(detection.found()).isEmpty();
      assertThat(detection.doubts())
          .containsExactly(
              "table schema_migrations (version, applied_at) is neither golang-migrate's"
                  + " (version, dirty) nor dbmate's (version)");
    }
  }

  @Test
  void aTableWithAToolsNameButNotItsColumnsIsADoubt() throws SQLException {
    try (Connection db = memory()) {
      exec(db, "CREATE TABLE flyway_schema_history (version TEXT)");

      ForeignToolDetection detection = ForeignToolDetector.detect(db);

      assertThat(detection.found()).isEmpty();
      assertThat(detection.doubts()).singleElement().asString().contains("flyway_schema_history");
    }
  }

  @Test
  void twoHistoriesAreBothReportedAndNeitherChosen() throws SQLException {
    try (Connection db = memory()) {
      ForeignFixtures.goose(db, 2);
      exec(db, "PRAGMA user_version = 7");

      ForeignToolDetection detection = ForeignToolDetector.detect(db);

      assertThat(detection.tools()).containsExactly(ForeignTool.GOOSE, ForeignTool.USER_VERSION);
      assertThat(detection.only()).isEmpty();
    }
  }

  private static String evidenceOf(ForeignTool tool, String table) {
    return "table "
        + table
        + " ("
        + switch (tool) {
          case FLYWAY ->
              "installed_rank, version, description, type, script, checksum, installed_by,"
                  + " installed_on, execution_time, success";
          case SQLX -> "version, description, installed_on, success, checksum, execution_time";
          case DIESEL -> "version, run_on";
          case GOLANG_MIGRATE -> "version, dirty";
          case DBMATE -> "version";
          case GOOSE -> "id, version_id, is_applied, tstamp";
          case USER_VERSION -> throw new IllegalArgumentException();
        }
        + ")";
  }
}
