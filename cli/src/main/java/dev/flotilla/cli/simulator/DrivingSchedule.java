package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.id.DeviceId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Which devices of a fleet are on the road when the simulation starts, and how long each drives
 * before it parks for good. Pure: the same devices, share and seed give the same schedule.
 *
 * @param driveTimes how long each driving device drives, in fleet order; devices not in it are
 *     parked from the start
 */
public record DrivingSchedule(Map<DeviceId, Duration> driveTimes) {
  public DrivingSchedule {
    driveTimes = Collections.unmodifiableMap(new LinkedHashMap<>(driveTimes));
  }

  /**
   * Picks {@code percentDriving} % of the devices (rounded up when above zero) to drive for a time
   * drawn evenly from {@code [shortest, longest]}.
   */
  public static DrivingSchedule random(
      List<DeviceId> devices, int percentDriving, Duration shortest, Duration longest, long seed) {
    Check.atLeast(percentDriving, 0, "percentDriving");
    if (percentDriving > 100) {
      throw new IllegalArgumentException(
          "percentDriving must be at most 100, got " + percentDriving);
    }
    if (shortest.isNegative() || longest.compareTo(shortest) < 0) {
      throw new IllegalArgumentException(
          "drive times need 0 <= shortest <= longest, got " + shortest + " and " + longest);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<DeviceId> shuffled = new ArrayList<>(devices);
    Collections.shuffle(shuffled, new Random(random.nextLong()));
    int driving = (int) Math.ceil(devices.size() * percentDriving / 100.0);
    List<DeviceId> chosen = shuffled.subList(0, driving);
    Map<DeviceId, Duration> driveTimes = new LinkedHashMap<>();
    long spreadMillis = longest.minus(shortest).toMillis();
    for (DeviceId device : devices) {
      if (chosen.contains(device)) {
        long extra = spreadMillis == 0 ? 0 : random.nextLong(spreadMillis + 1);
        driveTimes.put(device, shortest.plusMillis(extra));
      }
    }
    return new DrivingSchedule(driveTimes);
  }

  /** What the device reports {@code elapsed} after the start. */
  public DeviceConditions conditionsAt(DeviceId device, Duration elapsed) {
    return drivingAt(device, elapsed)
        ? new DeviceConditions(false, 0, List.of())
        : DeviceConditions.IDLE;
  }

  public boolean drivingAt(DeviceId device, Duration elapsed) {
    Duration driveTime = driveTimes.get(device);
    return driveTime != null && elapsed.compareTo(driveTime) < 0;
  }

  /** The devices that park after {@code from} and no later than {@code to}, in fleet order. */
  public List<DeviceId> parkingBetween(Duration from, Duration to) {
    List<DeviceId> parking = new ArrayList<>();
    driveTimes.forEach(
        (device, driveTime) -> {
          if (driveTime.compareTo(from) > 0 && driveTime.compareTo(to) <= 0) {
            parking.add(device);
          }
        });
    return parking;
  }

  /** When the last driving device parks; zero when none drives. */
  public Duration lastParking() {
    return driveTimes.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }
}
