package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.DeviceConnections;
import dev.flotilla.devkit.ApplicationWriter;
import dev.flotilla.devkit.ClimateSensor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * The devices of a fleet whose application keeps writing while the fleet is migrated: a {@link
 * ClimateSensor} logging through an {@link ApplicationWriter} on each, started together and stopped
 * together, then each database read on a fresh connection for the {@link WriterReport}: its version
 * and which of the readings the sensor committed are there.
 */
public final class ApplicationWriters implements AutoCloseable {
  /** Mixed into the fleet's seed so the writers are not simply the first drivers reshuffled. */
  private static final long SEED_SALT = 0x5EA5_0C0FFEEL;

  /** One device's sensor at work. */
  private record Writing(
      DeviceId device, Path database, ClimateSensor sensor, ApplicationWriter<String> writer) {}

  private final List<Writing> writing;
  private List<WriterReport> reports;

  private ApplicationWriters(List<Writing> writing) {
    this.writing = List.copyOf(writing);
  }

  /**
   * Picks {@code percent} % of the fleet (rounded up when above zero, so at least one device) to
   * write. Never a device in {@code excluded}; devices in {@code avoided} only when the others do
   * not suffice. Pure: the same arguments give the same devices, in fleet order.
   */
  public static List<DeviceId> choose(
      List<DeviceId> fleet,
      int percent,
      Collection<DeviceId> excluded,
      Collection<DeviceId> avoided,
      long seed) {
    Check.atLeast(percent, 0, "percent");
    if (percent > 100) {
      throw new IllegalArgumentException("percent must be at most 100, got " + percent);
    }
    int wanted = (int) Math.ceil(fleet.size() * percent / 100.0);
    List<DeviceId> preferred = new ArrayList<>();
    List<DeviceId> fallback = new ArrayList<>();
    for (DeviceId device : fleet) {
      if (!excluded.contains(device)) {
        (avoided.contains(device) ? fallback : preferred).add(device);
      }
    }
    Random random = new Random(seed ^ SEED_SALT);
    Collections.shuffle(preferred, random);
    Collections.shuffle(fallback, random);
    List<DeviceId> candidates = new ArrayList<>(preferred);
    candidates.addAll(fallback);
    List<DeviceId> chosen = candidates.subList(0, Math.min(wanted, candidates.size()));
    return fleet.stream().filter(chosen::contains).toList();
  }

  /** Starts a sensor on each device's database; stops the ones started if one cannot start. */
  public static ApplicationWriters start(
      List<DeviceId> devices, Function<DeviceId, Path> databaseOf) throws SQLException {
    List<Writing> started = new ArrayList<>();
    try {
      for (DeviceId device : devices) {
        Path database = databaseOf.apply(device);
        ClimateSensor sensor = ClimateSensor.of(device, database);
        started.add(
            new Writing(
                device,
                database,
                sensor,
                ApplicationWriter.start(database, sensor, ClimateSensor.INTERVAL)));
      }
    } catch (SQLException | RuntimeException e) {
      new ApplicationWriters(started).close();
      throw e;
    }
    return new ApplicationWriters(started);
  }

  public List<DeviceId> devices() {
    return writing.stream().map(Writing::device).toList();
  }

  /** How many readings the sensors have tried to write so far, committed or not. */
  long writesAttempted() {
    return writing.stream().mapToLong(w -> w.writer().writesAttempted()).sum();
  }

  /**
   * Stops every sensor, then reads what each database holds. Once stopped, returns the same reports
   * again.
   */
  public synchronized List<WriterReport> stop() throws InterruptedException {
    if (reports == null) {
      // All at once: each then waits only for its own last write.
      writing.forEach(w -> w.writer().requestStop());
      List<WriterReport> stopped = new ArrayList<>();
      for (Writing w : writing) {
        w.writer().stop();
        stopped.add(audit(w));
      }
      reports = List.copyOf(stopped);
    }
    return reports;
  }

  private static WriterReport audit(Writing w) {
    ApplicationWriter<String> writer = w.writer();
    try (Connection reader = DeviceConnections.readOnly(w.database())) {
      reader.setAutoCommit(false); // one snapshot for the version and the rows
      VersionId version = SchemaHistory.currentVersion(reader);
      Map<String, Integer> present = w.sensor().present(reader);
      reader.rollback();
      return WriterReport.of(
          w.device(),
          writer.committed(),
          present,
          writer.failedWrites(),
          writer.firstFailure(),
          writer.longestWrite(),
          version);
    } catch (SQLException e) {
      return WriterReport.unreadable(
          w.device(),
          writer.committed().size(),
          writer.failedWrites(),
          writer.firstFailure(),
          writer.longestWrite(),
          e.getMessage());
    }
  }

  /**
   * Asks every sensor to stop, for a shutdown: their reports are not needed, and each writer's
   * thread is a daemon that closes its connection after its current write.
   */
  @Override
  public void close() {
    writing.forEach(w -> w.writer().requestStop());
  }
}
