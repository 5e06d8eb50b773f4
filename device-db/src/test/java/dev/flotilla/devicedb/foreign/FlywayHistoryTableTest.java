package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.FLYWAY_COMPARED;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.FLYWAY_DROP_ORDERS;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.FLYWAY_RUNS;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.exec;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.flyway;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.insertFlyway;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlywayHistoryTableTest {
  private final ForeignHistoryTable flyway = ForeignTool.FLYWAY.historyTable();

  private static final ScriptRun UNDO_CREATE_ORDERS =
      ForeignFixtures.run(
          "2", "drop orders", "U2__drop_orders.sql", ForeignFixtures.DROP_ORDERS, 4);

  @Test
  void readsWhatFlywayAppliedInItsOwnTerms() throws SQLException {
    try (Connection db = memory()) {
      flyway(db, 3);

      ForeignHistory history = flyway.read(db);

      assertThat(history.tool()).isEqualTo(ForeignTool.FLYWAY);
      assertThat(history.versions()).containsExactly("1", "1.1", "2");
      assertThat(history.current()).contains("2");
      assertThat(history.clean()).isTrue();
      assertThat(history.applied().get(0))
          .isEqualTo(
              new AppliedEntry(
                  "1",
                  Optional.of("create users"),
                  Optional.of("-1938017103"),
                  Optional.of("2024-05-01 09:30:12.345")));
    }
  }

  @Test
  void recordsAnAppliedMigrationWithTheRowFlywayWrites() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      flyway(expected, 3);
      flyway(actual, 2);

      ForeignFixtures.migrateAndRecord(actual, flyway, FLYWAY_RUNS.get(2));

      assertThat(rows(actual, FLYWAY_COMPARED)).isEqualTo(rows(expected, FLYWAY_COMPARED));
      assertThat(installedOn(actual, 3))
          .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}");
    }
  }

  @Test
  void writesTheVersionInFlywaysFormFromTheFileVersion() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      flyway(expected, 2);
      flyway(actual, 1);

      ForeignFixtures.migrateAndRecord(actual, flyway, FLYWAY_RUNS.get(1)); // version "1_1"

      assertThat(rows(actual, FLYWAY_COMPARED)).isEqualTo(rows(expected, FLYWAY_COMPARED));
      assertThat(flyway.read(actual).current()).contains("1.1");
    }
  }

  @Test
  void cutsLongDescriptionsAndScriptNamesAsFlywayDoes() throws SQLException {
    try (Connection db = memory()) {
      flyway(db, 2);
      String description = "d".repeat(250);
      String script = "s".repeat(1200);

      ForeignFixtures.migrateAndRecord(
          db,
          flyway,
          new ScriptRun(
              "2",
              description,
              script,
              ForeignFixtures.CREATE_ORDERS,
              java.time.Duration.ZERO,
              "ci"));

      List<Object> row =
          rows(
                  db,
                  "SELECT description, script, installed_by FROM flyway_schema_history"
                      + " WHERE installed_rank = 3")
              .get(0);
      assertThat(row.get(0)).isEqualTo("d".repeat(197) + "...");
      assertThat(row.get(1)).isEqualTo("..." + "s".repeat(997));
      assertThat(row.get(2)).isEqualTo("ci");
    }
  }

  @Test
  void revertingDeletesTheVersionWhereFlywayHasNoUndo() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      flyway(expected, 2);
      flyway(actual, 3);

      ForeignFixtures.revertAndRecord(actual, flyway, UNDO_CREATE_ORDERS, Optional.of("1.1"));

      assertThat(rows(actual, FLYWAY_COMPARED)).isEqualTo(rows(expected, FLYWAY_COMPARED));
      assertThat(flyway.read(actual).current()).contains("1.1");
    }
  }

  @Test
  void revertingAppendsAnUndoRowWhereTheApplicationRunsFlywayUndo() throws SQLException {
    try (Connection db = memory()) {
      flyway(db, 3);
      // Flyway Teams undid V2 once (U2__drop_orders.sql) and applied it again.
      insertFlyway(
          db,
          List.of(
              "(4, '2', 'drop orders', 'UNDO_SQL', 'U2__drop_orders.sql', "
                  + FLYWAY_DROP_ORDERS
                  + ", '', '2024-05-02 10:00:00.000', 4, 1)",
              "(5, '2', 'create orders', 'SQL', 'V2__create_orders.sql', "
                  + ForeignFixtures.FLYWAY_CREATE_ORDERS
                  + ", '', '2024-05-02 10:05:00.000', 12, 1)"));
      assertThat(flyway.read(db).current()).contains("2");

      ForeignFixtures.revertAndRecord(db, flyway, UNDO_CREATE_ORDERS, Optional.of("1.1"));

      assertThat(rows(db, FLYWAY_COMPARED + " DESC LIMIT 1"))
          .containsExactly(
              List.of(
                  6,
                  "2",
                  "drop orders",
                  "UNDO_SQL",
                  "U2__drop_orders.sql",
                  FLYWAY_DROP_ORDERS,
                  "",
                  4,
                  1));
      ForeignHistory history = flyway.read(db);
      assertThat(history.versions()).containsExactly("1", "1.1");
      assertThat(history.current()).contains("1.1");
    }
  }

  @Test
  void readsVersionsInFlywaysOrderAndFailedRowsAsAnomalies() throws SQLException {
    try (Connection db = memory()) {
      exec(db, ForeignFixtures.FLYWAY_CREATE);
      insertFlyway(
          db,
          List.of(
              "(1, '1.10', 'b', 'SQL', 'V1_10__b.sql', 1, '', '2024-05-01 09:00:00.000', 1, 1)",
              "(2, '1.9', 'a', 'SQL', 'V1_9__a.sql', 2, '', '2024-05-01 09:00:01.000', 1, 1)",
              "(3, NULL, 'views', 'SQL', 'R__views.sql', 3, '', '2024-05-01 09:00:02.000', 1, 1)",
              "(4, '1.11', 'c', 'SQL', 'V1_11__c.sql', 4, '', '2024-05-01 09:00:03.000', 1, 0)",
              "(5, '1.8', 'gone', 'SQL', 'V1_8__gone.sql', 5, '', '2024-05-01 09:00:04.000', 1, 1)",
              "(6, '1.8', 'gone', 'DELETE', 'V1_8__gone.sql', 5, '', '2024-05-01 09:00:05.000',"
                  + " 0, 1)"));

      ForeignHistory history = flyway.read(db);

      assertThat(history.versions()).containsExactly("1.10", "1.9");
      assertThat(history.current()).contains("1.10");
      assertThat(history.clean()).isFalse();
      assertThat(history.anomalies())
          .singleElement()
          .asString()
          .contains("installed_rank 4", "1.11", "success = 0");
    }
  }

  private static String installedOn(Connection db, int rank) throws SQLException {
    return (String)
        rows(db, "SELECT installed_on FROM flyway_schema_history WHERE installed_rank = " + rank)
            .get(0)
            .get(0);
  }
}
