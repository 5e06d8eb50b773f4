package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.userVersion;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserVersionHistoryTest {
  private final ForeignHistoryTable pragma = ForeignTool.USER_VERSION.historyTable();

  @Test
  void readsTheHeadersVersion() throws SQLException {
    try (Connection db = memory()) {
      userVersion(db, 3);

      ForeignHistory history = pragma.read(db);

      assertThat(history.versions()).containsExactly("3");
      assertThat(history.current()).contains("3");
      assertThat(history.clean()).isTrue();
    }
  }

  @Test
  void zeroMeansNothingApplied() throws SQLException {
    try (Connection db = memory()) {
      ForeignHistory history = pragma.read(db);

      assertThat(history.applied()).isEmpty();
      assertThat(history.current()).isEmpty();
    }
  }

  @Test
  void appliedSetsTheVersionAndRevertedTheVersionAfter() throws SQLException {
    try (Connection db = memory()) {
      userVersion(db, 2);

      ForeignFixtures.migrateAndRecord(
          db, pragma, ForeignFixtures.createOrders(ForeignTool.USER_VERSION));
      assertThat(UserVersionHistory.userVersion(db)).isEqualTo(3);

      ScriptRun down = ForeignFixtures.run("3", "drop orders", "3", ForeignFixtures.DROP_ORDERS, 1);
      ForeignFixtures.revertAndRecord(db, pragma, down, Optional.of("2"));
      assertThat(UserVersionHistory.userVersion(db)).isEqualTo(2);

      ForeignFixtures.exec(db, "PRAGMA user_version = 1");
      ForeignFixtures.revertAndRecord(
          db, pragma, ForeignFixtures.run("1", "", "1", "SELECT 1;", 1), Optional.empty());
      assertThat(UserVersionHistory.userVersion(db)).isZero();
    }
  }
}
