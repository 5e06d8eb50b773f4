package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.devicedb.foreign.ForeignHistory;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.RowSnapshot;
import dev.flotilla.testsupport.library.ForeignSchemaLibrary;
import dev.flotilla.testsupport.tool.ToolHistoryTables;
import dev.flotilla.testsupport.tool.ToolMadeDatabase;
import dev.flotilla.testsupport.tool.ToolMigration;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet Flotilla did not make: device databases a library application migrated with Flyway
 * (versions 1, 1.1, 2, 3, 3.1), one of a second application that migrates with sqlx (timestamped
 * versions), and one of another application whose tables only bear the library's names. The
 * operator pushes each tool's folder as it is, counts the fleet, and rolls out to the top version:
 * Flotilla adopts every tool-made database at the version its schema and its tool's history prove,
 * keeps every row, and leaves the tool's history as the tool itself would have left it, so the
 * application that migrates itself at startup finds nothing to run; the foreign database is skipped
 * untouched, to the byte. Then the operator takes the Flyway devices back down to version 2, and
 * the application's own Flyway can take them up again.
 *
 * <p>Everything goes through the public surface: {@code flotilla migrations push}, {@code flotilla
 * fleet census}, update requests as JSON through {@code flotilla publish}, and the events on {@code
 * flotilla.events}. The steps build on each other, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BringYourFleetIT {
  private static final String LIBRARY = "library";
  private static final String LIBRARY_SQLX = "library-sqlx";
  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(4);

  /** The Flyway application's devices and the version Flyway left each at. */
  private static final Map<DeviceId, VersionId> FLYWAY_MADE = new LinkedHashMap<>();

  static {
    FLYWAY_MADE.put(DeviceId.of("byf-fw-1"), VersionId.parse("1.1"));
    FLYWAY_MADE.put(DeviceId.of("byf-fw-2"), VersionId.parse("2"));
    FLYWAY_MADE.put(DeviceId.of("byf-fw-3"), VersionId.parse("2"));
    FLYWAY_MADE.put(DeviceId.of("byf-fw-4"), VersionId.parse("2"));
    FLYWAY_MADE.put(DeviceId.of("byf-fw-5"), VersionId.parse("3"));
    FLYWAY_MADE.put(DeviceId.of("byf-fw-6"), VersionId.parse("3"));
  }

  private static final DeviceId SQLX_MADE = DeviceId.of("byf-sqlx-1");
  private static final VersionId SQLX_MADE_AT = VersionId.parse("20240612080000");
  private static final DeviceId FOREIGN = DeviceId.of("byf-foreign");
  private static final VersionId DOWN_TO = VersionId.parse("2");

  @TempDir static Path work;
  private RunningSuite suite;
  private ToolMadeFleet flyway;
  private ToolMadeFleet sqlx;
  private DeviceFiles.DatabaseBytes foreignBefore;
  private final Map<DeviceId, RowSnapshot> rowsBefore = new HashMap<>();

  @BeforeAll
  void aFleetTheApplicationsMigratedThemselves() throws Exception {
    suite = RunningSuite.in(work);
    flyway = ToolMadeFleet.of(ForeignTool.FLYWAY, FixtureFolders.of("flyway"));
    sqlx = ToolMadeFleet.of(ForeignTool.SQLX, FixtureFolders.of("sqlx"));
    Files.createDirectories(suite.fleet());
    FLYWAY_MADE.forEach((device, version) -> flyway.device(suite.db(device), version));
    FLYWAY_MADE
        .keySet()
        .forEach(device -> rowsBefore.put(device, RowSnapshot.of(suite.db(device))));
    DeviceFiles.execute(suite.db(FOREIGN), "PRAGMA journal_mode = WAL");
    ForeignSchemaLibrary.create(suite.db(FOREIGN));
    foreignBefore = DeviceFiles.bytes(suite.db(FOREIGN));

    suite.startServices();
    List<DeviceId> fleet = new ArrayList<>(FLYWAY_MADE.keySet());
    fleet.add(FOREIGN);
    suite.awaitInventoryOf(fleet, Duration.ofMinutes(2));
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  @Order(1)
  void pushTakesEachToolsFolderAsTheToolLaysItOut() throws Exception {
    // The Flyway application's repeatable view is its own to apply: the devices have none.
    var library =
        suite.flotilla(
            "migrations",
            "push",
            "--set",
            LIBRARY,
            flyway.folder().toString(),
            "--skip-repeatables");
    var librarySqlx =
        suite.flotilla("migrations", "push", "--set", LIBRARY_SQLX, sqlx.folder().toString());
    var list = suite.flotilla("migrations", "list", "--set", LIBRARY, "--json");

    assertThat(library.exitCode()).as(library.output()).isZero();
    assertThat(librarySqlx.exitCode()).as(librarySqlx.output()).isZero();
    assertThat(list.exitCode()).as(list.output()).isZero();
    JsonArray versions =
        new JsonObject(list.stdout())
            .getJsonArray("sets")
            .getJsonObject(0)
            .getJsonArray("versions");
    assertThat(versions.stream().map(v -> String.valueOf(((JsonObject) v).getValue("version"))))
        .containsExactly("1", "1.1", "2", "3", "3.1");
  }

  /**
   * The census reads the fleet folder: the Flyway devices are adoptable at the version Flyway left
   * them at, the foreign one fits no version, and the devices are counted per version.
   */
  @Test
  @Order(2)
  void theCensusCountsTheFlywayDevicesByVersionAndTheForeignOneAsUnknown() throws Exception {
    var census = suite.flotilla("fleet", "census", "--set", LIBRARY, "--json");

    assertThat(census.exitCode()).as(census.output()).isZero();
    Census read = Census.of(new JsonObject(census.stdout()));
    SoftAssertions soft = new SoftAssertions();
    FLYWAY_MADE.forEach(
        (device, version) -> {
          soft.assertThat(read.statusOf(device)).as("%s", device).isEqualTo("adoptable");
          soft.assertThat(read.versionOf(device)).as("%s", device).isEqualTo(version.toString());
        });
    soft.assertThat(read.statusOf(FOREIGN)).isEqualTo("unknown-schema");
    soft.assertThat(read.versionOf(FOREIGN)).isNull();
    soft.assertThat(read.devicesByVersion())
        .containsExactlyInAnyOrderEntriesOf(Map.of("1.1", 1L, "2", 3L, "3", 2L));
    soft.assertThat(read.statuses())
        .containsEntry("adoptable", 6L)
        .containsEntry("unknown-schema", 1L);
    soft.assertAll();
  }

  @Test
  @Order(3)
  void theRolloutAdoptsEveryFlywayDeviceKeepsItsRowsAndWritesFlywaysHistoryAsFlywayWould()
      throws Exception {
    VersionId top = flyway.top();
    List<DeviceId> selected = new ArrayList<>(FLYWAY_MADE.keySet());
    selected.add(FOREIGN);

    RolloutId rollout = publish(LIBRARY, top, selected);
    List<RolloutEvent> log = suite.awaitEnd(rollout, ROLLOUT_TIMEOUT);

    RolloutFinished finished = finishedOf(log);
    List<List<String>> flywayWouldHaveWritten = flyway.historyAt(top, reference());
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(finished.counts().done()).as(outcomes(log)).isEqualTo(FLYWAY_MADE.size());
    soft.assertThat(finished.counts().skipped()).as(outcomes(log)).isEqualTo(1);
    for (DeviceId device : FLYWAY_MADE.keySet()) {
      Path db = suite.db(device);
      DeviceFinished end = RunningSuite.finishOf(log, device);
      soft.assertThat(end.outcome())
          .as("%s: %s", device, end.reasons())
          .isEqualTo(DeviceOutcome.DONE);
      soft.assertThat(end.version()).as("%s", device).isEqualTo(top);
      soft.assertThat(rowsBefore.get(device).lostOrChangedIn(db)).as("%s", device).isEmpty();
      ForeignHistory history = toolHistory(db, ForeignTool.FLYWAY);
      soft.assertThat(history.anomalies()).as("%s", device).isEmpty();
      soft.assertThat(history.versions())
          .as("%s", device)
          .containsExactly("1", "1.1", "2", "3", "3.1");
      soft.assertThat(historyWithoutClock(db, ForeignTool.FLYWAY))
          .as("%s: Flyway's history, but for its clock", device)
          .isEqualTo(flywayWouldHaveWritten);
      soft.assertThat(flotillaVersion(db)).as("%s: Flotilla's history", device).isEqualTo(top);
      soft.assertThat(DeviceFiles.integrityCheck(db)).as("%s", device).containsExactly("ok");
      soft.assertThat(DeviceFiles.rows(db, "PRAGMA foreign_key_check")).as("%s", device).isEmpty();
    }
    DeviceFinished foreign = RunningSuite.finishOf(log, FOREIGN);
    soft.assertThat(foreign.outcome()).isEqualTo(DeviceOutcome.SKIPPED);
    soft.assertThat(String.join(" ", foreign.reasons())).contains("unknown-schema");
    soft.assertThat(RunningSuite.stepsOf(log, FOREIGN)).containsExactly(Step.SAFETY_CHECK);
    soft.assertThat(DeviceFiles.bytes(suite.db(FOREIGN))).isEqualTo(foreignBefore);
    soft.assertAll();
  }

  /**
   * A device of the second application joins, announced by the migration worker that starts with
   * it. It comes after the census on purpose: its schema at {@code 20240612080000} is the library's
   * version 2 too, and whether a census of the Flyway set counts a sqlx database is not this test's
   * question.
   */
  @Test
  @Order(4)
  void aDeviceTheSqlxApplicationMigratedIsAdoptedAndItsHistoryKeptAsSqlxWould() throws Exception {
    Path db = sqlx.device(suite.db(SQLX_MADE), SQLX_MADE_AT);
    RowSnapshot before = RowSnapshot.of(db);
    suite.startMigrationWorker("b");
    suite.awaitInventoryOf(List.of(SQLX_MADE), Duration.ofMinutes(2));
    VersionId top = sqlx.top();

    RolloutId rollout = publish(LIBRARY_SQLX, top, List.of(SQLX_MADE));
    List<RolloutEvent> log = suite.awaitEnd(rollout, ROLLOUT_TIMEOUT);

    DeviceFinished end = RunningSuite.finishOf(log, SQLX_MADE);
    assertThat(end.outcome()).as("%s", end.reasons()).isEqualTo(DeviceOutcome.DONE);
    assertThat(end.version()).isEqualTo(top);
    assertThat(before.lostOrChangedIn(db)).isEmpty();
    ForeignHistory history = toolHistory(db, ForeignTool.SQLX);
    assertThat(history.anomalies()).isEmpty();
    assertThat(history.versions().stream().map(VersionId::parse).toList())
        .containsExactlyElementsOf(sqlx.versions());
    assertThat(historyWithoutClock(db, ForeignTool.SQLX))
        .as("sqlx's history, but for its clock")
        .isEqualTo(sqlx.historyAt(top, reference()));
    assertThat(flotillaVersion(db)).isEqualTo(top);
    assertThat(DeviceFiles.integrityCheck(db)).containsExactly("ok");
  }

  @Test
  @Order(5)
  void aDowngradeRunsTheUndoScriptsKeepsTheRowsAndPutsFlywaysHistoryBackInStep() throws Exception {
    Map<DeviceId, RowSnapshot> atTop = new HashMap<>();
    FLYWAY_MADE.keySet().forEach(device -> atTop.put(device, RowSnapshot.of(suite.db(device))));
    List<DeviceId> selected = List.copyOf(FLYWAY_MADE.keySet());

    RolloutId rollout = publish(LIBRARY, DOWN_TO, selected);
    List<RolloutEvent> log = suite.awaitEnd(rollout, ROLLOUT_TIMEOUT);

    List<List<String>> flywayAtTwo = flyway.historyAt(DOWN_TO, reference());
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(finishedOf(log).counts().done()).as(outcomes(log)).isEqualTo(selected.size());
    for (DeviceId device : selected) {
      Path db = suite.db(device);
      DeviceFinished end = RunningSuite.finishOf(log, device);
      soft.assertThat(end.outcome())
          .as("%s: %s", device, end.reasons())
          .isEqualTo(DeviceOutcome.DONE);
      soft.assertThat(end.version()).as("%s", device).isEqualTo(DOWN_TO);
      soft.assertThat(RunningSuite.stepsOf(log, device)).as("%s", device).contains(Step.VERIFY);
      soft.assertThat(atTop.get(device).lostOrChangedIn(db)).as("%s", device).isEmpty();
      soft.assertThat(historyWithoutClock(db, ForeignTool.FLYWAY))
          .as("%s: Flyway's history after the undo", device)
          .isEqualTo(flywayAtTwo);
      soft.assertThat(toolHistory(db, ForeignTool.FLYWAY).anomalies()).as("%s", device).isEmpty();
      soft.assertThat(flotillaVersion(db)).as("%s: Flotilla's history", device).isEqualTo(DOWN_TO);
      // U3.1 dropped the partial index; U3 gave book its nullable year back.
      soft.assertThat(
              DeviceFiles.count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'loan_open'"))
          .as("%s", device)
          .isZero();
      soft.assertThat(
              DeviceFiles.count(
                  db, "SELECT \"notnull\" FROM pragma_table_info('book') WHERE name = 'published'"))
          .as("%s", device)
          .isZero();
    }
    soft.assertAll();

    // The application starts, and its own Flyway runs what its history says is pending: the
    // partial index of 3.1 could not be made twice, so this also proves the undo really ran.
    Path db = suite.db(selected.get(0));
    RowSnapshot before = RowSnapshot.of(db);
    List<VersionId> applied =
        toolHistory(db, ForeignTool.FLYWAY).versions().stream().map(VersionId::parse).toList();
    List<ToolMigration> pending =
        flyway.upTo(flyway.top()).stream()
            .filter(up -> !applied.contains(VersionId.parse(up.version())))
            .toList();
    assertThat(pending).extracting(ToolMigration::version).containsExactly("3", "3.1");
    ToolMadeDatabase.migrate(db, ForeignTool.FLYWAY, pending);
    assertThat(historyWithoutClock(db, ForeignTool.FLYWAY))
        .isEqualTo(flyway.historyAt(flyway.top(), reference()));
    assertThat(before.lostOrChangedIn(db)).isEmpty();
  }

  /**
   * Publishes an update request written as an operator writes it, through {@code flotilla publish}.
   */
  private RolloutId publish(String set, VersionId target, List<DeviceId> devices) throws Exception {
    String id = "byf-" + set + "-" + target + "-" + UUID.randomUUID().toString().substring(0, 8);
    JsonObject request =
        new JsonObject()
            .put("type", "UpdateRequest")
            .put("schema", 3)
            .put("rolloutId", id)
            .put("migrationSet", set)
            .put("targetVersion", target.toString())
            .put(
                "selector",
                new JsonObject()
                    .put("devices", new JsonArray(devices.stream().map(DeviceId::value).toList())))
            .put("policy", new JsonObject().put("maxInFlight", 4).put("stepTimeoutSeconds", 60))
            .put("requestedBy", "ops@example.com");
    Path file = Files.writeString(work.resolve(id + ".json"), request.encodePrettily());

    var published = suite.flotilla("publish", file.toString());

    assertThat(published.exitCode()).as(published.output()).isZero();
    return RolloutId.of(id);
  }

  /** Where the databases the tools make for reference lie, apart from the fleet. */
  private static Path reference() {
    return work.resolve("reference");
  }

  /** How each device ended, one line each, to say why a count is off. */
  private static String outcomes(List<RolloutEvent> log) {
    return log.stream()
        .filter(DeviceFinished.class::isInstance)
        .map(DeviceFinished.class::cast)
        .map(f -> f.deviceId() + " " + f.outcome() + " at " + f.version() + " " + f.reasons())
        .collect(Collectors.joining("\n", "devices:\n", ""));
  }

  private static RolloutFinished finishedOf(List<RolloutEvent> log) {
    return log.stream()
        .filter(RolloutFinished.class::isInstance)
        .map(RolloutFinished.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the rollout did not finish: " + log));
  }

  private static ForeignHistory toolHistory(Path db, ForeignTool tool) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return tool.historyTable().read(connection);
    }
  }

  private static List<List<String>> historyWithoutClock(Path db, ForeignTool tool)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return ToolHistoryTables.rowsWithoutClock(connection, tool);
    }
  }

  private static VersionId flotillaVersion(Path db) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      return SchemaHistory.currentVersion(connection);
    }
  }

  /**
   * What {@code flotilla fleet census --set NAME --json} says: {@code devices}, each with its
   * {@code device}, {@code status} ({@code tracked}, {@code adoptable}, {@code unknown-schema}, …)
   * and {@code version} when it has one; {@code versions}, each {@code version} with its number of
   * {@code devices}; and {@code statuses}, the number of devices in each.
   */
  private record Census(
      Map<String, JsonObject> devices,
      Map<String, Long> devicesByVersion,
      Map<String, Long> statuses) {
    static Census of(JsonObject json) {
      Map<String, JsonObject> devices = new LinkedHashMap<>();
      for (Object device : json.getJsonArray("devices", new JsonArray())) {
        devices.put(((JsonObject) device).getString("device"), (JsonObject) device);
      }
      Map<String, Long> byVersion = new LinkedHashMap<>();
      for (Object version : json.getJsonArray("versions", new JsonArray())) {
        JsonObject count = (JsonObject) version;
        byVersion.put(String.valueOf(count.getValue("version")), count.getLong("devices"));
      }
      Map<String, Long> statuses = new LinkedHashMap<>();
      json.getJsonObject("statuses", new JsonObject())
          .forEach(entry -> statuses.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
      return new Census(devices, byVersion, statuses);
    }

    String statusOf(DeviceId device) {
      JsonObject entry = devices.get(device.value());
      return entry == null ? "(not in the census)" : entry.getString("status");
    }

    String versionOf(DeviceId device) {
      JsonObject entry = devices.get(device.value());
      return entry == null || entry.getValue("version") == null
          ? null
          : String.valueOf(entry.getValue("version"));
    }
  }
}
