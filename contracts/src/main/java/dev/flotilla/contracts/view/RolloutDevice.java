package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import java.time.Instant;
import java.util.List;

/**
 * One device within one rollout.
 *
 * @param wave the wave that admitted it; null until one did
 * @param version its schema version as last reported in this rollout; null until a reply said
 * @param backupId the backup that holds its data, once one was taken; else null
 * @param reasons why it was deferred, or the problems it met on the way to its outcome
 */
public record RolloutDevice(
    String rolloutId,
    String deviceId,
    DeviceStage stage,
    Integer wave,
    VersionId version,
    String backupId,
    List<String> reasons,
    Instant updatedAt) {
  public RolloutDevice {
    Check.required(rolloutId, "rolloutId");
    Check.required(deviceId, "deviceId");
    Check.required(stage, "stage");
    reasons = Check.list(reasons, "reasons");
  }
}
