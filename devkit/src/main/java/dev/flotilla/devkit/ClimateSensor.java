package dev.flotilla.devkit;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.open.DeviceConnections;
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
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The application of a demo fleet's device that never stops writing: a climate sensor logging a
 * reading into {@code climate_readings} (a table from V1 on, whose columns no version of the sample
 * set changes), for an {@link ApplicationWriter}. Each INSERT names its columns, so it keeps
 * working when a migration adds columns or tables. Each reading's {@code recorded_at} is unique
 * (microseconds, strictly increasing) and is its key, so that {@link #present} can tell by query
 * whether every committed reading is in the database exactly once: a restore from a backup taken
 * mid-rollout would lose the later ones, a replay would duplicate them.
 */
public final class ClimateSensor implements ApplicationWriter.Rows<String> {
  /** How often the sensor logs a reading. */
  public static final Duration INTERVAL = Duration.ofMillis(10);

  private static final String TABLE = "climate_readings";
  private static final DateTimeFormatter READING_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final SplittableRandom random;
  private final int zoneId;

  /** The highest row id before the first reading: the sensor's rows are the ones above it. */
  private final long idsBefore;

  private double temperature = 21;
  private double humidity = 45;
  private Instant lastReading = Instant.EPOCH;

  private ClimateSensor(Clock clock, SplittableRandom random, int zoneId, long idsBefore) {
    this.clock = clock;
    this.random = random;
    this.zoneId = zoneId;
    this.idsBefore = idsBefore;
  }

  /** The sensor of {@code device}, logging into its first climate zone from now on. */
  public static ClimateSensor of(DeviceId device, Path database) throws SQLException {
    try (Connection db = DeviceConnections.readOnly(database);
        Statement statement = db.createStatement()) {
      return new ClimateSensor(
          Clock.systemUTC(),
          new SplittableRandom(device.value().hashCode()),
          (int) queryLong(statement, "SELECT min(id) FROM climate_zones"),
          queryLong(statement, "SELECT coalesce(max(id), 0) FROM " + TABLE));
    }
  }

  @Override
  public String insert() {
    return "INSERT INTO climate_readings (zone_id, recorded_at, temperature_c, humidity_pct)"
        + " VALUES (?, ?, ?, ?)";
  }

  @Override
  public String bind(PreparedStatement insert, long n) throws SQLException {
    temperature = Math.max(-10, Math.min(40, temperature + random.nextGaussian() * 0.05));
    humidity = Math.max(15, Math.min(95, humidity + random.nextGaussian() * 0.2));
    String recordedAt = nextReadingTime();
    insert.setInt(1, zoneId);
    insert.setString(2, recordedAt);
    insert.setDouble(3, Math.round(temperature * 10) / 10.0);
    insert.setDouble(4, Math.round(humidity * 10) / 10.0);
    return recordedAt;
  }

  /** How often each reading time occurs among the rows added since the sensor started. */
  public Map<String, Integer> present(Connection db) throws SQLException {
    Map<String, Integer> present = new HashMap<>();
    try (PreparedStatement rows =
        db.prepareStatement(
            "SELECT recorded_at, count(*) FROM " + TABLE + " WHERE id > ? GROUP BY recorded_at")) {
      rows.setLong(1, idsBefore);
      try (ResultSet result = rows.executeQuery()) {
        while (result.next()) {
          present.put(result.getString(1), result.getInt(2));
        }
      }
    }
    return present;
  }

  /** Now, to the microsecond, and always after the previous reading: a key for every reading. */
  private String nextReadingTime() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    lastReading = now.isAfter(lastReading) ? now : lastReading.plus(1, ChronoUnit.MICROS);
    return READING_TIME.format(lastReading);
  }

  private static long queryLong(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      if (!result.next() || result.getObject(1) == null) {
        throw new SQLException("no value for " + sql);
      }
      return result.getLong(1);
    }
  }
}
