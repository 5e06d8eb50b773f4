package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import java.util.List;

/**
 * {@code GET /devices/{deviceId}}: a device as the rollouts that covered it saw it.
 *
 * @param currentVersion the version the latest event that names one says it is at; null if none
 * @param rollouts the device in each rollout that covered it, oldest first
 * @param history every step of its sagas, in time order
 */
public record DeviceDetail(
    String deviceId,
    VersionId currentVersion,
    List<RolloutDevice> rollouts,
    List<HistoryEntry> history,
    DeviceLinks links)
    implements View {
  public DeviceDetail {
    Check.required(deviceId, "deviceId");
    rollouts = Check.list(rollouts, "rollouts");
    history = Check.list(history, "history");
  }

  /** Where to ask about the device next: its audit trail. */
  public record DeviceLinks(String audit) {
    public static DeviceLinks of(String deviceId) {
      return new DeviceLinks("/audit?device=" + deviceId);
    }
  }
}
