package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.testsupport.DeviceFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla fleet census} through the jar: the catalogue from the real broker, a fleet folder
 * of databases Flotilla migrated, another tool migrated, or the application changed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetCensusIT {
  @TempDir static Path work;

  private final String set = "census-" + UUID.randomUUID().toString().substring(0, 8);
  private ServiceProcesses jar;
  private Map<String, String> env;
  private Path fleet;

  @BeforeAll
  void setUp() throws Exception {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
    env = Map.of("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    Path folder = Files.createDirectories(work.resolve("library"));
    Files.writeString(
        folder.resolve("V1__authors.sql"),
        "CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n");
    Files.writeString(
        folder.resolve("V2__books.sql"),
        "CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER REFERENCES author (id));\n");
    Files.writeString(
        folder.resolve("V3__books_by_author.sql"),
        "CREATE INDEX book_by_author ON book (author_id);\n");
    var push = jar.run(env, "migrations", "push", "--set", set, folder.toString());
    assertThat(push.exitCode()).as(push.output()).isZero();
    List<MigrationScript> scripts = MigrationFolder.read(MigrationSetId.of(set), folder);

    fleet = Files.createDirectories(work.resolve("fleet"));
    Path tracked = DeviceFiles.createEmpty(fleet, DeviceId.of("rv-tracked"));
    DeviceFiles.execute(tracked, scripts.get(0).sql());
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + tracked)) {
      SchemaHistory.record(
          db,
          new AppliedMigration(
              VersionId.of(1),
              "authors",
              scripts.get(0).sha256(),
              "2026-01-01T00:00:00Z",
              3,
              null));
    }
    // Hand-rolled migrations that count in PRAGMA user_version.
    Path adoptable = DeviceFiles.createEmpty(fleet, DeviceId.of("rv-adoptable"));
    DeviceFiles.execute(
        adoptable, scripts.get(0).sql(), scripts.get(1).sql(), "PRAGMA user_version = 2");
    Path unknown = DeviceFiles.createEmpty(fleet, DeviceId.of("rv-unknown"));
    DeviceFiles.execute(unknown, scripts.get(0).sql(), "CREATE TABLE notes (id INTEGER)");
  }

  @Test
  void listsEveryDeviceWithItsVersionAndHowItIsKnown() throws Exception {
    String before = DeviceFiles.dump(fleet.resolve("rv-adoptable.db"));

    var census = jar.run(env, "fleet", "census", "--set", set, "--fleet-dir", fleet.toString());

    assertThat(census.exitCode()).as(census.output()).isZero();
    assertThat(census.output())
        .contains("set " + set + ": 3 devices")
        .containsPattern(
            "(?m)^  rv-adoptable +V2 +adoptable +schema matches V2 of set "
                + set
                + "; PRAGMA user_version says 2$")
        .containsPattern("(?m)^  rv-tracked +V1 +tracked$")
        .containsPattern(
            "(?m)^  rv-unknown +- +unknown-schema +schema matches no version of set "
                + set
                + "; closest is V1 \\(1 difference\\); differences from V1: unexpected table"
                + " notes$")
        .contains("devices per version: V1: 1, V2: 1");
    assertThat(DeviceFiles.dump(fleet.resolve("rv-adoptable.db"))).isEqualTo(before);
  }

  @Test
  void theJsonIsTheCensusDocumentAndTheFleetComesFromTheWorkersVariable() throws Exception {
    var census =
        jar.run(
            Map.of(
                "FLOTILLA_BOOTSTRAP_SERVERS",
                env.get("FLOTILLA_BOOTSTRAP_SERVERS"),
                "FLOTILLA_FLEET_DIR",
                fleet.toString()),
            "fleet",
            "census",
            "--set",
            set,
            "--json");

    assertThat(census.exitCode()).as(census.output()).isZero();
    JsonObject json = new JsonObject(census.stdout());
    assertThat(json.getString("set")).isEqualTo(set);
    assertThat(json.getJsonArray("devices").size()).isEqualTo(3);
    assertThat(json.getJsonArray("devices").getJsonObject(2))
        .isEqualTo(
            new JsonObject()
                .put("device", "rv-unknown")
                .put("status", "unknown-schema")
                .put(
                    "evidence",
                    "schema matches no version of set " + set + "; closest is V1 (1 difference)")
                .put("closest", 1)
                .put(
                    "differences",
                    new io.vertx.core.json.JsonArray(List.of("unexpected table notes"))));
    assertThat(json.getJsonObject("statuses").getInteger("adoptable")).isEqualTo(1);
  }

  @Test
  void aSetTheCatalogueLacksIsABadInput() throws Exception {
    var census =
        jar.run(env, "fleet", "census", "--set", "no-such-" + set, "--fleet-dir", fleet.toString());

    assertThat(census.exitCode()).isEqualTo(2);
    assertThat(census.output())
        .contains("the catalogue has no migration set 'no-such-" + set + "'");
  }

  @Test
  void aFleetFolderThatIsNotThereIsABadInput() throws IOException, InterruptedException {
    var census =
        jar.run(
            env,
            "fleet",
            "census",
            "--set",
            set,
            "--fleet-dir",
            work.resolve("nowhere").toString());

    assertThat(census.exitCode()).isEqualTo(2);
    assertThat(census.output()).contains("does not exist");
  }
}
