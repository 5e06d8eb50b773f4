package dev.flotilla.migration.adoption;

import static dev.flotilla.migration.testing.ToolDatabases.LIBRARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.catalogue.format.FolderScript;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.testing.ToolDatabases;
import dev.flotilla.testsupport.DeviceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Databases built the way each tool leaves them (the folder fixtures' up scripts, the tool's own
 * history rows), identified against the same folder pushed as a set.
 */
class SchemaIdentifierTest {
  @TempDir Path dir;

  private Identification identify(Path file, Catalogue catalogue) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return new SchemaIdentifier(catalogue, new ChainFingerprints())
          .identify(db, LIBRARY, Deadline.none(Clock.systemUTC()));
    }
  }

  private Path file() {
    return dir.resolve("device.db");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "flyway, FLYWAY, 2, flyway_schema_history says 2",
    "sqlx, SQLX, 20240612080000, _sqlx_migrations says 20240612080000",
    "diesel, DIESEL, 20240612080000, __diesel_schema_migrations says 20240612080000",
    "golang-migrate, GOLANG_MIGRATE, 000003, schema_migrations says 3",
    "goose, GOOSE, 00003, goose_db_version says 3",
    "dbmate, DBMATE, 20240612080000, schema_migrations says 20240612080000",
    "plain, USER_VERSION, 003, PRAGMA user_version says 3"
  })
  void aDatabaseWhoseSchemaMatchesOneVersionIsAdoptableThereWithItsToolsWord(
      String folder, ForeignTool tool, String third, String toolSays) throws Exception {
    Path set = ToolDatabases.folder(folder);
    ToolDatabases.migratedBy(file(), tool, set, 3);

    Identification found = identify(file(), ToolDatabases.catalogue(set));

    assertThat(found)
        .isEqualTo(
            new Identification.Adoptable(
                VersionId.parse(third),
                "schema matches V" + third + " of set library; " + toolSays));
  }

  @Test
  void withoutAnyToolTheSchemaAloneDecides() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    for (FolderScript up : ToolDatabases.ups(set).subList(0, 4)) {
      ToolDatabases.run(file(), up);
    }

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isEqualTo(
            new Identification.Adoptable(
                VersionId.of(3),
                "schema matches V3 of set library; no migration tool's history found"));
  }

  @Test
  void anEmptyDatabaseIsAtVersionZero() throws Exception {
    DeviceFiles.execute(file(), "PRAGMA journal_mode = WAL");

    assertThat(identify(file(), ToolDatabases.catalogue(ToolDatabases.folder("flyway"))))
        .isInstanceOfSatisfying(
            Identification.Adoptable.class,
            adoptable -> assertThat(adoptable.version()).isEqualTo(VersionId.ZERO));
  }

  @Test
  void twoVersionsSharingASchemaAreToldApartByTheToolsHistory() throws Exception {
    Path set = withDataOnlyVersion();
    Catalogue catalogue = ToolDatabases.catalogue(set);
    List<FolderScript> ups = ToolDatabases.ups(set);
    assertThat(ups.get(3).version()).isEqualTo(VersionId.parse("2.5"));
    Path atTwo = dir.resolve("at-two.db");
    Path atTwoAndAHalf = dir.resolve("at-two-and-a-half.db");
    ToolDatabases.migratedBy(atTwo, ForeignTool.FLYWAY, set, 3);
    ToolDatabases.migratedBy(atTwoAndAHalf, ForeignTool.FLYWAY, set, 4);

    assertThat(identify(atTwo, catalogue))
        .isEqualTo(
            new Identification.Adoptable(
                VersionId.of(2),
                "schema matches V2 and V2.5 of set library alike; flyway_schema_history says 2"));
    assertThat(identify(atTwoAndAHalf, catalogue))
        .isEqualTo(
            new Identification.Adoptable(
                VersionId.parse("2.5"),
                "schema matches V2 and V2.5 of set library alike;"
                    + " flyway_schema_history says 2.5"));
  }

  @Test
  void twoVersionsSharingASchemaWithoutAnyToolAreNotGuessed() throws Exception {
    Path set = withDataOnlyVersion();
    for (FolderScript up : ToolDatabases.ups(set).subList(0, 4)) {
      ToolDatabases.run(file(), up);
    }

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isEqualTo(
            new Identification.Unknown(
                VersionId.parse("2.5"),
                List.of(),
                "schema matches V2 and V2.5 of set library alike, and no migration tool's"
                    + " history tells them apart"));
  }

  @Test
  void aToolHistoryContradictingTheSchemaIsUnknown() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    List<FolderScript> ups = ToolDatabases.ups(set);
    ToolDatabases.migratedBy(file(), ForeignTool.FLYWAY, set, 2);
    // The application ran V2 by hand and Flyway never heard of it.
    ToolDatabases.run(file(), ups.get(2));

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isEqualTo(
            new Identification.Unknown(
                VersionId.of(2),
                List.of(),
                "schema matches V2 of set library, but flyway_schema_history says 1.1, whose"
                    + " schema differs: unexpected table loan, unexpected trigger"
                    + " loan_one_at_a_time; not adopted on a guess"));
  }

  @Test
  void aToolNamingAVersionTheSetLacksIsUnknown() throws Exception {
    Path set = ToolDatabases.folder("golang-migrate");
    ToolDatabases.migratedBy(file(), ForeignTool.GOLANG_MIGRATE, set, 3);
    DeviceFiles.execute(file(), "UPDATE schema_migrations SET version = 9");

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isInstanceOfSatisfying(
            Identification.Unknown.class,
            unknown ->
                assertThat(unknown.evidence())
                    .isEqualTo(
                        "schema matches V000003 of set library, but schema_migrations says 9, a"
                            + " version set library does not have"));
  }

  @Test
  void aDirtyHistoryIsNotAdopted() throws Exception {
    Path set = ToolDatabases.folder("golang-migrate");
    ToolDatabases.migratedBy(file(), ForeignTool.GOLANG_MIGRATE, set, 3);
    DeviceFiles.execute(file(), "UPDATE schema_migrations SET dirty = 1");

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isInstanceOfSatisfying(
            Identification.Unknown.class,
            unknown -> {
              assertThat(unknown.closest()).isEqualTo(VersionId.of(3));
              assertThat(unknown.evidence())
                  .startsWith(
                      "schema matches V000003 of set library, but schema_migrations is not clean: ")
                  .endsWith("; not adopted on a guess");
            });
  }

  @Test
  void twoToolsHistoriesAreNotAdoptedOnAGuess() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    ToolDatabases.migratedBy(file(), ForeignTool.FLYWAY, set, 3);
    DeviceFiles.execute(file(), "PRAGMA user_version = 3");

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isInstanceOfSatisfying(
            Identification.Unknown.class,
            unknown ->
                assertThat(unknown.evidence())
                    .startsWith(
                        "schema matches V2 of set library, but the histories of 2 migration tools"
                            + " are present (FLYWAY: table flyway_schema_history")
                    .contains("USER_VERSION: PRAGMA user_version = 3"));
  }

  @Test
  void aSchemaMatchingNoVersionIsUnknownWithTheClosestVersionAndTheDifferences() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    ToolDatabases.migratedBy(file(), ForeignTool.FLYWAY, set, 3);
    DeviceFiles.execute(
        file(), "DROP INDEX book_by_author", "CREATE TABLE notes (id INTEGER PRIMARY KEY)");

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isEqualTo(
            new Identification.Unknown(
                VersionId.of(2),
                List.of("missing index book_by_author", "unexpected table notes"),
                "schema matches no version of set library; closest is V2 (2 differences);"
                    + " flyway_schema_history says 2"));
  }

  @Test
  void aDatabaseWithFlotillasHistoryIsTrackedWhateverItsSchema() throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      for (int version : new int[] {1, 2}) {
        SchemaHistory.record(
            db,
            new AppliedMigration(
                VersionId.of(version),
                "v" + version,
                "a".repeat(64),
                "2026-01-01T00:00:00Z",
                1,
                null));
      }
    }

    assertThat(identify(file(), ToolDatabases.catalogue(ToolDatabases.folder("flyway"))))
        .isEqualTo(new Identification.Tracked(VersionId.of(2)));
  }

  @Test
  void anEmptyFlotillaHistoryTableCountsAsNone() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    ToolDatabases.migratedBy(file(), ForeignTool.FLYWAY, set, 2);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      SchemaHistory.ensureTable(db);
    }

    assertThat(identify(file(), ToolDatabases.catalogue(set)))
        .isInstanceOfSatisfying(
            Identification.Adoptable.class,
            adoptable -> assertThat(adoptable.version()).isEqualTo(VersionId.parse("1.1")));
  }

  @Test
  void insideTheMigrationTheAdoptedDatabaseIsConfirmedAfterItsFirstScript() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    Catalogue catalogue = ToolDatabases.catalogue(set);
    List<FolderScript> ups = ToolDatabases.ups(set);
    ToolDatabases.migratedBy(file(), ForeignTool.FLYWAY, set, 3);
    SchemaIdentifier identifier = new SchemaIdentifier(catalogue, new ChainFingerprints());
    Deadline deadline = Deadline.none(Clock.systemUTC());
    Identification.Adoptable adopted;
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      adopted = (Identification.Adoptable) identifier.identify(db, LIBRARY, deadline);
    }
    ToolDatabases.run(file(), ups.get(3));
    var toV3 = catalogue.chain(LIBRARY, VersionId.of(3)).orElseThrow();

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      assertThat(identifier.changedSince(db, LIBRARY, adopted, toV3, deadline)).isEmpty();
      // Something else than V3 ran since: the schema after it is not V3's.
      DeviceFiles.execute(file(), "CREATE INDEX book_title ON book (title)");
      assertThat(identifier.changedSince(db, LIBRARY, adopted, toV3, deadline))
          .hasValueSatisfying(
              why ->
                  assertThat(why)
                      .isEqualTo(
                          "the schema was not V2's: after V3 ran it is not V3's of set library"
                              + " (unexpected index book_title)"));
    }
  }

  @Test
  void insideTheMigrationAToolHistoryThatMovedOnIsAChange() throws Exception {
    Path set = ToolDatabases.folder("flyway");
    Catalogue catalogue = ToolDatabases.catalogue(set);
    ToolDatabases.migratedBy(file(), ForeignTool.FLYWAY, set, 3);
    SchemaIdentifier identifier = new SchemaIdentifier(catalogue, new ChainFingerprints());
    Deadline deadline = Deadline.none(Clock.systemUTC());
    var adopted = new Identification.Adoptable(VersionId.of(2), "as the safety check found");
    DeviceFiles.execute(file(), "UPDATE flyway_schema_history SET success = 0 WHERE version = '2'");

    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file())) {
      Optional<String> changed =
          identifier.changedSince(
              db,
              LIBRARY,
              adopted,
              catalogue.chain(LIBRARY, VersionId.of(2)).orElseThrow(),
              deadline);
      assertThat(changed)
          .hasValueSatisfying(
              why -> assertThat(why).contains("flyway_schema_history is not clean"));
    }
  }

  /** The flyway fixture with a V2.5 that only writes rows: V2 and V2.5 share one schema. */
  private Path withDataOnlyVersion() throws IOException {
    Path copy = dir.resolve("flyway-with-seed");
    Path source = ToolDatabases.folder("flyway");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(
        copy.resolve("V2_5__seed_authors.sql"),
        "INSERT INTO author (name) VALUES ('Ursula K. Le Guin');\n");
    return copy;
  }
}
