package dev.flotilla.contracts.topic;

import dev.flotilla.contracts.RolloutMessage;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.ControlCommand;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutRequest;
import dev.flotilla.contracts.topic.Topic.Cleanup;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every topic of Flotilla. The coordinator's inputs and {@link #EVENTS} are keyed by rollout id and
 * co-partitioned (same partition count), so the owner of input partition p owns events partition p.
 * Commands are keyed by device id, so one worker instance owns a device at a time.
 */
public final class Topics {
  private Topics() {}

  /** Update requests and operators' restores: what starts a rollout. */
  public static final Topic<RolloutRequest> UPDATE_REQUESTS =
      new Topic<>(
          "flotilla.update-requests",
          RolloutRequest.class,
          Cleanup.DELETE,
          r -> r.rolloutId().value());

  /**
   * Requests and commands for rollouts not yet accepted, forwarded by the rollout's coordinator to
   * be judged in order in one place: one partition, so no device is ever accepted into two active
   * rollouts, whichever coordinator instances own the rollouts. Written and read by coordinators
   * only.
   */
  public static final Topic<RolloutMessage> ADMISSIONS =
      new Topic<>(
          "flotilla.admissions",
          RolloutMessage.class,
          Cleanup.DELETE,
          m -> m.rolloutId().value(),
          1);

  public static final Topic<ControlCommand> CONTROL =
      new Topic<>(
          "flotilla.control", ControlCommand.class, Cleanup.DELETE, c -> c.rolloutId().value());

  public static final Topic<MigrationScript> MIGRATIONS =
      new Topic<>(
          "flotilla.migrations", MigrationScript.class, Cleanup.COMPACT, MigrationScript::key);

  /** What each device says about itself (conditions, groups): written by the device alone. */
  public static final Topic<DeviceStateReport> DEVICE_STATES =
      new Topic<>(
          "flotilla.device-states",
          DeviceStateReport.class,
          Cleanup.COMPACT,
          d -> d.deviceId().value());

  /** What the workers found in each device's database (version, size): written by workers alone. */
  public static final Topic<DeviceInventoryReport> DEVICE_INVENTORY =
      new Topic<>(
          "flotilla.device-inventory",
          DeviceInventoryReport.class,
          Cleanup.COMPACT,
          d -> d.deviceId().value());

  /**
   * The legacy whole records of devices, once written by devices and workers alike. No Flotilla
   * service writes it any more; it is still read, as the fallback for a device with no report on
   * {@link #DEVICE_STATES} or {@link #DEVICE_INVENTORY}.
   */
  public static final Topic<DeviceReport> DEVICES =
      new Topic<>(
          "flotilla.devices", DeviceReport.class, Cleanup.COMPACT, d -> d.deviceId().value());

  public static final Topic<WorkerReply> REPLIES =
      new Topic<>(
          "flotilla.replies", WorkerReply.class, Cleanup.DELETE, r -> r.rolloutId().value());

  public static final Topic<RolloutEvent> EVENTS =
      new Topic<>(
          "flotilla.events", RolloutEvent.class, Cleanup.KEEP_FOREVER, e -> e.rolloutId().value());

  /** Records no consumer could take, with their original bytes and the reason in headers. */
  public static final Topic<byte[]> DEAD_LETTERS =
      new Topic<>("flotilla.dlq", byte[].class, Cleanup.DELETE, bytes -> null);

  private static final Map<Step, Topic<WorkerCommand>> COMMANDS = new EnumMap<>(Step.class);

  static {
    for (Step step : Step.values()) {
      COMMANDS.put(
          step,
          new Topic<>(
              "flotilla.commands." + step.wireName(),
              WorkerCommand.class,
              Cleanup.DELETE,
              c -> c.deviceId().value()));
    }
  }

  /** {@code flotilla.commands.<step>}: where the worker for that step listens. */
  public static Topic<WorkerCommand> commands(Step step) {
    return COMMANDS.get(step);
  }

  public static List<Topic<WorkerCommand>> commands(Step... steps) {
    return Arrays.stream(steps).map(Topics::commands).toList();
  }

  /** The coordinator's inputs that are co-partitioned with {@link #EVENTS}. */
  public static List<Topic<?>> rolloutInputs() {
    return List.of(UPDATE_REQUESTS, CONTROL, REPLIES);
  }

  /**
   * Everything the coordinator reads in its loop: the rollout inputs and {@link #ADMISSIONS}, whose
   * one partition goes with partition 0 of the others (Kafka's range assignor).
   */
  public static List<Topic<?>> coordinatorInputs() {
    return List.of(UPDATE_REQUESTS, CONTROL, REPLIES, ADMISSIONS);
  }

  /**
   * The topics services follow whole, each instance on its own (no consumer group shares them out):
   * their unreadable records are dead-lettered by one guard, not by each follower.
   */
  public static List<Topic<?>> followed() {
    return List.of(MIGRATIONS, DEVICE_STATES, DEVICE_INVENTORY, DEVICES, EVENTS);
  }

  public static List<Topic<?>> all() {
    List<Topic<?>> all =
        new ArrayList<>(
            List.of(
                UPDATE_REQUESTS,
                ADMISSIONS,
                CONTROL,
                MIGRATIONS,
                DEVICE_STATES,
                DEVICE_INVENTORY,
                DEVICES,
                REPLIES,
                EVENTS));
    all.addAll(COMMANDS.values());
    all.add(DEAD_LETTERS);
    return List.copyOf(all);
  }

  public static Optional<Topic<?>> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
