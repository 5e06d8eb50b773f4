package dev.flotilla.devicedb.foreign;

import static dev.flotilla.devicedb.foreign.ForeignFixtures.SQLX_COMPARED;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.SQLX_RUNS;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.exec;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.memory;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.rows;
import static dev.flotilla.devicedb.foreign.ForeignFixtures.sqlx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlxHistoryTableTest {
  private final ForeignHistoryTable sqlxTable = ForeignTool.SQLX.historyTable();

  @Test
  void checksumIsTheSha384OfTheScriptAsSqlxComputesIt() {
    // FIPS 180-2's SHA-384 test vectors for "abc" and the empty message.
    assertThat(HexFormat.of().formatHex(SqlxHistoryTable.checksum("abc")))
        .isEqualTo(
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                + "8086072ba1e7cc2358baeca134c825a7");
    assertThat(HexFormat.of().formatHex(SqlxHistoryTable.checksum("")))
        .isEqualTo(
            "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                + "274edebfe76f65fbd51ad2f14898b95b");
    // sqlx hashes the file's text as read, BOM and CRLF included (Python hashlib.sha384):
    // unlike Flyway, a change of line endings changes the checksum.
    assertThat(
            HexFormat.of()
                .formatHex(
                    SqlxHistoryTable.checksum(
                        "\uFEFFCREATE TABLE users (\r\n  id INTEGER PRIMARY KEY,\r\n"
                            + "  name TEXT NOT NULL -- café\r\n);\r\n")))
        .isEqualTo(
            "9ab111e7643d1ab2bb8565e772ae4beb11e7ce1c86eb417f539d343f5db7d01c"
                + "adc77b4af4e8ac57407dc580d1e7268a");
    assertThat(HexFormat.of().formatHex(SqlxHistoryTable.checksum(ForeignFixtures.CREATE_ORDERS)))
        .isEqualTo(ForeignFixtures.SQLX_CREATE_ORDERS);
  }

  @Test
  void readsWhatSqlxApplied() throws SQLException {
    try (Connection db = memory()) {
      sqlx(db, 3);

      ForeignHistory history = sqlxTable.read(db);

      assertThat(history.versions())
          .containsExactly("20240101000000", "20240102000000", "20240103000000");
      assertThat(history.current()).contains("20240103000000");
      assertThat(history.clean()).isTrue();
      assertThat(history.applied().get(1))
          .isEqualTo(
              new AppliedEntry(
                  "20240102000000",
                  Optional.of("add email"),
                  Optional.of(ForeignFixtures.SQLX_ADD_EMAIL),
                  Optional.of("2024-05-01 09:30:12")));
    }
  }

  @Test
  void recordsAnAppliedMigrationWithTheRowSqlxLeaves() throws SQLException {
    try (Connection expected = memory();
        Connection actual = memory()) {
      sqlx(expected, 3);
      sqlx(actual, 2);

      ForeignFixtures.migrateAndRecord(actual, sqlxTable, SQLX_RUNS.get(2));

      assertThat(rows(actual, SQLX_COMPARED)).isEqualTo(rows(expected, SQLX_COMPARED));
      assertThat(
              rows(
                      actual,
                      "SELECT installed_on FROM _sqlx_migrations WHERE version = 20240103000000")
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
      sqlx(expected, 2);
      sqlx(actual, 3);

      ForeignFixtures.revertAndRecord(
          actual,
          sqlxTable,
          ForeignFixtures.run(
              "20240103000000",
              "create orders",
              "20240103000000_create_orders.down.sql",
              ForeignFixtures.DROP_ORDERS,
              2),
          Optional.of("20240102000000"));

      assertThat(rows(actual, SQLX_COMPARED)).isEqualTo(rows(expected, SQLX_COMPARED));
    }
  }

  @Test
  void aFailedMigrationIsDirty() throws SQLException {
    try (Connection db = memory()) {
      sqlx(db, 2);
      exec(
          db,
          "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)"
              + " VALUES (20240103000000, 'create orders', FALSE, X'00', -1)");

      ForeignHistory history = sqlxTable.read(db);

      assertThat(history.current()).contains("20240102000000");
      assertThat(history.anomalies())
          .singleElement()
          .asString()
          .contains("20240103000000", "dirty");
    }
  }

  @Test
  void versionsAreIntegers() throws SQLException {
    try (Connection db = memory()) {
      sqlx(db, 2);
      db.setAutoCommit(false);
      ScriptRun named = ForeignFixtures.run("v3", "x", "v3_x.sql", "SELECT 1;", 1);

      assertThatThrownBy(() -> sqlxTable.recordApplied(db, named))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'v3'");
      db.rollback();
    }
  }
}
