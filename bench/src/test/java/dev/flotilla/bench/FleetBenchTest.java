package dev.flotilla.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devkit.DemoFleet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness on a tiny fleet: every variant really migrates every device, and the report holds
 * numbers. Correctness of the bench, never its speed.
 */
class FleetBenchTest {
  private static final int DEVICES = 3;
  private static final List<String> DEVICE_FILES = List.of("rv-0001", "rv-0002", "rv-0003");

  @TempDir static Path work;

  private static BenchReport report;
  private static String printed;

  @BeforeAll
  static void runTheBenchOnATinyFleet() throws Exception {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--devices",
              String.valueOf(DEVICES),
              "--rounds",
              "1",
              "--warmup-devices",
              "1",
              "--no-end-to-end",
              "--work-dir",
              work.resolve("bench").toString(),
              "--out",
              work.resolve("results.json").toString()
            },
            work);
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
      report = FleetBench.run(options, out);
      new ReportPrinter(out).print(report);
    }
    printed = output.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theBareLoopMigratesEveryDeviceToVersion5AndRecordsNothing() throws SQLException {
    for (String device : DEVICE_FILES) {
      try (Connection db = open("bare", device)) {
        assertAtVersion5Schema(db);
        assertThat(integer(db, "SELECT max(version) FROM flotilla_schema_history")).isEqualTo(2);
        assertThat(integer(db, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'flyway%'"))
            .isZero();
      }
    }
  }

  @Test
  void theFlywayLoopMigratesEveryDeviceToVersion5InItsOwnHistory() throws SQLException {
    for (String device : DEVICE_FILES) {
      try (Connection db = open("flyway", device)) {
        assertAtVersion5Schema(db);
        assertThat(
                integer(
                    db,
                    "SELECT max(CAST(version AS INTEGER)) FROM flyway_schema_history"
                        + " WHERE success = 1"))
            .isEqualTo(5);
        assertThat(
                integer(
                    db,
                    "SELECT count(*) FROM flyway_schema_history"
                        + " WHERE version IN ('3', '4', '5') AND type = 'SQL'"))
            .isEqualTo(3);
      }
    }
  }

  @Test
  void bothFlotillaVariantsMigrateEveryDeviceToVersion5WithHistoryAndCommandLog()
      throws SQLException {
    for (String variant : List.of("flotilla", "safe")) {
      for (String device : DEVICE_FILES) {
        try (Connection db = open(variant, device)) {
          assertAtVersion5Schema(db);
          assertThat(integer(db, "SELECT max(version) FROM flotilla_schema_history")).isEqualTo(5);
          assertThat(
                  integer(
                      db,
                      "SELECT count(*) FROM flotilla_schema_history"
                          + " WHERE version IN (3, 4, 5) AND command_id IS NOT NULL"))
              .isEqualTo(3);
          assertThat(integer(db, "SELECT count(*) FROM flotilla_command_log")).isEqualTo(1);
        }
      }
    }
  }

  @Test
  void theSafeSequenceLeavesABackupWithAManifestOfEveryDevice() throws Exception {
    for (String device : DEVICE_FILES) {
      Path deviceBackups = work.resolve("bench").resolve("backups").resolve(device);
      try (var files = Files.list(deviceBackups)) {
        assertThat(files.map(file -> file.getFileName().toString()).toList())
            .anyMatch(name -> name.endsWith(".manifest.json"))
            .anyMatch(name -> name.endsWith(".db"));
      }
    }
  }

  @Test
  void theReportHoldsPositiveNumbersForEveryVariantAndRatio() {
    assertThat(report.variants())
        .extracting(VariantSummary::key)
        .containsExactly("bare", "flyway", "flotilla", "safe");
    for (VariantSummary variant : report.variants()) {
      assertThat(variant.runs()).hasSize(1);
      assertThat(variant.runs().get(0).devices()).isEqualTo(DEVICES);
      assertThat(variant.msPerDevice().median()).isPositive();
      assertThat(variant.devicesPerSecond().median()).isPositive();
      assertThat(variant.allocatedKbPerDevice().median()).isPositive();
      assertThat(variant.peakHeapMb().median()).isPositive();
      assertThat(variant.peakLiveMb().median()).isPositive();
      assertThat(variant.connection().journalMode()).isEqualTo("wal");
    }
    assertThat(report.variants().get(3).msPerDeviceByStep())
        .containsOnlyKeys("safety-check", "backup", "migrate", "verify")
        .allSatisfy((step, spread) -> assertThat(spread.median()).isPositive());
    assertThat(report.ratios())
        .extracting(ratio -> ratio.of() + "/" + ratio.over())
        .containsExactly(
            "flyway/bare", "flotilla/bare", "flotilla/flyway", "safe/flyway", "safe/flotilla");
    assertThat(report.ratios())
        .allSatisfy(
            ratio -> {
              assertThat(ratio.time().median()).isPositive();
              assertThat(ratio.allocation().median()).isPositive();
              assertThat(ratio.peakHeap().median()).isPositive();
            });
    assertThat(report.endToEnd()).isNull();
    assertThat(report.replay()).isNull();
  }

  @Test
  void theDeviceDatabasesAreWrittenWithTheProductsDurability() {
    assertThat(report.variants())
        .allSatisfy(variant -> assertThat(variant.connection().synchronous()).isEqualTo("FULL"));
  }

  @Test
  void theResultsFileHoldsTheMachineAndEveryVariant() throws Exception {
    JsonNode results = new ObjectMapper().readTree(work.resolve("results.json").toFile());
    assertThat(results.at("/machine/cores").asInt()).isPositive();
    assertThat(results.at("/machine/sqlite").asText()).matches("3\\.[0-9]+\\.[0-9]+");
    assertThat(results.at("/machine/flyway").asText()).isNotBlank();
    assertThat(results.at("/setup/devices").asInt()).isEqualTo(DEVICES);
    assertThat(results.at("/variants")).hasSize(4);
    assertThat(results.at("/variants/0/msPerDevice/median").asDouble()).isPositive();
  }

  @Test
  void thePrintedReportNamesEveryVariant() {
    assertThat(printed)
        .contains(
            "bare JDBC loop", "Flyway loop", "Flotilla migrate step", "Flotilla safe sequence")
        .contains("Flotilla migrate step / Flyway loop");
  }

  @Test
  void theCheckRefusesADeviceThatWasNotMigrated(@TempDir Path fleet) throws Exception {
    List<DeviceId> devices = DemoFleet.generate(fleet, 1, 7);
    Path set = DemoFleet.sampleMigrations(fleet.resolve("sets"));

    assertThat(FleetCheck.forLatestOf(set).problems(fleet, devices))
        .singleElement()
        .asString()
        .startsWith("rv-0001: its schema is not that of the latest version");
  }

  private static Connection open(String variant, String device) throws SQLException {
    Path file = work.resolve("bench").resolve("runs").resolve(variant).resolve(device + ".db");
    assertThat(file).isRegularFile();
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }

  /** V5's marks, checked independently of the harness's own check. */
  private static void assertAtVersion5Schema(Connection db) throws SQLException {
    assertThat(
            integer(
                db,
                "SELECT count(*) FROM sqlite_master WHERE name IN ('usage_snapshots',"
                    + " 'battery_readings', 'v_tank_latest', 'trg_battery_low',"
                    + " 'idx_circuit_loads_circuit_time')"))
        .isEqualTo(5);
    assertThat(
            integer(
                db,
                "SELECT count(*) FROM pragma_table_info('event_log') WHERE name = 'acknowledged'"))
        .isEqualTo(1);
    assertThat(integer(db, "SELECT count(*) FROM usage_snapshots")).isPositive();
  }

  private static int integer(Connection db, String sql) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      assertThat(result.next()).isTrue();
      return result.getInt(1);
    }
  }
}
