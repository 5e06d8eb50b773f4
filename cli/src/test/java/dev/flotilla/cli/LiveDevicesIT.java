package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices keep running: on every device of the fleet, in WAL and in rollback-journal mode, the
 * application is a process of its own ({@link WritingApplications}) that commits a reading every 10
 * ms (busy timeout 5 s) from before the rollout starts until after it ended, while the services,
 * each a process too, back the device up, migrate, verify and, when verification fails, try to
 * restore it, over a real broker. The application must lose no write, see none fail, and keep the
 * journal mode it chose; the migration must hold the write lock for a measured, reported window;
 * and a restore must never throw away what the application wrote since the backup.
 *
 * <p>The devices run the chat application of {@link ChatFleet}, which also logs sensor readings:
 * {@code readings}, a few tens of thousands of rows per device, in which each live reading carries
 * the application's key ({@code seq}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveDevicesIT {
  /** V2 adds a column and an index over every reading: a migration of some tens of ms. */
  private static final MigrationSetId INDEXED = MigrationSetId.of("readings-indexed");

  /** V2 adds Fahrenheit and gets it wrong on purpose; C2 finds out, so the device is restored. */
  private static final MigrationSetId MISCONVERTED = MigrationSetId.of("readings-fahrenheit");

  private static final List<String> JOURNAL_MODES = List.of("wal", "delete");
  private static final int DEVICES_PER_MODE = 4;
  private static final int READINGS_PER_DEVICE = 50_000;
  private static final Duration TICK = Duration.ofMillis(10);
  private static final Duration LONG = Duration.ofSeconds(90);

  private static final String READINGS =
      """
      CREATE TABLE readings (
        id       INTEGER PRIMARY KEY,
        sensor   TEXT    NOT NULL,
        taken_at TEXT    NOT NULL,
        celsius  REAL    NOT NULL,
        seq      INTEGER
      );
      """;

  /** A live reading, as the application writes it: its key is {@code seq}. */
  private static final String INSERT_READING =
      "INSERT INTO readings (sensor, taken_at, celsius, seq)"
          + " VALUES ('cabin', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 21.5, ?)";

  /** The readings a device already holds, logged every 30 s from the fleet's first day. */
  private static final String PAST_READINGS =
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < "
          + READINGS_PER_DEVICE
          + ")\n"
          + "INSERT INTO readings (sensor, taken_at, celsius)\n"
          + "SELECT 'sensor-' || (i % 12),"
          + " strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-05 07:00:00', '+' || (i * 30) || ' seconds'),"
          + " round(12 + (i * 7919 % 150) / 10.0, 1)\n"
          + "FROM n";

  private static final String ADD_QUALITY_AND_INDEX =
      """
      ALTER TABLE readings ADD COLUMN quality TEXT NOT NULL DEFAULT 'ok';
      CREATE INDEX readings_sensor_taken_at ON readings (sensor, taken_at);
      """;

  /** Forgets the + 32. */
  private static final String ADD_FAHRENHEIT_WRONGLY =
      """
      ALTER TABLE readings ADD COLUMN fahrenheit REAL;
      UPDATE readings SET fahrenheit = celsius * 9.0 / 5;
      """;

  private static final String CHECK_FAHRENHEIT =
      "SELECT id, celsius, fahrenheit FROM readings"
          + " WHERE abs(fahrenheit - (celsius * 9.0 / 5 + 32)) > 0.01;\n";

  @TempDir static Path work;
  private RunningSuite suite;
  private final Map<DeviceId, String> journalModes = new LinkedHashMap<>();
  private List<DeviceId> indexed;
  private List<DeviceId> misconverted;

  @BeforeAll
  void startTheSuite() throws Exception {
    suite = RunningSuite.in(work);
    Path sets = work.resolve("sets");
    String v1 = ChatFleet.V1 + READINGS;
    MigrationScript indexedV1 =
        ChatFleet.v1Of(
            suite.push(
                INDEXED,
                ChatFleet.writeSet(
                    sets.resolve("indexed"),
                    Map.of(
                        "V1__init.sql", v1,
                        "V2__reading_quality.sql", ADD_QUALITY_AND_INDEX))));
    MigrationScript misconvertedV1 =
        ChatFleet.v1Of(
            suite.push(
                MISCONVERTED,
                ChatFleet.writeSet(
                    sets.resolve("misconverted"),
                    Map.of(
                        "V1__init.sql", v1,
                        "V2__fahrenheit.sql", ADD_FAHRENHEIT_WRONGLY,
                        "C2__fahrenheit.sql", CHECK_FAHRENHEIT))));

    indexed = provision("migrating", indexedV1, 20261206);
    misconverted = provision("restoring", misconvertedV1, 20261207);

    suite.startServices();
    suite.awaitInventoryOf(journalModes.keySet(), LONG);
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void everyDeviceMigratesWhileItsApplicationWrites() throws Exception {
    Map<DeviceId, WritingApplications.Written> written;
    RolloutId rollout;
    try (WritingApplications applications = startApplications(indexed)) {
      rollout = start(INDEXED, indexed);
      awaitFinished(rollout);
      written = applications.stop();
    }

    SoftAssertions softly = new SoftAssertions();
    Map<DeviceId, Long> lockWindows = new TreeMap<>();
    for (DeviceId device : indexed) {
      Path db = db(device);
      DeviceFinished end = suite.finishOf(rollout, device);
      WritingApplications.Written application = written.get(device);
      softly
          .assertThat(end.outcome())
          .as("%s: %s", device, end.reasons())
          .isEqualTo(DeviceOutcome.DONE);
      softly
          .assertThat(end.version())
          .as("%s: version reported", device)
          .isEqualTo(VersionId.of(2));
      softly
          .assertThat(DeviceFiles.version(db))
          .as("%s: version in its history", device)
          .isEqualTo(2);
      softly.assertThat(ChatFleet.columns(db, "readings")).as("%s", device).endsWith("quality");
      assertEveryCommittedKeyOnce(softly, device, application);
      softly
          .assertThat(application.failedAWrite())
          .as("%s: the application failed a write:%n%s", device, application.output())
          .isFalse();
      softly
          .assertThat(ChatFleet.journalMode(db))
          .as("%s", device)
          .isEqualTo(journalModes.get(device));
      softly.assertThat(DeviceFiles.integrityCheck(db)).as("%s", device).containsExactly("ok");

      List<MigrationsApplied> applied = migrationsApplied(rollout, device);
      softly
          .assertThat(applied)
          .as("%s: MigrationsApplied in its StepCompleted", device)
          .isNotEmpty();
      for (MigrationsApplied migration : applied) {
        softly
            .assertThat(migration.lockWindowMillis())
            .as("%s: lockWindowMillis", device)
            .isNotNull()
            .isPositive();
        // The application went on writing once the migration let go of the lock.
        softly
            .assertThat(lastLiveReading(db))
            .as("%s: the application's last reading", device)
            .isAfter(migration.occurredAt());
      }
      lockWindows.put(
          device,
          applied.stream()
              .map(MigrationsApplied::lockWindowMillis)
              .filter(w -> w != null)
              .mapToLong(Long::longValue)
              .max()
              .orElse(-1));
    }
    for (String mode : JOURNAL_MODES) {
      List<DeviceId> ofMode =
          indexed.stream().filter(d -> journalModes.get(d).equals(mode)).toList();
      DeviceId widest = ofMode.stream().max(Comparator.comparing(lockWindows::get)).orElseThrow();
      System.out.printf(
          "LiveDevicesIT: journal mode %s: longest lock window %d ms (%s); per device, lock window"
              + " / the application's longest write: %s%n",
          mode,
          lockWindows.get(widest),
          widest,
          ofMode.stream()
              .map(
                  d ->
                      d
                          + " "
                          + lockWindows.get(d)
                          + " / "
                          + written.get(d).longestWriteMillis()
                          + " ms")
              .toList());
    }
    softly.assertAll();
  }

  @Test
  void aRestoreNeverDiscardsWhatTheApplicationWroteSinceTheBackup() throws Exception {
    Map<DeviceId, WritingApplications.Written> written;
    RolloutId rollout;
    try (WritingApplications applications = startApplications(misconverted)) {
      rollout = start(MISCONVERTED, misconverted);
      awaitFinished(rollout);
      written = applications.stop();
    }

    SoftAssertions softly = new SoftAssertions();
    for (DeviceId device : misconverted) {
      Path db = db(device);
      DeviceFinished end = suite.finishOf(rollout, device);
      WritingApplications.Written application = written.get(device);
      softly
          .assertThat(suite.stepsFor(rollout, device))
          .as("%s: steps", device)
          .contains(Step.VERIFY, Step.RESTORE);
      softly
          .assertThat(end.outcome())
          .as("%s: %s", device, end.reasons())
          .isEqualTo(DeviceOutcome.NEEDS_ATTENTION);
      softly
          .assertThat(String.join(" ", end.reasons()))
          .as("%s: reasons", device)
          .contains("written since the backup");
      // Nothing was restored: the database is as the migration and the application left it.
      softly
          .assertThat(DeviceFiles.version(db))
          .as("%s: version in its history", device)
          .isEqualTo(2);
      assertEveryCommittedKeyOnce(softly, device, application);
      softly
          .assertThat(application.failedAWrite())
          .as("%s: the application failed a write:%n%s", device, application.output())
          .isFalse();
      softly
          .assertThat(ChatFleet.journalMode(db))
          .as("%s", device)
          .isEqualTo(journalModes.get(device));

      softly.assertThat(end.backupId()).as("%s: the backup named", device).isNotNull();
      if (end.backupId() != null) {
        List<Path> backup = filesUnder(suite.backups(), end.backupId().value() + ".db");
        softly
            .assertThat(backup)
            .as("%s: backup %s under %s", device, end.backupId(), suite.backups())
            .hasSize(1);
        if (backup.size() == 1) {
          softly
              .assertThat(DeviceFiles.version(ChatFleet.readOnly(backup.get(0))))
              .as("%s: the version its backup holds", device)
              .isEqualTo(1);
        }
      }
    }
    softly.assertAll();
  }

  /**
   * Creates {@value #DEVICES_PER_MODE} devices per journal mode at version 1, {@code
   * <prefix>-<mode>-<n>}, each with its past readings.
   */
  private List<DeviceId> provision(String prefix, MigrationScript v1, long seed) throws Exception {
    List<DeviceId> devices = new ArrayList<>();
    for (String mode : JOURNAL_MODES) {
      List<DeviceId> ofMode =
          IntStream.rangeClosed(1, DEVICES_PER_MODE)
              .mapToObj(i -> DeviceId.of(prefix + "-" + mode + "-" + i))
              .toList();
      ChatFleet.generate(suite.fleet(), ofMode, v1, seed + devices.size());
      for (DeviceId device : ofMode) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db(device));
            Statement s = c.createStatement()) {
          // The application's choice, made once when it set the device up.
          s.execute("PRAGMA journal_mode = " + mode);
          s.executeUpdate(PAST_READINGS);
        }
        assertThat(ChatFleet.journalMode(db(device))).isEqualTo(mode);
        assertThat(DeviceFiles.rowCounts(db(device)).get("readings"))
            .isEqualTo(READINGS_PER_DEVICE);
        journalModes.put(device, mode);
      }
      devices.addAll(ofMode);
    }
    return List.copyOf(devices);
  }

  private WritingApplications startApplications(List<DeviceId> devices) throws Exception {
    Map<DeviceId, Path> databases = new LinkedHashMap<>();
    for (DeviceId device : devices) {
      databases.put(device, db(device));
    }
    return WritingApplications.start(work.resolve("applications"), databases, INSERT_READING, TICK);
  }

  /**
   * Every key the application saw committed is in {@code readings} exactly once, no other live
   * reading is, and none of the past readings went missing.
   */
  private void assertEveryCommittedKeyOnce(
      SoftAssertions softly, DeviceId device, WritingApplications.Written application)
      throws SQLException {
    Map<Long, Long> stored = liveReadingKeys(db(device));
    Set<Long> committed = new HashSet<>(application.keys());
    softly
        .assertThat(application.keys())
        .as("%s: keys the application committed", device)
        .isNotEmpty();
    softly
        .assertThat(ranges(application.keys().stream().filter(k -> !stored.containsKey(k))))
        .as("%s: of %d committed readings these are missing", device, application.keys().size())
        .isEmpty();
    softly
        .assertThat(
            ranges(stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)))
        .as("%s: readings stored more than once", device)
        .isEmpty();
    softly
        .assertThat(ranges(stored.keySet().stream().filter(k -> !committed.contains(k))))
        .as("%s: readings stored that the application never saw committed", device)
        .isEmpty();
    softly
        .assertThat(DeviceFiles.rowCounts(db(device)).get("readings"))
        .as("%s: readings in all", device)
        .isEqualTo(READINGS_PER_DEVICE + stored.values().stream().mapToLong(n -> n).sum());
  }

  /** Keys as runs, {@code 211-494 (284 keys)}, so that a failure names thousands in a line. */
  private static String ranges(Stream<Long> keys) {
    List<Long> sorted = keys.sorted().toList();
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < sorted.size(); ) {
      int end = i;
      while (end + 1 < sorted.size() && sorted.get(end + 1) == sorted.get(end) + 1) {
        end++;
      }
      runs.add(i == end ? "" + sorted.get(i) : sorted.get(i) + "-" + sorted.get(end));
      i = end + 1;
    }
    return sorted.isEmpty() ? "" : String.join(", ", runs) + " (" + sorted.size() + " keys)";
  }

  /** How many times each live reading's key is stored. */
  private static Map<Long, Long> liveReadingKeys(Path db) throws SQLException {
    Map<Long, Long> counts = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ChatFleet.readOnly(db));
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT seq, count(*) FROM readings WHERE seq IS NOT NULL GROUP BY seq")) {
      while (r.next()) {
        counts.put(r.getLong(1), r.getLong(2));
      }
    }
    return counts;
  }

  private static Instant lastLiveReading(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ChatFleet.readOnly(db));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT max(taken_at) FROM readings WHERE seq IS NOT NULL")) {
      return r.getString(1) == null ? Instant.EPOCH : Instant.parse(r.getString(1));
    }
  }

  private static List<Path> filesUnder(Path dir, String name) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.getFileName().toString().equals(name)).toList();
    }
  }

  private RolloutId start(MigrationSetId set, List<DeviceId> devices) {
    return suite.start(
        "it-live",
        set,
        2,
        devices,
        RolloutPolicy.DEFAULT
            .withMaxInFlight(devices.size())
            .withStepTimeoutSeconds(60)
            // A safety check that meets the application's commit defers the device: not long.
            .withSafetyRetry(1, 60));
  }

  private void awaitFinished(RolloutId rollout) {
    suite.awaitFinished(rollout, LONG);
  }

  /** The replies to the device's migration, as the coordinator logged them in StepCompleted. */
  private List<MigrationsApplied> migrationsApplied(RolloutId rollout, DeviceId device) {
    return suite.eventsOf(rollout).stream()
        .filter(StepCompleted.class::isInstance)
        .map(e -> ((StepCompleted) e).reply())
        .filter(MigrationsApplied.class::isInstance)
        .map(MigrationsApplied.class::cast)
        .filter(a -> a.deviceId().equals(device))
        .toList();
  }

  private Path db(DeviceId device) {
    return ChatFleet.db(suite.fleet(), device);
  }
}
