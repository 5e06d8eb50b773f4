package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every writer lives and dies with the caller's transaction, and only inside one. */
class ForeignHistoryTransactionTest {
  @ParameterizedTest
  @EnumSource(ForeignTool.class)
  void anAppliedRecordRollsBackWithTheMigration(ForeignTool tool) throws SQLException {
    try (Connection db = memory()) {
      ForeignFixtures.migratedBy(tool, db, 2);
      ForeignHistoryTable history = tool.historyTable();
      ForeignHistory before = history.read(db);
      ScriptRun up = ForeignFixtures.createOrders(tool);

      db.setAutoCommit(false);
      ForeignFixtures.exec(db, up.sql());
      history.recordApplied(db, up);
      assertThat(history.read(db).current()).isNotEqualTo(before.current());
      db.rollback();

      assertThat(history.read(db)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(ForeignTool.class)
  void aRevertedRecordRollsBackWithTheDownScript(ForeignTool tool) throws SQLException {
    try (Connection db = memory()) {
      ForeignFixtures.migratedBy(tool, db, 3);
      ForeignHistoryTable history = tool.historyTable();
      ForeignHistory before = history.read(db);
      ScriptRun down = ForeignFixtures.createOrders(tool);

      db.setAutoCommit(false);
      ForeignFixtures.exec(db, ForeignFixtures.DROP_ORDERS);
      history.recordReverted(db, down, Optional.of(ForeignFixtures.addEmailVersion(tool)));
      assertThat(history.read(db).current()).contains(ForeignFixtures.addEmailVersion(tool));
      db.rollback();

      assertThat(history.read(db)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @EnumSource(ForeignTool.class)
  void writersRefuseAConnectionInAutoCommit(ForeignTool tool) throws SQLException {
    try (Connection db = memory()) {
      ForeignFixtures.migratedBy(tool, db, 2);
      ForeignHistoryTable history = tool.historyTable();
      ForeignHistory before = history.read(db);
      ScriptRun up = ForeignFixtures.createOrders(tool);

      assertThatThrownBy(() -> history.recordApplied(db, up))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("auto-commit");
      assertThatThrownBy(() -> history.recordReverted(db, up, Optional.empty()))
          .isInstanceOf(IllegalStateException.class);
      assertThat(history.read(db)).isEqualTo(before);
    }
  }
}
