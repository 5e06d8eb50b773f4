package dev.flotilla.contracts.view;

import dev.flotilla.contracts.Check;
import java.util.List;

/** {@code GET /rollouts/{id}/devices[?stage=…]}: the rollout's devices, by device id. */
public record RolloutDevices(String rolloutId, List<RolloutDevice> devices) implements View {
  public RolloutDevices {
    Check.required(rolloutId, "rolloutId");
    devices = Check.list(devices, "devices");
  }
}
