package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RestoreRequest;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a request can start, against what is known of the fleet: an update request's set and
 * every version up to the target in the catalogue, its devices in the inventory, none of them in
 * another active rollout; an operator's restore, its device in the inventory and in no other active
 * rollout (which backup it puts back only the backup worker can tell, before it touches anything).
 * The one judgement of a request: the coordinator rejects on it, and {@code flotilla publish}
 * refuses on it before anything is published. Pure.
 */
public final class RequestChecks {
  private RequestChecks() {}

  /**
   * @param devices the devices the request selects, in rollout order
   * @param problems every reason the request cannot start; none when it can
   */
  public record Verdict(List<DeviceId> devices, List<String> problems) {
    public Verdict {
      devices = List.copyOf(devices);
      problems = List.copyOf(problems);
    }
  }

  public static Verdict check(RolloutRequest request, FleetSnapshot fleet) {
    if (request instanceof RestoreRequest restore) {
      return check(restore, fleet);
    }
    return check((UpdateRequest) request, fleet);
  }

  public static Verdict check(RestoreRequest request, FleetSnapshot fleet) {
    List<String> problems = new ArrayList<>();
    DeviceId device = request.deviceId();
    if (!fleet.devices().containsKey(device)) {
      problems.add("deviceId: " + device + " is not in the device inventory");
    }
    busyElsewhere(List.of(device), request.rolloutId(), fleet)
        .ifPresent(
            busy -> problems.add("deviceId: the device is already in an active rollout: " + busy));
    return new Verdict(List.of(device), problems);
  }

  public static Verdict check(UpdateRequest request, FleetSnapshot fleet) {
    List<String> problems = new ArrayList<>();
    Set<VersionId> versions = fleet.versionsOf(request.migrationSet());
    if (versions.isEmpty()) {
      problems.add(
          "migrationSet: '"
              + request.migrationSet()
              + "' is not in the catalogue (push it with `flotilla migrations push`); known sets: "
              + fleet.catalogue().sets().stream().map(Object::toString).toList());
    } else if (!versions.contains(request.targetVersion())) {
      problems.add(
          "targetVersion: '"
              + request.migrationSet()
              + "' has no version "
              + request.targetVersion()
              + " (its versions are "
              + versions
              + ")");
    }
    List<DeviceId> devices = select(request.selector(), fleet, problems);
    busyElsewhere(devices, request.rolloutId(), fleet)
        .ifPresent(busy -> problems.add("selector: devices already in an active rollout: " + busy));
    if (versions.contains(request.targetVersion())) {
      downgradeProblem(request, fleet, devices).ifPresent(problems::add);
    }
    return new Verdict(devices, problems);
  }

  /** A device belongs to one active rollout at a time: those of {@code devices} in another. */
  private static Optional<List<String>> busyElsewhere(
      List<DeviceId> devices, RolloutId rollout, FleetSnapshot fleet) {
    List<String> busy =
        devices.stream()
            .filter(d -> fleet.busy().containsKey(d) && !fleet.busy().get(d).equals(rollout))
            .limit(20)
            .map(d -> d + " (in " + fleet.busy().get(d) + ")")
            .toList();
    return busy.isEmpty() ? Optional.empty() : Optional.of(busy);
  }

  /**
   * A target below a device's version is an operator's downgrade, run with the undo scripts of the
   * versions above the target: a set that lacks one is refused before anything starts, naming them.
   */
  private static Optional<String> downgradeProblem(
      UpdateRequest request, FleetSnapshot fleet, List<DeviceId> devices) {
    VersionId target = request.targetVersion();
    List<DeviceId> above =
        devices.stream()
            .filter(d -> fleet.versions().getOrDefault(d, VersionId.ZERO).isAfter(target))
            .toList();
    VersionId highest =
        above.stream().map(fleet.versions()::get).max(Comparator.naturalOrder()).orElse(target);
    List<VersionId> toUndo =
        fleet.versionsOf(request.migrationSet()).stream()
            .filter(version -> !version.isAfter(highest))
            .toList();
    List<String> missing =
        fleet.catalogue().missingUndo(request.migrationSet(), toUndo, target).stream()
            .map(version -> "U" + version)
            .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "targetVersion: V"
            + target
            + " is below the version of "
            + above.size()
            + " selected device(s) (e.g. "
            + above.stream()
                .limit(5)
                .map(d -> d + " at V" + fleet.versions().get(d))
                .collect(Collectors.joining(", "))
            + "); taking them down needs undo scripts the set lacks: "
            + String.join(", ", missing));
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
