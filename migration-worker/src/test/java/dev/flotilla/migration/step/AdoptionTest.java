package dev.flotilla.migration.step;

import static dev.flotilla.migration.testing.ToolDatabases.LIBRARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.migration.testing.ToolDatabases;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database golang-migrate took to its version 3, adopted by the safety check and migrated to 5:
 * the history of V1..V3 is written with V4 and V5, in their transaction.
 */
class AdoptionTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final Path FOLDER = ToolDatabases.folder("golang-migrate");

  @TempDir Path fleet;

  private final Catalogue catalogue = ToolDatabases.catalogue(FOLDER);

  private TestWorker worker() {
    return new TestWorker(fleet, catalogue);
  }

  private Path adoptableAtThree() {
    return ToolDatabases.migratedBy(
        DeviceFiles.path(fleet, RV), ForeignTool.GOLANG_MIGRATE, FOLDER, 3);
  }

  @Test
  void theSafetyCheckPassesAnAdoptableDatabaseAndSaysAtWhichVersionAndWhy() {
    Path file = adoptableAtThree();
    String before = DeviceFiles.dump(file);

    var result =
        worker().safetyCheck.handle(Commands.safetyCheck(RV, LIBRARY, VersionId.of(5), false));

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckPassed.class,
            passed -> {
              assertThat(passed.currentVersion()).isEqualTo(VersionId.of(3));
              assertThat(passed.adoptedVersion()).isEqualTo(VersionId.of(3));
              // As the set writes it, not as golang-migrate stores it.
              assertThat(passed.adoptedVersion()).hasToString("000003");
              assertThat(passed.adoptionEvidence())
                  .isEqualTo("schema matches V000003 of set library; schema_migrations says 3");
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void anEmptyDatabasePassesAtVersionZeroWithoutBeingAdopted() {
    DeviceFiles.createEmpty(fleet, RV);

    // Up to V3: P4 of the set reads a table an empty database does not have yet.
    var result =
        worker().safetyCheck.handle(Commands.safetyCheck(RV, LIBRARY, VersionId.of(3), false));

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckPassed.class,
            passed -> {
              assertThat(passed.currentVersion()).isEqualTo(VersionId.ZERO);
              assertThat(passed.adoptedVersion()).isNull();
              assertThat(passed.adoptionEvidence()).isNull();
            });
  }

  @Test
  void theSafetyCheckRefusesAnUnknownSchemaForGoodNamingTheClosestVersion() {
    Path file = adoptableAtThree();
    DeviceFiles.execute(file, "CREATE TABLE notes (id INTEGER PRIMARY KEY)");
    String before = DeviceFiles.dump(file);

    var result =
        worker().safetyCheck.handle(Commands.safetyCheck(RV, LIBRARY, VersionId.of(5), false));

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckFailed.class,
            failed ->
                assertThat(failed.reasons())
                    .containsExactly(
                        SafetyReason.permanent(
                            "unknown-schema",
                            "the database has no Flotilla history and its version cannot be told:"
                                + " schema matches no version of set library; closest is V000003"
                                + " (1 difference); schema_migrations says 3 (differences from"
                                + " V000003: unexpected table notes)")));
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void withAdoptionOffTheSafetyCheckRefusesADatabaseWithoutFlotillasHistory() {
    adoptableAtThree();
    RunSafetyCheck command =
        withoutAdoption(Commands.safetyCheck(RV, LIBRARY, VersionId.of(5), false));

    var result = worker().safetyCheck.handle(command);

    assertThat(result)
        .isInstanceOfSatisfying(
            SafetyCheckFailed.class,
            failed -> {
              assertThat(failed.reasons())
                  .extracting(SafetyReason::code, SafetyReason::transientReason)
                  .containsExactly(org.assertj.core.groups.Tuple.tuple("adoption-disabled", false));
              assertThat(failed.reasons().get(0).message())
                  .endsWith("schema matches V000003 of set library; schema_migrations says 3");
            });
  }

  @Test
  void aDatabaseAdoptableAboveTheTargetIsNotTakenDown() {
    Path file = adoptableAtThree();
    String before = DeviceFiles.dump(file);
    TestWorker worker = worker();

    var check =
        worker.safetyCheck.handle(Commands.safetyCheck(RV, LIBRARY, VersionId.of(2), false));
    MigrateResult migrate = worker.migrate.handle(Commands.migrate(RV, LIBRARY, VersionId.of(2)));

    assertThat(check)
        .isInstanceOfSatisfying(
            SafetyCheckFailed.class,
            failed ->
                assertThat(failed.reasons())
                    .extracting(SafetyReason::code)
                    .containsExactly("adopted-above-target"));
    assertThat(migrate)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failure().code()).isEqualTo(Failure.UNKNOWN_SCHEMA);
              assertThat(failed.failure().reason())
                  .contains("is at V000003")
                  .contains("above the target V2");
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void theMigrationAdoptsAtV3AndReachesV5WithTheHistoryOfEveryVersion() {
    Path file = adoptableAtThree();
    TestWorker worker = worker();
    ApplyMigrations command = Commands.migrate(RV, LIBRARY, VersionId.of(5));

    MigrateResult result = worker.migrate.handle(command);

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationsApplied.class,
            applied -> {
              assertThat(applied.fromVersion()).isEqualTo(VersionId.of(3));
              assertThat(applied.appliedVersions())
                  .containsExactly(VersionId.of(4), VersionId.of(5));
            });
    List<List<String>> expected = new ArrayList<>();
    for (MigrationScript script :
        catalogue.chain(LIBRARY, VersionId.of(5)).orElseThrow().scripts()) {
      expected.add(
          List.of(
              script.version().toString(),
              script.sha256(),
              script.description(),
              command.commandId().value()));
    }
    assertThat(
            DeviceFiles.rows(
                file,
                "SELECT version_id, checksum, description, command_id FROM flotilla_schema_history"
                    + " ORDER BY version"))
        .isEqualTo(expected);
    assertThat(worker.verify.handle(Commands.verify(RV, LIBRARY, VersionId.of(5))))
        .isInstanceOf(VerificationPassed.class);
  }

  @Test
  void aFailingV4LeavesNoAdoptionRowsAndTheDatabaseAsItWas() {
    Path file = adoptableAtThree();
    // V4 makes isbn UNIQUE: two books sharing one make it fail.
    DeviceFiles.execute(
        file,
        "INSERT INTO author (id, name) VALUES (1, 'Le Guin')",
        "INSERT INTO book (id, author_id, title, isbn) VALUES (1, 1, 'A', '978-0')",
        "INSERT INTO book (id, author_id, title, isbn) VALUES (2, 1, 'B', '978-0')");
    String before = DeviceFiles.dump(file);

    MigrateResult result = worker().migrate.handle(Commands.migrate(RV, LIBRARY, VersionId.of(5)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failedVersion()).isEqualTo(VersionId.of(4));
              assertThat(failed.failure().reason()).contains("UNIQUE constraint failed");
              assertThat(failed.restoreRequired()).isFalse();
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void aDatabaseChangedSinceItsSafetyCheckIsLeftAsItWasWithUnknownSchema() {
    Path file = adoptableAtThree();
    TestWorker worker = worker();
    assertThat(worker.safetyCheck.handle(Commands.safetyCheck(RV, LIBRARY, VersionId.of(5), false)))
        .isInstanceOf(SafetyCheckPassed.class);
    // The application migrated itself further, by hand, before the migration began.
    DeviceFiles.execute(file, "CREATE INDEX book_title ON book (title)");
    String before = DeviceFiles.dump(file);

    MigrateResult result = worker.migrate.handle(Commands.migrate(RV, LIBRARY, VersionId.of(5)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failure().code()).isEqualTo(Failure.UNKNOWN_SCHEMA);
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .contains("unexpected index book_title")
                  .endsWith("nothing was applied");
              assertThat(failed.failedVersion()).isNull();
              assertThat(failed.restoreRequired()).isFalse();
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void aRedeliveredAdoptingMigrationGetsTheSameReplyAndChangesNothing() {
    Path file = adoptableAtThree();
    TestWorker worker = worker();
    ApplyMigrations command = Commands.migrate(RV, LIBRARY, VersionId.of(5));
    MigrateResult first = worker.migrate.handle(command);
    String after = DeviceFiles.dump(file);

    MigrateResult second = worker.migrate.handle(command);

    assertThat(second).isEqualTo(first);
    assertThat(DeviceFiles.dump(file)).isEqualTo(after);
  }

  @Test
  void aDryRunRehearsesTheAdoptionOnACopy() {
    Path file = adoptableAtThree();
    String before = DeviceFiles.dump(file);

    MigrateResult result = worker().migrate.handle(Commands.dryRun(RV, LIBRARY, VersionId.of(5)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationRehearsed.class,
            rehearsed -> assertThat(rehearsed.fromVersion()).isEqualTo(VersionId.of(3)));
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void withAdoptionOffTheMigrationStartsFromZeroAsBefore() {
    Path file = adoptableAtThree();
    String before = DeviceFiles.dump(file);

    MigrateResult result =
        worker().migrate.handle(withoutAdoption(Commands.migrate(RV, LIBRARY, VersionId.of(5))));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.failedVersion()).isEqualTo(VersionId.of(1));
              assertThat(failed.failure().reason()).contains("already exists");
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  private static RunSafetyCheck withoutAdoption(RunSafetyCheck c) {
    return new RunSafetyCheck(
        MessageId.random(),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.causationId(),
        Instant.now(),
        c.deadline(),
        c.migrationSet(),
        c.targetVersion(),
        c.requireReportedState(),
        c.maxStateAgeSeconds(),
        false);
  }

  private static ApplyMigrations withoutAdoption(ApplyMigrations c) {
    return new ApplyMigrations(
        MessageId.random(),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.causationId(),
        Instant.now(),
        c.deadline(),
        c.migrationSet(),
        c.targetVersion(),
        c.dryRun(),
        c.lockWaitSeconds(),
        c.maxStateAgeSeconds(),
        false);
  }
}
