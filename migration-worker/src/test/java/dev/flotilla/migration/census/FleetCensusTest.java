package dev.flotilla.migration.census;

import static dev.flotilla.migration.testing.ToolDatabases.LIBRARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.migration.census.DeviceCensus.Status;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.migration.testing.ToolDatabases;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet folder with one device of each kind, counted against the golang-migrate library set. */
class FleetCensusTest {
  private static final Path FOLDER = ToolDatabases.folder("golang-migrate");

  @TempDir Path fleet;

  private final Catalogue catalogue = ToolDatabases.catalogue(FOLDER);
  private Census census;

  @BeforeEach
  void takeTheCensusOfAMixedFleet() throws Exception {
    TestWorker worker = new TestWorker(fleet, catalogue);
    // Migrated by Flotilla to V2.
    DeviceFiles.createEmpty(fleet, device("a-tracked"));
    assertThat(
            worker
                .migrate
                .handle(Commands.migrate(device("a-tracked"), LIBRARY, VersionId.of(2)))
                .succeeded())
        .isTrue();
    // Migrated by Flotilla to V2, then V1's script changed in the catalogue's eyes.
    DeviceFiles.createEmpty(fleet, device("b-drift"));
    assertThat(
            worker
                .migrate
                .handle(Commands.migrate(device("b-drift"), LIBRARY, VersionId.of(2)))
                .succeeded())
        .isTrue();
    DeviceFiles.execute(
        DeviceFiles.path(fleet, device("b-drift")),
        "UPDATE flotilla_schema_history SET checksum = '" + "f".repeat(64) + "' WHERE version = 1");
    // Migrated by golang-migrate to 3.
    ToolDatabases.migratedBy(
        DeviceFiles.path(fleet, device("c-adoptable")), ForeignTool.GOLANG_MIGRATE, FOLDER, 3);
    // The same, and a table of the application's own since.
    ToolDatabases.migratedBy(
        DeviceFiles.path(fleet, device("d-unknown")), ForeignTool.GOLANG_MIGRATE, FOLDER, 3);
    DeviceFiles.execute(
        DeviceFiles.path(fleet, device("d-unknown")),
        "CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    Files.writeString(DeviceFiles.path(fleet, device("e-unreadable")), "not a database at all");
    DeviceFiles.createEmpty(fleet, device("f-empty"));

    census = new FleetCensus(new DatabaseFolder(fleet), catalogue, Clock.systemUTC()).take(LIBRARY);
  }

  @Test
  void everyDeviceIsListedWithItsVersionAndHowItIsKnown() {
    assertThat(census.devices())
        .extracting(d -> d.device().value(), DeviceCensus::status, d -> d.version().orElse(null))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a-tracked", Status.TRACKED, VersionId.of(2)),
            org.assertj.core.groups.Tuple.tuple("b-drift", Status.DRIFT, VersionId.of(2)),
            org.assertj.core.groups.Tuple.tuple("c-adoptable", Status.ADOPTABLE, VersionId.of(3)),
            org.assertj.core.groups.Tuple.tuple("d-unknown", Status.UNKNOWN_SCHEMA, null),
            org.assertj.core.groups.Tuple.tuple("e-unreadable", Status.UNREADABLE, null),
            org.assertj.core.groups.Tuple.tuple("f-empty", Status.ADOPTABLE, VersionId.ZERO));
    assertThat(census.device("c-adoptable").orElseThrow().evidence())
        .hasValue("schema matches V000003 of set library; schema_migrations says 3");
    DeviceCensus unknown = census.device("d-unknown").orElseThrow();
    assertThat(unknown.closest()).hasValue(VersionId.of(3));
    assertThat(unknown.differences()).containsExactly("unexpected table notes");
    assertThat(census.device("b-drift").orElseThrow().drift())
        .singleElement()
        .asString()
        .startsWith("V000001 was applied from a script with checksum ffffffffffff");
    assertThat(census.device("e-unreadable").orElseThrow().evidence())
        .hasValueSatisfying(problem -> assertThat(problem).contains("not a database"));
  }

  @Test
  void devicesAreCountedPerVersionAndPerStatus() {
    assertThat(census.devicesByVersion())
        .containsExactly(
            Map.entry(VersionId.ZERO, 1),
            Map.entry(VersionId.of(2), 2),
            Map.entry(VersionId.of(3), 1));
    assertThat(census.devicesByStatus())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Status.TRACKED, 1,
                Status.DRIFT, 1,
                Status.ADOPTABLE, 2,
                Status.UNKNOWN_SCHEMA, 1,
                Status.UNREADABLE, 1));
  }

  @Test
  void theJsonHasEveryDeviceTheCountsAndOnlyTheFieldsEachDeviceHas() {
    JsonObject json = census.json();

    // Versions as the folder writes them: golang-migrate's 000002.

    assertThat(json.getString("set")).isEqualTo("library");
    JsonArray devices = json.getJsonArray("devices");
    assertThat(devices.getJsonObject(0))
        .isEqualTo(
            new JsonObject()
                .put("device", "a-tracked")
                .put("status", "tracked")
                .put("version", "000002"));
    assertThat(devices.getJsonObject(3).fieldNames())
        .containsExactlyInAnyOrder("device", "status", "closest", "differences", "evidence");
    assertThat(devices.getJsonObject(3).getValue("closest")).isEqualTo("000003");
    assertThat(json.getJsonArray("versions"))
        .isEqualTo(
            new JsonArray(
                List.of(
                    new JsonObject().put("version", 0).put("devices", 1),
                    new JsonObject().put("version", "000002").put("devices", 2),
                    new JsonObject().put("version", "000003").put("devices", 1))));
    assertThat(json.getJsonObject("statuses").getMap())
        .containsEntry("unknown-schema", 1)
        .containsEntry("adoptable", 2);
  }

  @Test
  void theCensusWritesNothing() throws Exception {
    String before = DeviceFiles.dump(DeviceFiles.path(fleet, device("c-adoptable")));

    new FleetCensus(new DatabaseFolder(fleet), catalogue, Clock.systemUTC()).take(LIBRARY);

    assertThat(DeviceFiles.dump(DeviceFiles.path(fleet, device("c-adoptable")))).isEqualTo(before);
  }

  @Test
  void aSetTheCatalogueLacksIsRefused() {
    assertThatThrownBy(
            () ->
                new FleetCensus(new DatabaseFolder(fleet), catalogue, Clock.systemUTC())
                    .take(MigrationSetId.of("nosuchset")))
        .isInstanceOf(FleetCensus.UnknownSetException.class)
        .hasMessage("the catalogue has no migration set 'nosuchset'");
  }

  private static DeviceId device(String id) {
    return DeviceId.of(id);
  }
}
