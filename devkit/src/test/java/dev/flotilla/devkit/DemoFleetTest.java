package dev.flotilla.devkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFleetTest {
  private static final List<String> DATA_TABLES =
      List.of(
          "settings",
          "tanks",
          "tank_levels",
          "circuits",
          "circuit_loads",
          "climate_zones",
          "climate_readings",
          "event_log",
          "maintenance_records");

  @TempDir Path dir;

  @Test
  void generatedDevicesAreNamedInOrderAndLiveInTheFleetDirectory() {
    List<DeviceId> devices = DemoFleet.generate(dir, 3, 42);

    assertThat(devices)
        .extracting(DeviceId::value)
        .containsExactly("rv-0001", "rv-0002", "rv-0003");
    assertThat(devices).allSatisfy(d -> assertThat(DemoFleet.databaseOf(dir, d)).isRegularFile());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("rv-0001.db", "rv-0002.db", "rv-0003.db");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aGeneratedDeviceIsAtVersionTwoWithTheChecksumsOfTheSampleScripts() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 7).get(0));
    Path scripts = DemoFleet.sampleMigrations(dir.resolve("sets"));

    List<List<String>> history =
        rows(
            db,
            "SELECT version, description, checksum, command_id, applied_at IS NOT NULL"
                + " FROM flotilla_schema_history ORDER BY version");

    assertThat(history)
        .containsExactly(
            List.of("1", "baseline", sha256(scripts.resolve("V1__baseline.sql")), "null", "1"),
            List.of(
                "2",
                "add maintenance records",
                sha256(scripts.resolve("V2__add_maintenance_records.sql")),
                "null",
                "1"));
    assertThat(single(db, "SELECT max(version) FROM flotilla_schema_history")).isEqualTo("2");
    assertThat(single(db, "PRAGMA journal_mode")).isEqualTo("wal");
  }

  @Test
  void aGeneratedDeviceHoldsHundredsOfRowsInEveryTable() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 42).get(0));

    Map<String, Integer> counts = rowCounts(db);

    assertThat(counts).allSatisfy((table, count) -> assertThat(count).as(table).isPositive());
    assertThat(counts.get("tank_levels")).isGreaterThanOrEqualTo(300);
    assertThat(counts.get("circuit_loads")).isGreaterThanOrEqualTo(500);
    assertThat(counts.get("event_log")).isGreaterThanOrEqualTo(40);
    assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).isBetween(1000, 5000);
  }

  @Test
  void theSameSeedGivesTheSameRowsAndAnotherSeedOtherRows() throws Exception {
    DemoFleet.generate(dir.resolve("a"), 2, 42);
    DemoFleet.generate(dir.resolve("b"), 3, 42);
    DemoFleet.generate(dir.resolve("c"), 2, 43);

    for (String device : List.of("rv-0001.db", "rv-0002.db")) {
      assertThat(dump(dir.resolve("b").resolve(device)))
          .isEqualTo(dump(dir.resolve("a").resolve(device)));
      assertThat(dump(dir.resolve("c").resolve(device)))
          .isNotEqualTo(dump(dir.resolve("a").resolve(device)));
    }
    assertThat(dump(dir.resolve("a/rv-0002.db"))).isNotEqualTo(dump(dir.resolve("a/rv-0001.db")));
  }

  @Test
  void generatedDatabasesPassTheIntegrityAndForeignKeyChecks() throws Exception {
    for (DeviceId device : DemoFleet.generate(dir, 2, 1)) {
      Path db = DemoFleet.databaseOf(dir, device);
      assertThat(rows(db, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
      assertThat(rows(db, "PRAGMA foreign_key_check")).isEmpty();
    }
  }

  @Test
  void versionsThreeToFiveApplyToGeneratedDataAndTheirChecksFindNothing() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 42).get(0));
    Path scripts = DemoFleet.sampleMigrations(dir.resolve("sets"));
    Map<String, Integer> before = rowCounts(db);

    runInOneTransaction(db, scripts, "V3", "V4", "V5");

    for (String check : List.of("C3", "C4", "C5")) {
      assertThat(rows(db, sql(scripts, check))).as(check).isEmpty();
    }
    assertThat(rowCounts(db)).isEqualTo(before);
    assertThat(single(db, "SELECT priority FROM circuits WHERE name = 'Refrigerator'"))
        .isEqualTo("1");
    assertThat(Integer.parseInt(single(db, "SELECT count(*) FROM battery_readings"))).isPositive();
    assertThat(Integer.parseInt(single(db, "SELECT count(*) FROM usage_snapshots")))
        .isGreaterThanOrEqualTo(7);
    assertThat(single(db, "SELECT count(*) FROM v_tank_latest")).isEqualTo("4");
    assertThat(rows(db, "PRAGMA integrity_check")).containsExactly(List.of("ok"));
    assertThat(rows(db, "PRAGMA foreign_key_check")).isEmpty();
  }

  @Test
  void aVerificationQueryReturnsRowsWhenTheDataIsWrong() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 42).get(0));
    Path scripts = DemoFleet.sampleMigrations(dir.resolve("sets"));
    runInOneTransaction(db, scripts, "V3");

    execute(db, "UPDATE circuits SET priority = 4 WHERE name = 'Furnace'");

    assertThat(rows(db, sql(scripts, "C3"))).hasSize(1);
  }

  @Test
  void undoScriptsFiveToThreeRestoreTheSchemaOfVersionTwoExactly() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 42).get(0));
    Path scripts = DemoFleet.sampleMigrations(dir.resolve("sets"));
    List<List<String>> schemaAtTwo = schema(db);
    Map<String, String> dataAtTwo = dump(db);
    runInOneTransaction(db, scripts, "V3", "V4", "V5");
    assertThat(schema(db)).isNotEqualTo(schemaAtTwo);

    runInOneTransaction(db, scripts, "U5", "U4", "U3");

    assertThat(schema(db)).isEqualTo(schemaAtTwo);
    assertThat(dump(db)).isEqualTo(dataAtTwo);
  }

  @Test
  void theSampleSetHasEveryScriptOfItsResourceFolder() throws Exception {
    Path copied = DemoFleet.sampleMigrations(dir);
    Path resources =
        Path.of(DemoFleetTest.class.getResource("/dev/flotilla/devkit/migrations/coachiq").toURI());

    assertThat(copied).isEqualTo(dir.resolve("coachiq"));
    List<String> shipped = sqlFiles(resources);
    assertThat(sqlFiles(copied)).isEqualTo(shipped);
    assertThat(shipped)
        .contains("V1__baseline.sql", "U2__add_maintenance_records.sql")
        .anyMatch(name -> name.startsWith("V5__"))
        .anyMatch(name -> name.startsWith("U5__"))
        .anyMatch(name -> name.startsWith("C3__"));
    for (String name : shipped) {
      assertThat(copied.resolve(name)).hasSameBinaryContentAs(resources.resolve(name));
    }
  }

  @Test
  void copyingTheSampleSetAgainReplacesItsFiles() throws Exception {
    Path copied = DemoFleet.sampleMigrations(dir);
    Files.writeString(copied.resolve("V1__baseline.sql"), "edited");

    DemoFleet.sampleMigrations(dir);

    assertThat(Files.readString(copied.resolve("V1__baseline.sql"))).contains("CREATE TABLE");
  }

  @Test
  void aCorruptedDatabaseFailsTheQuickCheck() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 42).get(0));

    DemoFleet.corrupt(db);

    List<List<String>> problems = rows(db, "PRAGMA quick_check");
    assertThat(problems).isNotEmpty().doesNotContain(List.of("ok"));
    assertThat(single(db, "SELECT max(version) FROM flotilla_schema_history")).isEqualTo("2");
    assertThatThrownBy(() -> single(db, "SELECT count(*) FROM tank_levels"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void generatingOverAnExistingDatabaseRefusesAndLeavesItAlone() throws Exception {
    Path db = DemoFleet.databaseOf(dir, DemoFleet.generate(dir, 1, 42).get(0));
    Map<String, String> original = dump(db);

    assertThatThrownBy(() -> DemoFleet.generate(dir, 1, 99))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("rv-0001.db already exists");
    assertThat(dump(db)).isEqualTo(original);
  }

  // ---- plain JDBC helpers ----

  private static void runInOneTransaction(Path db, Path scripts, String... prefixes)
      throws Exception {
    try (Connection connection = connect(db);
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      for (String prefix : prefixes) {
        statement.executeUpdate(sql(scripts, prefix));
      }
      connection.commit();
    }
  }

  private static String sql(Path scripts, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(scripts)) {
      Path script =
          files
              .filter(p -> p.getFileName().toString().startsWith(prefix + "__"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no script " + prefix));
      return Files.readString(script);
    }
  }

  private static List<String> sqlFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".sql"))
          .sorted()
          .toList();
    }
  }

  private static List<List<String>> schema(Path db) throws SQLException {
    return rows(
        db,
        "SELECT type, name, tbl_name, sql FROM sqlite_master"
            + " WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flotilla_%' ORDER BY type, name");
  }

  private static Map<String, Integer> rowCounts(Path db) throws SQLException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : DATA_TABLES) {
      counts.put(table, Integer.parseInt(single(db, "SELECT count(*) FROM " + table)));
    }
    return counts;
  }

  /** Every row of every data table, in key order, as text. */
  private static Map<String, String> dump(Path db) throws SQLException {
    Map<String, String> tables = new LinkedHashMap<>();
    for (String table : DATA_TABLES) {
      tables.put(table, rows(db, "SELECT * FROM " + table + " ORDER BY 1").toString());
    }
    return tables;
  }

  private static String single(Path db, String sql) throws SQLException {
    return rows(db, sql).get(0).get(0);
  }

  private static void execute(Path db, String sql) throws SQLException {
    try (Connection connection = connect(db);
        Statement statement = connection.createStatement()) {
      statement.executeUpdate(sql);
    }
  }

  private static List<List<String>> rows(Path db, String sql) throws SQLException {
    try (Connection connection = connect(db);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      List<List<String>> rows = new ArrayList<>();
      while (result.next()) {
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          row.add(String.valueOf(result.getString(column)));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static Connection connect(Path db) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + db);
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
