package dev.flotilla.backup;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import java.time.Instant;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What is known about one backup, stored as {@code <backupId>.manifest.json} beside it. The
 * manifest is written last, so a backup without one is unfinished.
 *
 * @param sourceVersion the device's schema version when the copy was taken (0 for none)
 * @param sha256 lower-case hex SHA-256 of the backup file's bytes
 * @param tableRowCounts rows per table in the source at the instant it was copied
 * @param applicationRowCounts rows per application table ({@link dev.flotilla.devicedb.UserTables})
 *     counted in the copy itself: the baseline verify judges the migrated device by. Absent from
 *     format 1 manifests.
 */
public record BackupManifest(
    int format,
    DeviceId deviceId,
    BackupId backupId,
    CommandId commandId,
    RolloutId rolloutId,
    VersionId sourceVersion,
    long sizeBytes,
    String sha256,
    Instant createdAt,
    SortedMap<String, Long> tableRowCounts,
    SortedMap<String, Long> applicationRowCounts,
    String journalMode) {
  /** Format 2 added {@code applicationRowCounts} and {@code journalMode}; format 1 still reads. */
  public static final int CURRENT_FORMAT = 2;

  public BackupManifest {
    Check.atLeast(format, 1, "format");
    Check.required(deviceId, "deviceId");
    Check.required(backupId, "backupId");
    Check.required(commandId, "commandId");
    Check.required(rolloutId, "rolloutId");
    Check.required(sourceVersion, "sourceVersion");
    Check.atLeast(sizeBytes, 0, "sizeBytes");
    Check.notBlank(sha256, "sha256");
    Check.required(createdAt, "createdAt");
    tableRowCounts =
        Collections.unmodifiableSortedMap(
            new TreeMap<>(Check.required(tableRowCounts, "tableRowCounts")));
    if (applicationRowCounts != null) {
      applicationRowCounts = Collections.unmodifiableSortedMap(new TreeMap<>(applicationRowCounts));
    }
  }

  /** Whether the application kept the database in WAL mode (format 1: assumed, as it was then). */
  @JsonIgnore
  public boolean walMode() {
    return journalMode == null || journalMode.equalsIgnoreCase("wal");
  }

  /** The source's facts as recorded, to compare a restored copy against. */
  @JsonIgnore
  public DatabaseFacts facts() {
    return new DatabaseFacts(sourceVersion, tableRowCounts);
  }
}
