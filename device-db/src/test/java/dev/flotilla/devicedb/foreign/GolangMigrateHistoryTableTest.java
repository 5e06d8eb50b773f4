package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.golangMigrate;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GolangMigrateHistoryTableTest {
  private static final String COMPARED = "SELECT version, dirty FROM schema_migrations";
  private static final ScriptRun DOWN_3 =
      ForeignFixtures.run(
          "3", "create_orders", "000003_create_orders.down.sql", ForeignFixtures.DROP_ORDERS, 2);

  private final ForeignHistoryTable migrate = ForeignTool.GOLANG_MIGRATE.historyTable();

  @Test
  void readsTheOneVersionGolangMigrateKeeps() throws SQLException {
    try (Connection db = memory()) {
      golangMigrate(db, 3, false);

      ForeignHistory history = migrate.read(db);

      assertThat(history.versions()).containsExactly("3");
      assertThat(history.current()).contains("3");
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void aDirtyVersionIsAnAnomaly() throws SQLException {
    try (Connection db = memory()) {
      golangMigrate(db, 3, true);

      ForeignHistory history = migrate.read(db);

      assertThat(history.current()).contains("3");
      assertThat(history.anomalies()).singleElement().asString().contains("version 3 is dirty");
    }
  }

  @Test
  void recordsAnAppliedMigrationByReplacingTheRow() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      golangMigrate(expected, 3, false);
      golangMigrate(actual, 2, false);

      ForeignFixtures.migrateAndRecord(
          actual, migrate, ForeignFixtures.createOrders(ForeignTool.GOLANG_MIGRATE));

      assertThat(rows(actual, COMPARED)).isEqualTo(rows(expected, COMPARED)).hasSize(1);
    }
  }

  @Test
  void fileVersionsWithLeadingZerosAreStoredAsIntegers() throws SQLException {
    try (Connection db = memory()) {
      golangMigrate(db, 2, false);

      ForeignFixtures.migrateAndRecord(
          db,
          migrate,
          ForeignFixtures.run("000003", "x", "000003_x.up.sql", ForeignFixtures.CREATE_ORDERS, 1));

      assertThat(rows(db, "SELECT typeof(version), version FROM schema_migrations"))
          .containsExactly(List.of("integer", 3));
    }
  }

  @Test
  void revertingWritesTheVersionAfterOrEmptiesTheTable() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      golangMigrate(expected, 2, false);
      golangMigrate(actual, 3, false);

      ForeignFixtures.revertAndRecord(actual, migrate, DOWN_3, Optional.of("2"));
      assertThat(rows(actual, COMPARED)).isEqualTo(rows(expected, COMPARED));

      ForeignFixtures.revertAndRecord(
          actual,
          migrate,
          ForeignFixtures.run("2", "add_email", "000002_add_email.down.sql", "SELECT 1;", 1),
          Optional.of("1"));
      ForeignFixtures.revertAndRecord(
          actual,
          migrate,
          ForeignFixtures.run("1", "create_users", "000001_create_users.down.sql", "SELECT 1;", 1),
          Optional.empty());
      assertThat(rows(actual, COMPARED)).isEmpty();
      assertThat(migrate.read(actual).current()).isEmpty();
    }
  }
}
