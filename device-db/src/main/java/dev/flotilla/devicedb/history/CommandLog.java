package dev.flotilla.devicedb.history;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.reply.WorkerReply;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code flotilla_command_log} table inside a device database: one row per command that changed
 * the device, holding its reply. Written in the same transaction as the change, so a redelivered
 * command finds its reply here and has no second effect.
 */
public final class CommandLog {
  public static final String TABLE = "flotilla_command_log";

  private static final String CREATE_TABLE =
      """
      CREATE TABLE IF NOT EXISTS flotilla_command_log (
        command_id  TEXT PRIMARY KEY,
        step        TEXT NOT NULL,
        reply       TEXT NOT NULL,
        recorded_at TEXT NOT NULL
      )""";

  private final MessageCodec codec;

  public CommandLog(MessageCodec codec) {
    this.codec = codec;
  }

  /** Creates the table if needed: call inside the transaction that writes the first row. */
  public static void ensureTable(Connection db) throws SQLException {
    try (Statement statement = db.createStatement()) {
      statement.execute(CREATE_TABLE);
    }
  }

  /**
   * The reply recorded for {@code commandId}, decoded as {@code type}.
   *
   * @throws dev.flotilla.contracts.InvalidMessageException when the recorded reply is not a {@code
   *     type} (the command id was reused for another step)
   */
  public <R extends WorkerReply> Optional<R> recordedReply(
      Connection db, CommandId commandId, Class<R> type) throws SQLException {
    if (!SchemaHistory.tableExists(db, TABLE)) {
      return Optional.empty();
    }
    try (PreparedStatement query =
        db.prepareStatement("SELECT reply FROM flotilla_command_log WHERE command_id = ?")) {
      query.setString(1, commandId.value());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(codec.decode(rows.getString(1), type)) : Optional.empty();
      }
    }
  }

  /** Records {@code reply} as its command's, creating the table first if needed. */
  public void record(Connection db, WorkerReply reply, Instant recordedAt) throws SQLException {
    ensureTable(db);
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO flotilla_command_log (command_id, step, reply, recorded_at)"
                + " VALUES (?, ?, ?, ?)")) {
      insert.setString(1, reply.commandId().value());
      insert.setString(2, reply.step().wireName());
      insert.setString(3, codec.encodeToString(reply));
      insert.setString(4, recordedAt.toString());
      insert.executeUpdate();
    }
  }
}
