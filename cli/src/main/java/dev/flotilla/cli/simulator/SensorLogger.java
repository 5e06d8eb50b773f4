package dev.flotilla.cli.simulator;

import dev.flotilla.contracts.id.DeviceId;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * The application of one device that never stops writing: a climate sensor logging a reading every
 * {@link #INTERVAL} into {@code climate_readings}, on a connection and a thread of its own, while
 * Flotilla backs the database up and migrates it. It behaves as a well-written application does:
 * the journal mode the file has, {@code PRAGMA busy_timeout = 5000}, foreign keys on, one
 * autocommit INSERT per reading that names its columns (so it keeps working when a migration adds
 * columns or tables). A write still waiting for the lock after the busy timeout fails with
 * SQLITE_BUSY; the logger counts it and goes on with the next reading, as a data logger would.
 *
 * <p>Each reading's {@code recorded_at} is unique (microseconds, strictly increasing), and the
 * logger remembers the ones SQLite committed, so that after the rollout {@link #stop()} can check
 * by query that every committed reading is in the database exactly once: a restore from a backup
 * taken mid-rollout would lose the later ones, a replay would duplicate them.
 */
public final class SensorLogger {
  /** How often the sensor logs a reading. */
  public static final Duration INTERVAL = Duration.ofMillis(10);

  /** What the application sets on its connection: how long a write waits for the lock. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  /** The table exists from V1 on, and no version of the sample set changes its columns. */
  static final String TABLE = "climate_readings";

  private static final Logger LOG = LoggerFactory.getLogger(SensorLogger.class);
  private static final String INSERT =
      "INSERT INTO climate_readings (zone_id, recorded_at, temperature_c, humidity_pct)"
          + " VALUES (?, ?, ?, ?)";
  private static final DateTimeFormatter READING_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final DeviceId device;
  private final Path database;
  private final Clock clock;
  private final Connection connection;
  private final PreparedStatement insert;
  private final int zoneId;

  /** The highest row id before the first reading: the logger's rows are the ones above it. */
  private final long idsBefore;

  private final Thread thread;
  private volatile boolean stopping;

  /** Writes tried so far, committed or not: read by others to know the logger is at work. */
  private final java.util.concurrent.atomic.AtomicLong attempts =
      new java.util.concurrent.atomic.AtomicLong();

  // Written by the logger's thread only; read after it ended (Thread.join orders the reads).
  private final List<String> committed = new ArrayList<>();
  private long failedWrites;
  private String firstFailure;
  private long longestWriteNanos;
  private final SplittableRandom random;
  private double temperature = 21;
  private double humidity = 45;
  private Instant lastReading = Instant.EPOCH;

  private SensorLogger(DeviceId device, Path database, Clock clock) throws SQLException {
    this.device = device;
    this.database = database;
    this.clock = clock;
    this.random = new SplittableRandom(device.value().hashCode());
    this.connection = open(database, false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
      this.zoneId = queryLong(statement, "SELECT min(id) FROM climate_zones").intValue();
      this.idsBefore = queryLong(statement, "SELECT coalesce(max(id), 0) FROM " + TABLE);
      this.insert = connection.prepareStatement(INSERT);
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
    this.thread = new Thread(this::run, "sensor-logger-" + device.value());
    this.thread.setDaemon(true);
  }

  /** Opens the device's database and starts logging on a thread of its own. */
  public static SensorLogger start(DeviceId device, Path database) throws SQLException {
    SensorLogger logger = new SensorLogger(device, database, Clock.systemUTC());
    logger.thread.start();
    return logger;
  }

  public DeviceId device() {
    return device;
  }

  /** How many readings the logger has tried to write so far. */
  long writesAttempted() {
    return attempts.get();
  }

  /**
   * Stops logging, waits for the thread to close its connection, then reads the database on a fresh
   * connection: its version and which of the readings the logger committed are there.
   */
  public WriterReport stop() throws InterruptedException {
    requestStop();
    thread.join(STOP_WAIT.toMillis());
    if (thread.isAlive()) {
      throw new IllegalStateException(
          "the sensor logger of " + device + " did not stop within " + STOP_WAIT);
    }
    return audit();
  }

  /** Lets the current write finish and ends the logging, without waiting for it. */
  void requestStop() {
    stopping = true;
  }

  private void run() {
    long intervalNanos = INTERVAL.toNanos();
    long next = System.nanoTime();
    try {
      while (!stopping) {
        writeReading();
        next += intervalNanos;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        } else {
          // Behind after a wait for the lock: carry on from now, no burst of catch-up writes.
          next = System.nanoTime();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      close();
    }
  }

  private void writeReading() {
    temperature = Math.max(-10, Math.min(40, temperature + random.nextGaussian() * 0.05));
    humidity = Math.max(15, Math.min(95, humidity + random.nextGaussian() * 0.2));
    String recordedAt = nextReadingTime();
    long began = System.nanoTime();
    try {
      insert.setInt(1, zoneId);
      insert.setString(2, recordedAt);
      insert.setDouble(3, Math.round(temperature * 10) / 10.0);
      insert.setDouble(4, Math.round(humidity * 10) / 10.0);
      insert.executeUpdate();
      committed.add(recordedAt);
    } catch (SQLException | RuntimeException e) {
      failedWrites++;
      if (firstFailure == null) {
        firstFailure = e.getMessage();
        LOG.warn("{}: the sensor's write failed: {}", device, e.getMessage());
      }
    } finally {
      longestWriteNanos = Math.max(longestWriteNanos, System.nanoTime() - began);
      attempts.incrementAndGet();
    }
  }

  /** Now, to the microsecond, and always after the previous reading: a key for every reading. */
  private String nextReadingTime() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    lastReading = now.isAfter(lastReading) ? now : lastReading.plus(1, ChronoUnit.MICROS);
    return READING_TIME.format(lastReading);
  }

  private void close() {
    try {
      insert.close();
      connection.close();
    } catch (SQLException e) {
      LOG.warn("{}: closing the sensor's connection failed", device, e);
    }
  }

  private WriterReport audit() {
    try (Connection reader = open(database, true)) {
      reader.setAutoCommit(false); // one snapshot for the version and the rows
      try (Statement statement = reader.createStatement()) {
        int version =
            queryLong(statement, "SELECT coalesce(max(version), 0) FROM flotilla_schema_history")
                .intValue();
        Map<String, Integer> present = new HashMap<>();
        try (PreparedStatement rows =
            reader.prepareStatement(
                "SELECT recorded_at, count(*) FROM "
                    + TABLE
                    + " WHERE id > ? GROUP BY recorded_at")) {
          rows.setLong(1, idsBefore);
          try (ResultSet result = rows.executeQuery()) {
            while (result.next()) {
              present.put(result.getString(1), result.getInt(2));
            }
          }
        }
        reader.rollback();
        return WriterReport.of(
            device,
            committed,
            present,
            failedWrites,
            Optional.ofNullable(firstFailure),
            Duration.ofNanos(longestWriteNanos),
            version);
      }
    } catch (SQLException e) {
      return WriterReport.unreadable(
          device,
          committed.size(),
          failedWrites,
          Optional.ofNullable(firstFailure),
          Duration.ofNanos(longestWriteNanos),
          e.getMessage());
    }
  }

  private static Connection open(Path database, boolean readOnly) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    // The device's file must exist: never create an empty database in its place.
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setReadOnly(readOnly);
    config.enforceForeignKeys(true);
    return config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
  }

  private static Long queryLong(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      if (!result.next() || result.getObject(1) == null) {
        throw new SQLException("no value for " + sql);
      }
      return result.getLong(1);
    }
  }
}
