package dev.flotilla.contracts.device;

import dev.flotilla.contracts.Check;
import java.util.List;

/**
 * What a device says about itself right now, for the safety check.
 *
 * @param parked false while the vehicle moves (an RV driving must not be migrated)
 * @param activeConnections live control sessions using the database
 * @param interlocks safety interlocks engaged (e.g. {@code slide-out-extending})
 */
public record DeviceConditions(boolean parked, int activeConnections, List<String> interlocks) {
  public DeviceConditions {
    Check.atLeast(activeConnections, 0, "activeConnections");
    interlocks = Check.list(interlocks, "interlocks");
  }

  public static final DeviceConditions IDLE = new DeviceConditions(true, 0, List.of());
}
