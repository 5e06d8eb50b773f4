package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.GOOSE_COMPARED;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.goose;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.insertGoose;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GooseHistoryTableTest {
  private static final ScriptRun DOWN_3 =
      ForeignFixtures.run(
          "20240103000000",
          "create_orders",
          "20240103000000_create_orders.sql",
          ForeignFixtures.DROP_ORDERS,
          2);

  private final ForeignHistoryTable gooseTable = ForeignTool.GOOSE.historyTable();

  @Test
  void readsWhatGooseAppliedLeavingOutItsZeroRow() throws SQLException {
    try (Connection db = memory()) {
      goose(db, 3);

      ForeignHistory history = gooseTable.read(db);

      assertThat(history.versions())
          .containsExactly("20240101000000", "20240102000000", "20240103000000");
      assertThat(history.current()).contains("20240103000000");
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void aFreshTableHasNoCurrentVersion() throws SQLException {
    try (Connection db = memory()) {
      goose(db, 0);

      ForeignHistory history = gooseTable.read(db);

      assertThat(history.applied()).isEmpty();
      assertThat(history.current()).isEmpty();
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void recordsAnAppliedMigrationAsGooseDoes() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      goose(expected, 3);
      goose(actual, 2);

      ForeignFixtures.migrateAndRecord(
          actual, gooseTable, ForeignFixtures.createOrders(ForeignTool.GOOSE));

      assertThat(rows(actual, GOOSE_COMPARED)).isEqualTo(rows(expected, GOOSE_COMPARED));
      assertThat(rows(actual, "SELECT tstamp FROM goose_db_version WHERE id = 4").get(0).get(0))
          .asString()
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }
  }

  @Test
  void revertingDeletesTheVersionsRowsAsCurrentGooseDoes() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      goose(expected, 2);
      goose(actual, 3);

      ForeignFixtures.revertAndRecord(actual, gooseTable, DOWN_3, Optional.of("20240102000000"));

      assertThat(rows(actual, GOOSE_COMPARED)).isEqualTo(rows(expected, GOOSE_COMPARED));
      assertThat(gooseTable.read(actual).current()).contains("20240102000000");
    }
  }

  @Test
  void aRollbackRowFromAnOldGooseIsReadByTheLatestRowAndFlagged() throws SQLException {
    try (Connection db = memory()) {
      goose(db, 3);
      // goose before v2.4.4 recorded a down as a new row with is_applied = 0.
      insertGoose(db, 20240103000000L, false);

      ForeignHistory history = gooseTable.read(db);

      assertThat(history.versions()).containsExactly("20240101000000", "20240102000000");
      assertThat(history.current()).contains("20240102000000");
      assertThat(history.anomalies())
          .hasSize(2)
          .anySatisfy(a -> assertThat(a).contains("20240103000000", "is_applied = 0"))
          .anySatisfy(a -> assertThat(a).contains("Provider (max version_id) 20240103000000"));
    }
  }

  @Test
  void aVersionReappliedAfterAnOldRollbackIsApplied() throws SQLException {
    try (Connection db = memory()) {
      goose(db, 3);
      insertGoose(db, 20240103000000L, false);
      insertGoose(db, 20240103000000L, true);

      ForeignHistory history = gooseTable.read(db);

      assertThat(history.current()).contains("20240103000000");
      assertThat(history.versions()).endsWith("20240103000000").hasSize(3);
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void aTableWithoutTheZeroRowIsFlagged() throws SQLException {
    try (Connection db = memory()) {
      goose(db, 2);
      ForeignFixtures.exec(db, "DELETE FROM goose_db_version WHERE version_id = 0");

      assertThat(gooseTable.read(db).anomalies())
          .containsExactly("no version 0 row: goose's Provider refuses to migrate down without it");
      assertThat(rows(db, "SELECT count(*) FROM goose_db_version")).isEqualTo(List.of(List.of(2)));
    }
  }
}
