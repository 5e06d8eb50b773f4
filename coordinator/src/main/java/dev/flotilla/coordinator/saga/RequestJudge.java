package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Accepts or rejects an update request against the catalogue and the inventory. A rejection lists
 * every problem at once and touches no device.
 */
final class RequestJudge {
  private RequestJudge() {}

  /**
   * A request that could not be read is rejected under the rollout id it named, so its sender sees
   * why; a rollout already accepted under that id goes on, untouched by a garbled copy.
   */
  static void rejectUnreadable(RejectRequest reject, Decision decision) {
    if (accepted(decision.state())) {
      return;
    }
    decision.emit(
        (sequence, id) ->
            new RolloutRejected(
                id,
                reject.rolloutId(),
                sequence,
                reject.messageId(),
                decision.now(),
                reject.reasons().stream().map(reason -> "unreadable request: " + reason).toList(),
                reject.requestedBy()));
  }

  private static boolean accepted(RolloutState state) {
    return state.status() == RolloutStatus.RUNNING || state.status() == RolloutStatus.FINISHED;
  }

  static void judge(UpdateRequest request, FleetSnapshot fleet, Decision decision) {
    RolloutState state = decision.state();
    if (accepted(state)) {
      return; // the rollout id is the idempotency key: a request seen again changes nothing
    }
    List<String> problems = new ArrayList<>();
    Set<Integer> versions = fleet.versionsOf(request.migrationSet());
    if (versions.isEmpty()) {
      problems.add(
          "migrationSet: '"
              + request.migrationSet()
              + "' is not in the catalogue (push it with `flotilla migrations push`); known sets: "
              + fleet.versions().keySet().stream().map(Object::toString).sorted().toList());
    } else {
      for (int v = 1; v <= request.targetVersion(); v++) {
        if (!versions.contains(v)) {
          problems.add(
              "targetVersion: '"
                  + request.migrationSet()
                  + "' has no version "
                  + v
                  + " (its versions are "
                  + versions
                  + ")");
          break;
        }
      }
    }
    List<DeviceId> devices = select(request.selector(), fleet, problems);
    List<String> busy =
        devices.stream()
            .filter(
                d -> fleet.busy().containsKey(d) && !fleet.busy().get(d).equals(state.rolloutId()))
            .limit(20)
            .map(d -> d + " (in " + fleet.busy().get(d) + ")")
            .toList();
    if (!busy.isEmpty()) {
      problems.add("selector: devices already in an active rollout: " + busy);
    }
    if (!problems.isEmpty()) {
      decision.emit(
          (sequence, id) ->
              new RolloutRejected(
                  id,
                  state.rolloutId(),
                  sequence,
                  request.messageId(),
                  decision.now(),
                  problems,
                  request.requestedBy()));
      return;
    }
    start(request, devices, decision);
  }

  private static void start(UpdateRequest request, List<DeviceId> devices, Decision decision) {
    RolloutState state = decision.state();
    decision.emit(
        (sequence, id) ->
            new RolloutAccepted(
                id,
                state.rolloutId(),
                sequence,
                request.messageId(),
                decision.now(),
                request.migrationSet(),
                request.targetVersion(),
                devices,
                request.policy(),
                request.requestedBy()));
    RolloutSteering.startWave(1, request.messageId(), decision);
    RolloutSteering.afterDeviceChange(request.messageId(), decision);
  }

  private static List<DeviceId> select(
      Selector selector, FleetSnapshot fleet, List<String> problems) {
    if (!selector.devices().isEmpty()) {
      List<DeviceId> unknown =
          selector.devices().stream().filter(d -> !fleet.devices().containsKey(d)).toList();
      if (!unknown.isEmpty()) {
        problems.add(
            "selector.devices: not in the device inventory: "
                + unknown.stream().limit(20).map(Object::toString).toList()
                + (unknown.size() > 20 ? " and " + (unknown.size() - 20) + " more" : ""));
      }
      return selector.devices();
    }
    List<DeviceId> chosen =
        fleet.devices().entrySet().stream()
            .filter(
                e -> selector.all() || e.getValue().stream().anyMatch(selector.groups()::contains))
            .map(e -> e.getKey())
            .sorted()
            .toList();
    if (chosen.isEmpty()) {
      problems.add(
          selector.all()
              ? "selector.all: the device inventory is empty"
              : "selector.groups: no device of the inventory is in " + selector.groups());
    }
    return chosen;
  }
}
