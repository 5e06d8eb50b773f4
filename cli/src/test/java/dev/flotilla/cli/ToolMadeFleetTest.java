package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.foreign.ForeignHistory;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.foreign.ForeignToolDetector;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.RowSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every tool's folder fixture makes device databases that the tool's own reading, device-db's
 * {@code ForeignHistoryTable.read}, finds at the version they were made at, with nothing amiss, and
 * that hold the library's rows.
 */
class ToolMadeFleetTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "FLYWAY, flyway",
    "SQLX, sqlx",
    "DIESEL, diesel",
    "GOLANG_MIGRATE, golang-migrate",
    "GOOSE, goose",
    "DBMATE, dbmate",
    "USER_VERSION, plain"
  })
  void everyVersionReadsBackCleanAtTheVersionItWasMadeAt(ForeignTool tool, String folder)
      throws SQLException {
    ToolMadeFleet fleet = ToolMadeFleet.of(tool, FixtureFolders.of(folder));
    assertThat(fleet.versions()).hasSize(tool == ForeignTool.USER_VERSION ? 4 : 5);

    for (VersionId version : fleet.versions()) {
      Path db = fleet.device(dir.resolve(folder).resolve("at-" + version + ".db"), version);

      try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
        assertThat(ForeignToolDetector.detect(connection).only()).as("%s", db).contains(tool);
        ForeignHistory history = tool.historyTable().read(connection);
        assertThat(history.anomalies()).as("%s", db).isEmpty();
        assertThat(history.current().map(VersionId::parse)).as("%s", db).contains(version);
        List<VersionId> applied = history.versions().stream().map(VersionId::parse).toList();
        if (keepsEveryVersion(tool)) {
          assertThat(applied)
              .as("%s", db)
              .containsExactlyElementsOf(
                  fleet.versions().stream().filter(v -> !v.isAfter(version)).toList());
        } else {
          assertThat(applied).as("%s", db).containsExactly(version);
        }
      }
      assertThat(DeviceFiles.rows(db, "PRAGMA foreign_key_check")).as("%s", db).isEmpty();
      assertThat(DeviceFiles.integrityCheck(db)).as("%s", db).containsExactly("ok");
      assertThat(DeviceFiles.rows(db, "PRAGMA journal_mode")).containsExactly(List.of("wal"));
    }
  }

  @Test
  void theLibraryHoldsHundredsOfRowsTheCascadeAndTheTriggerShaped() {
    ToolMadeFleet flyway = ToolMadeFleet.of(ForeignTool.FLYWAY, FixtureFolders.of("flyway"));

    Path db = flyway.device(dir.resolve("lib-1.db"), VersionId.parse("2"));

    Map<String, Integer> rows = RowSnapshot.of(db).rowCounts();
    assertThat(rows).containsOnlyKeys("author", "book", "loan");
    assertThat(rows.get("author")).isBetween(200, 240);
    assertThat(rows.get("book")).isGreaterThan(500);
    assertThat(rows.get("loan")).isGreaterThan(200);
    // Every 29th author left, with their books; no book is out twice.
    assertThat(DeviceFiles.count(db, "SELECT count(*) FROM book WHERE author_id % 29 = 0"))
        .isZero();
    assertThat(
            DeviceFiles.count(
                db,
                "SELECT count(*) FROM (SELECT book_id FROM loan WHERE returned_at IS NULL"
                    + " GROUP BY book_id HAVING count(*) > 1)"))
        .isZero();
    assertThat(DeviceFiles.count(db, "SELECT count(*) FROM loan WHERE returned_at IS NULL"))
        .isPositive();
    assertThat(DeviceFiles.count(db, "SELECT count(*) FROM book WHERE isbn IS NULL")).isPositive();
  }

  @Test
  void twoDevicesHoldDifferentRowsAndTheSameDeviceTheSameRows() {
    ToolMadeFleet sqlx = ToolMadeFleet.of(ForeignTool.SQLX, FixtureFolders.of("sqlx"));
    VersionId version = VersionId.parse("20240612080000");

    Path one = sqlx.device(dir.resolve("a").resolve("lib-1.db"), version);
    Path same = sqlx.device(dir.resolve("b").resolve("lib-1.db"), version);
    Path other = sqlx.device(dir.resolve("a").resolve("lib-2.db"), version);

    assertThat(RowSnapshot.of(one).lostOrChangedIn(same)).isEmpty();
    assertThat(RowSnapshot.of(one).lostOrChangedIn(other)).isNotEmpty();
  }

  @Test
  void theToolsHistoryAtAVersionIsWhatItWroteThereWhateverTheClock() throws SQLException {
    ToolMadeFleet flyway = ToolMadeFleet.of(ForeignTool.FLYWAY, FixtureFolders.of("flyway"));

    List<List<String>> atTop = flyway.historyAt(flyway.top(), dir);

    assertThat(atTop).hasSize(5);
    assertThat(atTop.get(1)).contains("version=1.1", "script=V1.1__index_books_by_author.sql");
    assertThat(atTop.get(3))
        .contains("version=3", "script=books/V3__books_require_publication_year.sql");
    assertThat(atTop.get(4)).contains("version=3.1", "description=open loans index");
    assertThat(flyway.historyAt(VersionId.parse("2"), dir)).isEqualTo(atTop.subList(0, 3));
  }

  private static boolean keepsEveryVersion(ForeignTool tool) {
    return tool != ForeignTool.GOLANG_MIGRATE && tool != ForeignTool.USER_VERSION;
  }
}
