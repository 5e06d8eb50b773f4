package dev.flotilla.devicedb.foreign;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * dbmate's {@code "schema_migrations" (version varchar(128) primary key)}, as its SQLite driver
 * ({@code pkg/driver/sqlite/sqlite.go}) reads and writes it: applied inserts the version, reverted
 * deletes it. The version is the file name's leading digits as text ({@code
 * 20240131120000_create_users.sql}).
 */
final class DbmateHistoryTable implements ForeignHistoryTable {
  static final String TABLE = "schema_migrations";

  /** dbmate quotes the table name ({@code pq.QuoteIdentifier}). */
  private static final String QUOTED = "\"" + TABLE + "\"";

  @Override
  public ForeignTool tool() {
    return ForeignTool.DBMATE;
  }

  /** dbmate orders versions as text ({@code order by version}); the current is the greatest. */
  @Override
  public ForeignHistory read(Connection db) throws SQLException {
    List<AppliedEntry> applied = new ArrayList<>();
    try (Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery("select version from " + QUOTED + " order by version asc")) {
      while (rows.next()) {
        applied.add(AppliedEntry.version(rows.getString(1)));
      }
    }
    Optional<String> current =
        applied.isEmpty()
            ? Optional.empty()
            : Optional.of(applied.get(applied.size() - 1).version());
    return new ForeignHistory(ForeignTool.DBMATE, applied, current, List.of());
  }

  @Override
  public void recordApplied(Connection db, ScriptRun up) throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement insert =
        db.prepareStatement("insert into " + QUOTED + " (version) values (?)")) {
      insert.setString(1, up.version());
      insert.executeUpdate();
    }
  }

  @Override
  public void recordReverted(Connection db, ScriptRun down, Optional<String> versionAfter)
      throws SQLException {
    HistorySql.requireOpenTransaction(db);
    try (PreparedStatement delete =
        db.prepareStatement("delete from " + QUOTED + " where version = ?")) {
      delete.setString(1, down.version());
      delete.executeUpdate();
    }
  }
}
