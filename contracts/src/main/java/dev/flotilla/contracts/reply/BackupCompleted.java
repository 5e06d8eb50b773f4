package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.device.RowBaseline;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A backup was written, checksummed, renamed into place and test-restored.
 *
 * @param tableRowCounts the rows of each of the application's tables in the copy (SQLite's and
 *     Flotilla's own tables and virtual tables' shadow tables left out): what verify compares the
 *     migrated device against. Null in schema 1 replies, which did not carry them.
 * @param toRestore before an operator's restore (schema 3), the backup it will put back, found and
 *     proved intact before this backup was taken; null before a migration
 */
public record BackupCompleted(
    MessageId messageId,
    CommandId commandId,
    RolloutId rolloutId,
    DeviceId deviceId,
    MessageId causationId,
    Instant occurredAt,
    BackupId backupId,
    String sha256,
    long sizeBytes,
    VersionId sourceVersion,
    SortedMap<String, Long> tableRowCounts,
    ChosenBackup toRestore)
    implements BackupResult {
  public BackupCompleted {
    Check.required(messageId, "messageId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(causationId, "causationId");
    Check.required(occurredAt, "occurredAt");
    Check.required(backupId, "backupId");
    Check.notBlank(sha256, "sha256");
    Check.atLeast(sizeBytes, 0, "sizeBytes");
    Check.required(sourceVersion, "sourceVersion");
    if (tableRowCounts != null) {
      tableRowCounts.forEach((table, rows) -> Check.required(rows, "tableRowCounts." + table));
      tableRowCounts = Collections.unmodifiableSortedMap(new TreeMap<>(tableRowCounts));
    }
  }

  @Override
  public <R> R accept(WorkerReply.Visitor<R> visitor) {
    return visitor.visit(this);
  }

  /** A backup before a migration, as schema 2 wrote every one. */
  public BackupCompleted(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      BackupId backupId,
      String sha256,
      long sizeBytes,
      VersionId sourceVersion,
      SortedMap<String, Long> tableRowCounts) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        backupId,
        sha256,
        sizeBytes,
        sourceVersion,
        tableRowCounts,
        null);
  }

  /** A reply of schema 1, without row counts. */
  public BackupCompleted(
      MessageId messageId,
      CommandId commandId,
      RolloutId rolloutId,
      DeviceId deviceId,
      MessageId causationId,
      Instant occurredAt,
      BackupId backupId,
      String sha256,
      long sizeBytes,
      VersionId sourceVersion) {
    this(
        messageId,
        commandId,
        rolloutId,
        deviceId,
        causationId,
        occurredAt,
        backupId,
        sha256,
        sizeBytes,
        sourceVersion,
        null,
        null);
  }

  /** What verify compares the migrated device against, when this reply carries counts. */
  public Optional<RowBaseline> rowBaseline() {
    return tableRowCounts == null
        ? Optional.empty()
        : Optional.of(new RowBaseline(sourceVersion, tableRowCounts));
  }

  @Override
  public boolean succeeded() {
    return true;
  }
}
