package dev.flotilla.devkit;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.DeviceFile;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A demo fleet of RV controller databases, {@code <fleet dir>/rv-0001.db} and on, and the sample
 * migration set {@value #MIGRATION_SET} that evolves them.
 *
 * <p>Every generated database is what a device provisioned before the fleet's first rollout looks
 * like: WAL mode, the sample set applied up to version {@value #GENERATED_VERSION} and recorded in
 * {@code flotilla_schema_history} (checksums of the script bytes, no command id), then one to two
 * weeks of realistic readings, events and service history. The rows follow from the seed alone.
 */
public final class DemoFleet {
  public static final String MIGRATION_SET = SampleMigrations.SET;

  /** The schema version of every generated database. */
  public static final int GENERATED_VERSION = 2;

  /** The highest version of the sample migration set. */
  public static final int LATEST_VERSION = 5;

  private DemoFleet() {}

  /**
   * Creates {@code devices} databases {@code rv-0001.db}, {@code rv-0002.db}, ... in {@code
   * fleetDir} and returns their ids in order. Each is written under a temporary name in one
   * transaction and renamed into place when complete; existing databases are never overwritten.
   *
   * @throws IllegalStateException if one of the databases already exists
   */
  public static List<DeviceId> generate(Path fleetDir, int devices, long seed) {
    if (devices < 0) {
      throw new IllegalArgumentException("devices must be >= 0, not " + devices);
    }
    List<SampleScript> migrations = SampleMigrations.migrationsUpTo(GENERATED_VERSION);
    List<DeviceId> generated = new ArrayList<>(devices);
    try {
      Files.createDirectories(fleetDir);
      for (int index = 1; index <= devices; index++) {
        DeviceId device = DeviceId.of(String.format(Locale.ROOT, "rv-%04d", index));
        generateDevice(fleetDir, device, migrations, deviceRandom(seed, index));
        generated.add(device);
      }
      FileSync.directory(fleetDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot generate the demo fleet in " + fleetDir, e);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot generate the demo fleet in " + fleetDir, e);
    }
    return List.copyOf(generated);
  }

  /** Where device {@code device} of a fleet lives ({@link DeviceFile}). */
  public static Path databaseOf(Path fleetDir, DeviceId device) {
    return DeviceFile.in(fleetDir, device).path();
  }

  /**
   * Copies the sample migration set (its {@code V}, {@code U}, {@code C} and {@code P} scripts) to
   * {@code targetDir/coachiq}, replacing files of the same name, and returns that folder.
   */
  public static Path sampleMigrations(Path targetDir) {
    Path folder = targetDir.resolve(MIGRATION_SET);
    try {
      Files.createDirectories(folder);
      for (SampleScript script : SampleMigrations.all()) {
        Path temp = folder.resolve("." + script.fileName() + ".tmp");
        Files.write(temp, script.bytes());
        Files.move(
            temp,
            folder.resolve(script.fileName()),
            StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy the sample migrations to " + folder, e);
    }
    return folder;
  }

  /**
   * Damages a database the way a failing flash card would: the first page of the index on tank
   * readings is overwritten with noise. {@code PRAGMA quick_check} then reports errors (as rows),
   * the schema history still reads, and queries on tank levels fail as "malformed". For the demo's
   * broken device and for corruption tests. The database must not be open elsewhere.
   */
  public static void corrupt(Path dbFile) {
    if (!Files.isRegularFile(dbFile)) {
      throw new IllegalArgumentException(dbFile + " is not a database file");
    }
    int pageSize;
    int rootPage;
    try (Connection connection = DeviceConnections.readWrite(dbFile);
        Statement statement = connection.createStatement()) {
      // Fold the WAL into the file so the damaged page is the one SQLite reads.
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      pageSize = queryInt(statement, "PRAGMA page_size");
      rootPage =
          queryInt(
              statement,
              "SELECT rootpage FROM sqlite_master WHERE name = 'idx_tank_levels_tank_time'");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read " + dbFile + " to corrupt it", e);
    }
    byte[] garbage = new byte[pageSize / 2];
    new SplittableRandom(rootPage).nextBytes(garbage);
    try (FileChannel file = FileChannel.open(dbFile, StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap(garbage), (long) (rootPage - 1) * pageSize);
      file.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot corrupt " + dbFile, e);
    }
  }

  private static void generateDevice(
      Path fleetDir, DeviceId device, List<SampleScript> migrations, SplittableRandom random)
      throws IOException, SQLException {
    Path target = databaseOf(fleetDir, device);
    if (Files.exists(target)) {
      throw new IllegalStateException(
          target + " already exists: generate the demo fleet into an empty directory");
    }
    Path temp = fleetDir.resolve("." + device.value() + ".db.generating");
    deleteLeftovers(temp);
    try (Connection connection = DeviceConnections.create(temp)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
      }
      connection.setAutoCommit(false);
      applyWithHistory(connection, migrations);
      CoachData.insert(connection, random, device.value());
      connection.commit();
    }
    // The last connection closed: the WAL is checkpointed into the file and removed.
    FileSync.file(temp);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void applyWithHistory(Connection connection, List<SampleScript> migrations)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (SampleScript script : migrations) {
        long begin = System.nanoTime();
        // sqlite-jdbc runs every statement of the script, trigger bodies included.
        statement.executeUpdate(script.sql());
        SchemaHistory.record(
            connection,
            new AppliedMigration(
                VersionId.of(script.version()),
                script.description(),
                script.sha256(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                (System.nanoTime() - begin) / 1_000_000,
                null));
      }
    }
  }

  private static int queryInt(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      if (!result.next()) {
        throw new SQLException("No result for " + sql);
      }
      return result.getInt(1);
    }
  }

  /** A half-written database from an interrupted run; only our own temporary names. */
  private static void deleteLeftovers(Path temp) throws IOException {
    for (Path file : SqliteCompanions.withCompanions(temp)) {
      Files.deleteIfExists(file);
    }
  }

  /** Device {@code index}'s rows depend on the seed and the index only, not on fleet size. */
  private static SplittableRandom deviceRandom(long seed, int index) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
  }
}
