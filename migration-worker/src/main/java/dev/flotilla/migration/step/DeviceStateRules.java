package dev.flotilla.migration.step;

import static dev.flotilla.migration.step.SafetyRules.ACTIVE_CONNECTIONS;
import static dev.flotilla.migration.step.SafetyRules.INTERLOCK_ENGAGED;
import static dev.flotilla.migration.step.SafetyRules.NO_DEVICE_STATE;
import static dev.flotilla.migration.step.SafetyRules.STALE_DEVICE_STATE;
import static dev.flotilla.migration.step.SafetyRules.VEHICLE_MOVING;

import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.reply.SafetyReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges what a device last said about itself: driving, control sessions open, interlocks engaged.
 * Every reason is transient: the device will park. State observed longer ago than the rollout
 * allows is unknown, not safe: the device may have started driving since, so it is one reason
 * ({@code stale-device-state}) and what it said is not judged. The safety check and the migrate
 * step's last look before it begins judge by the same rules.
 */
final class DeviceStateRules {
  private DeviceStateRules() {}

  static List<SafetyReason> reasons(ReportedState state) {
    if (state.conditions().isEmpty()) {
      return state.required()
          ? List.of(
              SafetyReason.transientReason(
                  NO_DEVICE_STATE,
                  "the device has not reported its state on flotilla.device-states"))
          : List.of();
    }
    if (state.stale()) {
      return List.of(
          SafetyReason.transientReason(
              STALE_DEVICE_STATE,
              "the device's state was observed at "
                  + state.report().orElseThrow().observedAt()
                  + ", "
                  + state.age().toSeconds()
                  + " s ago; state older than "
                  + state.maxAge().toSeconds()
                  + " s counts as unknown"));
    }
    DeviceConditions conditions = state.conditions().get();
    List<SafetyReason> reasons = new ArrayList<>();
    if (!conditions.parked()) {
      reasons.add(SafetyReason.transientReason(VEHICLE_MOVING, "the vehicle is not parked"));
    }
    if (conditions.activeConnections() > 0) {
      reasons.add(
          SafetyReason.transientReason(
              ACTIVE_CONNECTIONS,
              conditions.activeConnections() + " control sessions are using the database"));
    }
    if (!conditions.interlocks().isEmpty()) {
      reasons.add(
          SafetyReason.transientReason(
              INTERLOCK_ENGAGED,
              "interlocks engaged: " + String.join(", ", conditions.interlocks())));
    }
    return reasons;
  }
}
