package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.diesel;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DieselHistoryTableTest {
  private static final String COMPARED =
      "SELECT version FROM __diesel_schema_migrations ORDER BY version";

  private final ForeignHistoryTable dieselTable = ForeignTool.DIESEL.historyTable();

  @Test
  void readsWhatDieselApplied() throws SQLException {
    try (Connection db = memory()) {
      diesel(db, 3);

      ForeignHistory history = dieselTable.read(db);

      assertThat(history.versions())
          .containsExactly("20240101000000", "20240102000000", "20240103000000");
      assertThat(history.current()).contains("20240103000000");
      assertThat(history.applied().get(0).appliedAt()).contains("2024-05-01 09:30:12");
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void recordsAnAppliedMigrationAsDieselDoes() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      diesel(expected, 3);
      diesel(actual, 2);

      ForeignFixtures.migrateAndRecord(
          actual, dieselTable, ForeignFixtures.createOrders(ForeignTool.DIESEL));

      assertThat(rows(actual, COMPARED)).isEqualTo(rows(expected, COMPARED));
      assertThat(
              rows(
                      actual,
                      "SELECT run_on FROM __diesel_schema_migrations"
                          + " WHERE version = '20240103000000'")
                  .get(0)
                  .get(0))
          .asString()
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }
  }

  @Test
  void revertingDeletesTheRow() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      diesel(expected, 2);
      diesel(actual, 3);

      ForeignFixtures.revertAndRecord(
          actual,
          dieselTable,
          ForeignFixtures.run(
              "20240103000000",
              "create_orders",
              "2024-01-03-000000_create_orders/down.sql",
              ForeignFixtures.DROP_ORDERS,
              2),
          Optional.of("20240102000000"));

      assertThat(rows(actual, COMPARED)).isEqualTo(rows(expected, COMPARED));
      assertThat(dieselTable.read(actual).current()).contains("20240102000000");
    }
  }
}
