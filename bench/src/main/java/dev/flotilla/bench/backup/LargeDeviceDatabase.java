package dev.flotilla.bench.backup;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devicedb.open.DeviceConnections;
import dev.flotilla.devkit.DemoFleet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A demo-fleet device database grown to a given size: an RV controller of the demo fleet (schema
 * version 2, its history, its two weeks of readings) whose newer firmware went on to record every
 * sensor every minute, for as long as it takes to fill the file. Tank levels (indexed), circuit
 * loads and climate readings reference their parents by foreign key; an event now and then. The
 * file is generated once per size and seed, under a name that says both, and renamed into place
 * when complete, so a later run with the same size and seed reuses it.
 */
final class LargeDeviceDatabase {
  /** Rows between two looks at the file's size. */
  private static final int ROWS_PER_CHECK = 50_000;

  private static final Instant FIRMWARE_UPDATE = Instant.parse("2026-11-01T00:00:00Z");
  private static final int TANKS = 4;
  private static final int CIRCUITS = 12;
  private static final int ZONES = 2;

  private LargeDeviceDatabase() {}

  /** The database of {@code megabytes} MB (at least) for {@code seed} in {@code dir}. */
  static Path ensure(Path dir, int megabytes, long seed) throws IOException, SQLException {
    if (megabytes < 1) {
      throw new IllegalArgumentException("megabytes must be >= 1, not " + megabytes);
    }
    Path target = dir.resolve(String.format(Locale.ROOT, "device-%dmb-seed%d.db", megabytes, seed));
    if (Files.isRegularFile(target)) {
      return target;
    }
    Files.createDirectories(dir);
    Path scratch = dir.resolve(".generating");
    WorkFiles.deleteTree(scratch);
    List<DeviceId> device = DemoFleet.generate(scratch, 1, seed);
    Path file = DemoFleet.databaseOf(scratch, device.get(0));
    grow(file, (long) megabytes * 1024 * 1024, new SplittableRandom(seed));
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
    WorkFiles.deleteTree(scratch);
    return target;
  }

  /**
   * Appends minute readings in one transaction until the file holds {@code bytes}. No journal and
   * no syncing while it grows (a crash leaves only a scratch file, deleted on the next try); the
   * database goes back to WAL, as the demo fleet's are, at the end.
   */
  private static void grow(Path file, long bytes, SplittableRandom random) throws SQLException {
    try (Connection db = DeviceConnections.readWrite(file);
        Statement statement = db.createStatement()) {
      statement.execute("PRAGMA journal_mode = OFF");
      statement.execute("PRAGMA synchronous = OFF");
      statement.execute("PRAGMA cache_size = -262144");
      db.setAutoCommit(false);
      try (PreparedStatement tank =
              db.prepareStatement(
                  "INSERT INTO tank_levels (tank_id, recorded_at, level_pct) VALUES (?, ?, ?)");
          PreparedStatement circuit =
              db.prepareStatement(
                  "INSERT INTO circuit_loads (circuit_id, recorded_at, amps) VALUES (?, ?, ?)");
          PreparedStatement climate =
              db.prepareStatement(
                  "INSERT INTO climate_readings"
                      + " (zone_id, recorded_at, temperature_c, humidity_pct) VALUES (?, ?, ?, ?)");
          PreparedStatement event =
              db.prepareStatement(
                  "INSERT INTO event_log (occurred_at, severity, source, message)"
                      + " VALUES (?, 'info', 'sensors', ?)")) {
        double[] levels = new double[TANKS];
        for (int i = 0; i < TANKS; i++) {
          levels[i] = 50;
        }
        long rows = 0;
        long nextCheck = ROWS_PER_CHECK;
        for (long minute = 1; ; minute++) {
          String at = FIRMWARE_UPDATE.plusSeconds(60 * minute).toString();
          for (int t = 0; t < TANKS; t++) {
            levels[t] = nextLevel(levels[t], t < 2, random);
            tank.setInt(1, t + 1);
            tank.setString(2, at);
            tank.setDouble(3, Math.round(levels[t] * 10) / 10.0);
            tank.addBatch();
          }
          for (int c = 0; c < CIRCUITS; c++) {
            circuit.setInt(1, c + 1);
            circuit.setString(2, at);
            circuit.setDouble(3, random.nextInt(6) == 0 ? 0 : round2(random.nextDouble() * 8));
            circuit.addBatch();
          }
          for (int z = 0; z < ZONES; z++) {
            climate.setInt(1, z + 1);
            climate.setString(2, at);
            climate.setDouble(3, Math.round((18 + random.nextGaussian() * 2) * 10) / 10.0);
            climate.setDouble(4, Math.round((45 + random.nextGaussian() * 8) * 10) / 10.0);
            climate.addBatch();
          }
          rows += TANKS + CIRCUITS + ZONES;
          if (minute % 60 == 0) {
            event.setString(1, at);
            event.setString(2, "Hourly sensor sweep " + random.nextInt(1000));
            event.addBatch();
            rows++;
          }
          if (rows >= nextCheck) {
            tank.executeBatch();
            circuit.executeBatch();
            climate.executeBatch();
            event.executeBatch();
            nextCheck = rows + ROWS_PER_CHECK;
            if (sizeOf(statement) >= bytes) {
              break;
            }
          }
        }
      }
      db.commit();
      db.setAutoCommit(true);
      statement.execute("PRAGMA journal_mode = WAL");
    }
    // The last connection closed: SQLite checkpointed and removed the WAL.
    if (Files.exists(SqliteCompanions.wal(file))) {
      throw new IllegalStateException("a WAL was left beside " + file);
    }
  }

  /** Fresh water and propane run down and get refilled; the waste tanks fill and get dumped. */
  private static double nextLevel(double level, boolean drains, SplittableRandom random) {
    double change = random.nextDouble() * 0.05;
    double next = drains ? level - change : level + change;
    if (drains && next < 10) {
      return 95 + random.nextDouble() * 5;
    }
    if (!drains && next > 90) {
      return random.nextDouble() * 5;
    }
    return Math.max(0, Math.min(100, next));
  }

  private static long sizeOf(Statement statement) throws SQLException {
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static double round2(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
