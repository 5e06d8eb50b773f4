package dev.flotilla.cli;

import dev.flotilla.cli.simulator.DeviceStateSimulator;
import dev.flotilla.cli.simulator.DrivingSchedule;
import dev.flotilla.contracts.device.DeviceReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code flotilla simulate-devices}: the devices of a fleet folder report their state, some of them
 * driving for a while, so the safety check's deferral can be seen without real vehicles.
 */
@Command(
    name = "simulate-devices",
    description =
        "Report device states on flotilla.device-states for a fleet folder: some devices drive for"
            + " a while, then park. Exits when the last one has parked, unless --keep-reporting:"
            + " a rollout counts state older than its maxStateAgeSeconds (default 300) as unknown.")
final class SimulateDevicesCommand implements Callable<Integer> {
  static final String FLEET_DIR = "FLOTILLA_FLEET_DIR";
  private static final Duration CATCH_UP = Duration.ofMinutes(1);

  @Mixin KafkaOptions kafka;

  @Option(
      names = "--fleet-dir",
      paramLabel = "DIR",
      description = "The fleet folder (default: $" + FLEET_DIR + ").")
  Path fleetDir;

  @Mixin FleetLayoutOption fleetLayout;

  @Option(
      names = "--driving-percent",
      defaultValue = "20",
      description = "Share of the devices on the road at the start (default ${DEFAULT-VALUE}).")
  int drivingPercent;

  @Option(
      names = "--shortest-drive",
      defaultValue = "10",
      paramLabel = "SECONDS",
      description = "Shortest time a device drives before it parks (default ${DEFAULT-VALUE}).")
  int shortestDrive;

  @Option(
      names = "--longest-drive",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Longest time a device drives before it parks (default ${DEFAULT-VALUE}).")
  int longestDrive;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of who drives and how long.")
  long seed;

  @Option(
      names = "--keep-reporting",
      description =
          "Once every device has parked, go on repeating each device's state every 30 s, as"
              + " real devices do, until stopped (Ctrl-C).")
  boolean keepReporting;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (drivingPercent < 0 || drivingPercent > 100) {
      throw new UserError("--driving-percent must be between 0 and 100");
    }
    if (shortestDrive < 0 || longestDrive < shortestDrive) {
      throw new UserError("drive times need 0 <= --shortest-drive <= --longest-drive");
    }
    DatabaseFolder fleet = new DatabaseFolder(fleetDir(), fleetLayout.layout());
    List<DeviceId> devices = fleet.devices();
    if (devices.isEmpty()) {
      throw new UserError("the fleet folder " + fleet.dir() + " holds no device database");
    }
    DrivingSchedule schedule =
        DrivingSchedule.random(
            devices,
            drivingPercent,
            Duration.ofSeconds(shortestDrive),
            Duration.ofSeconds(longestDrive),
            seed);
    KafkaSettings settings = kafka.settings();
    try (Publisher publisher = Publisher.create(settings);
        DeviceStateSimulator simulator =
            simulatorFor(reportedSoFar(settings), publisher, schedule)) {
      simulator.start(devices);
      System.out.printf(
          "%d of %d devices are driving; the last parks in %ds%n",
          schedule.driveTimes().size(), devices.size(), schedule.lastParking().toSeconds());
      simulator.awaitAllParked(schedule.lastParking().plusMinutes(1));
      System.out.println("Every device is parked.");
      if (keepReporting) {
        System.out.println("Repeating every device's state until stopped (Ctrl-C).");
        new CountDownLatch(1).await();
      }
    }
    return 0;
  }

  /**
   * What the devices have reported so far, on their topic and on the legacy one: the simulator's
   * reports keep their groups, because a report says the device's whole state.
   */
  static ReportedDevices reportedSoFar(KafkaSettings kafka) {
    ReportedDevices reported = new ReportedDevices();
    try (TopicReader<DeviceReport> legacy =
            TopicReader.fromBeginning(kafka, Topics.DEVICES, r -> reported.accept(r.value()));
        TopicReader<DeviceStateReport> states =
            TopicReader.fromBeginning(
                kafka, Topics.DEVICE_STATES, r -> reported.accept(r.value()))) {
      legacy.start().awaitCaughtUp(CATCH_UP);
      states.start().awaitCaughtUp(CATCH_UP);
    }
    return reported;
  }

  static DeviceStateSimulator simulatorFor(
      ReportedDevices reported, Publisher publisher, DrivingSchedule schedule) {
    return new DeviceStateSimulator(
        reported, publisher, schedule, DeviceStateSimulator.HEARTBEAT, Clock.systemUTC());
  }

  private Path fleetDir() {
    Path dir =
        fleetDir != null
            ? fleetDir
            : Optional.ofNullable(System.getenv(FLEET_DIR))
                .filter(value -> !value.isBlank())
                .map(Path::of)
                .orElseThrow(() -> new UserError("give --fleet-dir DIR or set " + FLEET_DIR));
    if (!Files.isDirectory(dir)) {
      throw new UserError("the fleet folder " + dir + " does not exist");
    }
    return dir;
  }
}
