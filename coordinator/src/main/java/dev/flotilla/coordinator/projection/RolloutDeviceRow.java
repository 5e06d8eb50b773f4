package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import java.time.Instant;

/**
 * One device within one rollout.
 *
 * @param wave the wave that admitted it; null until one did
 * @param version its schema version as last reported in this rollout; null until a reply said
 * @param backupId the backup that holds its data, once one was taken
 * @param reasons why it was deferred, or the problems it met on the way to its outcome
 */
public record RolloutDeviceRow(
    String rolloutId,
    String deviceId,
    DeviceStage stage,
    Integer wave,
    VersionId version,
    String backupId,
    Reasons reasons,
    Instant updatedAt) {

  static RolloutDeviceRow pending(String rolloutId, String deviceId, Instant at) {
    return new RolloutDeviceRow(
        rolloutId, deviceId, DeviceStage.PENDING, null, null, null, Reasons.NONE, at);
  }

  RolloutDeviceRow withWave(int newWave, Instant at) {
    return new RolloutDeviceRow(
        rolloutId, deviceId, stage, newWave, version, backupId, reasons, at);
  }

  RolloutDeviceRow withStage(DeviceStage newStage, Reasons newReasons, Instant at) {
    return new RolloutDeviceRow(
        rolloutId, deviceId, newStage, wave, version, backupId, newReasons, at);
  }

  /** Keeps what it knew where the new facts say nothing (null). */
  RolloutDeviceRow withFacts(VersionId newVersion, String newBackupId, Instant at) {
    return new RolloutDeviceRow(
        rolloutId,
        deviceId,
        stage,
        wave,
        newVersion == null ? version : newVersion,
        newBackupId == null ? backupId : newBackupId,
        reasons,
        at);
  }
}
