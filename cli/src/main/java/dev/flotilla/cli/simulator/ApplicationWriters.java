package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.Check;
import dev.flotilla.contracts.id.DeviceId;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The devices of a fleet whose application keeps writing while the fleet is migrated: one {@link
 * SensorLogger} each, started together and stopped together.
 */
public final class ApplicationWriters implements AutoCloseable {
  /** Mixed into the fleet's seed so the writers are not simply the first drivers reshuffled. */
  private static final long SEED_SALT = 0x5EA5_0C0FFEEL;

  private final List<SensorLogger> loggers;
  private List<WriterReport> reports;

  private ApplicationWriters(List<SensorLogger> loggers) {
    this.loggers = List.copyOf(loggers);
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

  /** Starts a logger on each device's database; stops the ones started if one cannot start. */
  public static ApplicationWriters start(
      List<DeviceId> devices, Function<DeviceId, Path> databaseOf) throws SQLException {
    List<SensorLogger> started = new ArrayList<>();
    try {
      for (DeviceId device : devices) {
        started.add(SensorLogger.start(device, databaseOf.apply(device)));
      }
    } catch (SQLException | RuntimeException e) {
      new ApplicationWriters(started).close();
      throw e;
    }
    return new ApplicationWriters(started);
  }

  public List<DeviceId> devices() {
    return loggers.stream().map(SensorLogger::device).toList();
  }

  /**
   * Stops every logger, then reads what each database holds. Once stopped, returns the same reports
   * again.
   */
  public synchronized List<WriterReport> stop() throws InterruptedException {
    if (reports == null) {
      // All at once: each then waits only for its own last write.
      loggers.forEach(SensorLogger::requestStop);
      List<WriterReport> stopped = new ArrayList<>();
      for (SensorLogger logger : loggers) {
        stopped.add(logger.stop());
      }
      reports = List.copyOf(stopped);
    }
    return reports;
  }

  /** Stops the loggers, for a shutdown: their reports are not needed. */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // Shutting down anyway; each logger's thread is a daemon.
    }
  }
}
