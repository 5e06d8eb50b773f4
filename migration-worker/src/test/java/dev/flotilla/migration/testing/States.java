package dev.flotilla.migration.testing;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import java.time.Instant;
import java.util.List;

/** Device state reports, as a device would publish them on flotilla.device-states. */
public final class States {
  public static final DeviceConditions DRIVING = new DeviceConditions(false, 0, List.of());

  private States() {}

  /** The device's report of {@code conditions}, observed now. */
  public static DeviceStateReport now(DeviceId device, DeviceConditions conditions) {
    return observedAt(device, conditions, Instant.now());
  }

  public static DeviceStateReport observedAt(
      DeviceId device, DeviceConditions conditions, Instant observedAt) {
    return new DeviceStateReport(
        MessageId.random(), Instant.now(), device, observedAt, conditions, List.of());
  }
}
