package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.reply.MigrationRehearsed;

/**
 * What a dry run's rehearsal found on one device: how long its migration took on a copy, the
 * database's size before and after, and the free disk the real run needs there.
 */
public record RehearsalRow(
    String rolloutId,
    String deviceId,
    long durationMillis,
    long sizeBeforeBytes,
    long sizeAfterBytes,
    long diskNeededBytes) {

  static RehearsalRow of(MigrationRehearsed r) {
    return new RehearsalRow(
        r.rolloutId().value(),
        r.deviceId().value(),
        r.durationMillis(),
        r.sizeBeforeBytes(),
        r.sizeAfterBytes(),
        r.diskNeededBytes());
  }
}
