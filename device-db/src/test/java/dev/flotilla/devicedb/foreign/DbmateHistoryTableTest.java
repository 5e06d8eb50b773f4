package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.dbmate;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DbmateHistoryTableTest {
  private static final String COMPARED = "SELECT version FROM schema_migrations ORDER BY version";

  private final ForeignHistoryTable dbmateTable = ForeignTool.DBMATE.historyTable();

  @Test
  void readsWhatDbmateApplied() throws SQLException {
    try (Connection db = memory()) {
      dbmate(db, 3);

      ForeignHistory history = dbmateTable.read(db);

      assertThat(history.versions())
          .containsExactly("20240101000000", "20240102000000", "20240103000000");
      assertThat(history.current()).contains("20240103000000");
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void recordsAnAppliedMigrationAsDbmateDoes() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      dbmate(expected, 3);
      dbmate(actual, 2);

      ForeignFixtures.migrateAndRecord(
          actual, dbmateTable, ForeignFixtures.createOrders(ForeignTool.DBMATE));

      assertThat(rows(actual, COMPARED)).isEqualTo(rows(expected, COMPARED));
      assertThat(rows(actual, "SELECT typeof(version) FROM schema_migrations"))
          .allSatisfy(row -> assertThat(row).containsExactly("text"));
    }
  }

  @Test
  void revertingDeletesTheRow() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      dbmate(expected, 2);
      dbmate(actual, 3);

      ForeignFixtures.revertAndRecord(
          actual,
          dbmateTable,
          ForeignFixtures.run(
              "20240103000000",
              "create_orders",
              "20240103000000_create_orders.sql",
              ForeignFixtures.DROP_ORDERS,
              2),
          Optional.of("20240102000000"));

      assertThat(rows(actual, COMPARED)).isEqualTo(rows(expected, COMPARED));
    }
  }
}
