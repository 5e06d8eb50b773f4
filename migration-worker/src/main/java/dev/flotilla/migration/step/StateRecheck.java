package dev.flotilla.migration.step;

import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.SafetyReason;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The migrate step's last look at what the device says about itself, just before the migration
 * begins: time passes between the safety check and the migration (a backup, a queue), and a vehicle
 * may start driving meanwhile. Catches up with the devices' reports first, then judges the latest
 * by the safety check's rules ({@link DeviceStateRules}), age included. A device that never
 * reported its state passes, as it did its safety check (which alone knows whether the rollout
 * requires a report).
 */
final class StateRecheck {
  private final ReportedDevices devices;
  private final StateCatchUp catchUp;
  private final Clock clock;

  StateRecheck(ReportedDevices devices, StateCatchUp catchUp, Clock clock) {
    this.devices = devices;
    this.catchUp = catchUp;
    this.clock = clock;
  }

  /** Why the device must not be migrated now, as an {@code unsafe-device-state} failure. */
  Optional<Failure> unsafe(ApplyMigrations command) {
    catchUp.catchUp();
    List<SafetyReason> reasons =
        DeviceStateRules.reasons(
            new ReportedState(
                devices.state(command.deviceId()),
                clock.instant(),
                ReportedState.maxAge(command.maxStateAgeSeconds()),
                false));
    if (reasons.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Failure(
            FailureKind.INFRASTRUCTURE,
            "just before migrating, the device was no longer safe: "
                + reasons.stream()
                    .map(reason -> reason.code() + " (" + reason.message() + ")")
                    .collect(Collectors.joining("; ")),
            Failure.UNSAFE_DEVICE_STATE));
  }
}
