package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RollbackResult;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollbackStepTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final MigrationSetId GARAGE = TestSets.GARAGE;

  @TempDir Path fleet;

  private TestWorker worker() {
    return new TestWorker(fleet, TestSets.garageCatalogue());
  }

  @Test
  void undoesTheVersionsAboveTheTargetBackToItsSchemaAndData() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 1);
    String atVersionOne = DeviceFiles.dumpWithout(file, "flotilla_command_log");
    Garage.migrateTo(worker, RV, 4);

    RollbackResult result = worker.rollback.handle(Commands.rollback(RV, GARAGE, VersionId.of(1)));

    assertThat(result)
        .isInstanceOfSatisfying(
            RolledBack.class,
            rolledBack -> assertThat(rolledBack.version()).isEqualTo(VersionId.of(1)));
    assertThat(worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(1))))
        .isInstanceOf(VerificationPassed.class);
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(1);
    assertThat(DeviceFiles.dumpWithout(file, "flotilla_command_log")).isEqualTo(atVersionOne);
  }

  @Test
  void redeliveredRollbackCommandHasNoSecondEffect() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    RollbackMigrations command = Commands.rollback(RV, GARAGE, VersionId.of(3));
    RollbackResult first = worker.rollback.handle(command);
    List<List<String>> historyBefore =
        DeviceFiles.rows(file, "SELECT version, applied_at FROM flotilla_schema_history");
    // A second run would drop V3's index too if it undid anything more.
    Garage.migrateTo(worker, RV, 4);
    String migratedAgain = DeviceFiles.dump(file);

    RollbackResult second = worker.rollback.handle(command);

    assertThat(first).isInstanceOf(RolledBack.class);
    assertThat(second).isEqualTo(first);
    assertThat(DeviceFiles.dump(file)).isEqualTo(migratedAgain);
    assertThat(historyBefore).extracting(row -> row.get(0)).containsExactly("1", "2", "3");
  }

  @Test
  void aVersionWithoutUndoScriptFailsTheRollbackBeforeAnythingIsUndone() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 5);
    String before = DeviceFiles.dump(file);

    RollbackResult result = worker.rollback.handle(Commands.rollback(RV, GARAGE, VersionId.of(2)));

    assertThat(result)
        .isInstanceOfSatisfying(
            RollbackFailed.class,
            failed -> {
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .startsWith("no undo script for V5 in set 'garage'");
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void aFailingUndoScriptLeavesTheDeviceAsItWas() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    worker.catalogue.add(TestSets.script(GARAGE, 3, ScriptKind.UNDO, "DROP INDEX no_such_index;"));
    String before = DeviceFiles.dump(file);

    RollbackResult result = worker.rollback.handle(Commands.rollback(RV, GARAGE, VersionId.of(2)));

    assertThat(result)
        .isInstanceOfSatisfying(
            RollbackFailed.class,
            failed -> {
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .contains("U3 (made up U3) of set garage failed")
                  .contains("no such index: no_such_index");
            });
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void anUndoScriptThatDoesNotRestoreTheSchemaIsNotCommitted() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    worker.catalogue.add(
        TestSets.script(
            GARAGE, 4, ScriptKind.UNDO, "DROP VIEW vehicle_summary; DROP TABLE service_log;"));
    String before = DeviceFiles.dump(file);

    RollbackResult result = worker.rollback.handle(Commands.rollback(RV, GARAGE, VersionId.of(3)));

    assertThat(result)
        .isInstanceOfSatisfying(
            RollbackFailed.class,
            failed ->
                assertThat(failed.failure().reason())
                    .isEqualTo(
                        "after the undo scripts the schema differs from garage V1..V3"
                            + " (unexpected trigger trip_adds_to_odometer);"
                            + " nothing was committed"));
    assertThat(DeviceFiles.dump(file)).isEqualTo(before);
  }

  @Test
  void rollingBackADeviceAlreadyAtTheTargetUndoesNothing() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    String before = DeviceFiles.dumpWithout(file, "flotilla_command_log");

    RollbackResult result = worker.rollback.handle(Commands.rollback(RV, GARAGE, VersionId.of(2)));

    assertThat(result).isInstanceOf(RolledBack.class);
    assertThat(DeviceFiles.dumpWithout(file, "flotilla_command_log")).isEqualTo(before);
  }

  @Test
  void aMissingDatabaseIsAnInfrastructureFailure() {
    RollbackResult result =
        worker().rollback.handle(Commands.rollback(RV, GARAGE, VersionId.of(1)));

    assertThat(result)
        .isInstanceOfSatisfying(
            RollbackFailed.class,
            failed -> assertThat(failed.failure().kind()).isEqualTo(FailureKind.INFRASTRUCTURE));
  }
}
