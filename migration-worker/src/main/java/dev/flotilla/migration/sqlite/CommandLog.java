package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.reply.WorkerReply;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code flotilla_command_log} table inside a device database: one row per command that changed
 * the device, holding its reply. Written in the same transaction as the change, so a redelivered
 * command finds its reply here and has no second effect.
 */
public final class CommandLog {
  static final String CREATE_TABLE =
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

  /**
   * The reply recorded for {@code commandId}, decoded as {@code type}.
   *
   * @throws dev.flotilla.contracts.InvalidMessageException when the recorded reply is not a {@code
   *     type} (the command id was reused for another step)
   */
  public <R extends WorkerReply> Optional<R> recordedReply(
      Handle handle, CommandId commandId, Class<R> type) {
    if (!SchemaHistory.tableExists(handle, "flotilla_command_log")) {
      return Optional.empty();
    }
    return handle
        .createQuery("SELECT reply FROM flotilla_command_log WHERE command_id = :commandId")
        .bind("commandId", commandId.value())
        .mapTo(String.class)
        .findOne()
        .map(json -> codec.decode(json, type));
  }

  public void record(Handle handle, WorkerReply reply, Instant recordedAt) {
    handle.execute(CREATE_TABLE);
    handle
        .createUpdate(
            "INSERT INTO flotilla_command_log (command_id, step, reply, recorded_at)"
                + " VALUES (:commandId, :step, :reply, :recordedAt)")
        .bind("commandId", reply.commandId().value())
        .bind("step", reply.step().wireName())
        .bind("reply", codec.encodeToString(reply))
        .bind("recordedAt", recordedAt.toString())
        .execute();
  }
}
