package dev.flotilla.migration;

import dev.flotilla.contracts.id.DeviceId;
import java.util.function.Supplier;

/**
 * One command per device at a time within this instance: records of a batch are handled
 * concurrently, and two of them may be for the same device. Partition ownership already keeps other
 * instances away. Striped, so memory does not grow with the fleet; two devices sharing a stripe
 * merely wait for each other.
 */
final class DeviceLocks {
  private static final int STRIPES = 64;

  private final Object[] stripes = new Object[STRIPES];

  DeviceLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  <T> T withLock(DeviceId device, Supplier<T> work) {
    synchronized (stripes[Math.floorMod(device.hashCode(), STRIPES)]) {
      return work.get();
    }
  }
}
