package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.VerifyResult;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.Telemetry;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyStepTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");
  private static final MigrationSetId GARAGE = TestSets.GARAGE;

  @TempDir Path fleet;

  private TestWorker worker() {
    return new TestWorker(fleet, TestSets.garageCatalogue());
  }

  @Test
  void aMigratedDeviceHasTheFingerprintOfTheChainAppliedToAnEmptyDatabase() throws Exception {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 4);
    String chainFingerprint =
        new ChainFingerprints()
            .of(
                worker.catalogue.chain(GARAGE, VersionId.of(4)).orElseThrow(),
                Deadline.none(Clock.systemUTC()))
            .sha256();

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(4)));

    assertThat(result)
        .isInstanceOfSatisfying(
            VerificationPassed.class,
            passed -> {
              assertThat(passed.version()).isEqualTo(VersionId.of(4));
              assertThat(passed.schemaFingerprint()).isEqualTo(chainFingerprint);
            });
  }

  @Test
  void aDeviceAtAnotherVersionFailsWithTheSchemaDifferences() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 3);

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(4)));

    assertThat(problems(result))
        .containsExactly(
            "the device is at V3, not V4",
            "the schema differs from garage V1..V4: missing table service_log,"
                + " missing trigger trip_adds_to_odometer, missing view vehicle_summary",
            "C4 (summary counts every vehicle) failed: [SQLITE_ERROR] SQL error or missing"
                + " database (no such table: vehicle_summary)");
  }

  @Test
  void anObjectAddedByHandIsFound() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.execute(file, "CREATE TABLE notes (text TEXT)");

    assertThat(problems(worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(2)))))
        .containsExactly("the schema differs from garage V1..V2: unexpected table notes");
  }

  @Test
  void rowsReturnedByAVerificationQueryFailTheDevice() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 3);
    DeviceFiles.execute(file, "UPDATE vehicle SET odometer_km = -5 WHERE id = 2");

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(3)));

    assertThat(problems(result))
        .containsExactly(
            "C2 (odometers are not negative) returned rows, the first: (id=2, odometer_km=-5.0)");
    assertThat(((VerificationFailed) result).kind()).isEqualTo(FailureKind.BUSINESS);
  }

  @Test
  void rowsWithoutTheirParentAreForeignKeyViolations() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 2);
    DeviceFiles.execute(file, "INSERT INTO trip (id, vehicle_id, km) VALUES (77, 99, 1.0)");

    assertThat(problems(worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(2)))))
        .containsExactly("foreign key violation: trip rows 77 reference missing rows of vehicle");
  }

  @Test
  void aMissingDatabaseOrAnUnknownVersionIsAnInfrastructureFailure() {
    TestWorker worker = worker();

    VerifyResult missing = worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(2)));
    Garage.deviceAt(worker, fleet, RV, 2);
    VerifyResult unknown = worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(8)));

    assertThat(missing)
        .isInstanceOfSatisfying(
            VerificationFailed.class,
            failed -> assertThat(failed.kind()).isEqualTo(FailureKind.INFRASTRUCTURE));
    assertThat(unknown)
        .isInstanceOfSatisfying(
            VerificationFailed.class,
            failed -> {
              assertThat(failed.kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
              assertThat(failed.problems())
                  .containsExactly(
                      "the catalogue of set 'garage' lacks V8 (its highest version is V5)");
            });
  }

  @Test
  void aCorruptDatabaseFailsVerification() throws Exception {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    DeviceFiles.corrupt(file);

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, VersionId.of(4)));

    assertThat(result)
        .isInstanceOfSatisfying(
            VerificationFailed.class,
            failed -> assertThat(failed.kind()).isEqualTo(FailureKind.BUSINESS));
  }

  @Test
  void aVerificationQueryStillRunningAtTheDeadlineIsStoppedAndTheDeviceFailsVerification()
      throws Exception {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 3);
    worker.catalogue.add(
        TestSets.script(
            GARAGE,
            3,
            ScriptKind.VERIFY,
            "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c)"
                + " SELECT n FROM c WHERE n < 0;"));
    VerifyMigration command =
        Commands.verify(RV, GARAGE, VersionId.of(3), Instant.now().plus(Duration.ofMillis(300)));

    // Bounded, not timed: without the deadline the query would never end.
    VerifyResult result =
        CompletableFuture.supplyAsync(() -> worker.verify.handle(command))
            .get(60, TimeUnit.SECONDS);

    assertThat(problems(result))
        .containsExactly("C3 (made up C3) was stopped at the deadline " + command.deadline());
  }

  @Test
  void aVerifyPastItsDeadlineStopsItsChecksAndSaysSo() {
    TestWorker worker = new TestWorker(fleet, Catalogue.of(TestSets.telemetry()));
    DeviceId device = DeviceId.of("rv-big");
    // Big enough for integrity_check to ask the progress handler many times. Made by another
    // worker: the migration that makes it remembers the chains' fingerprints, and this one must
    // take V1's anew to be stopped doing so.
    Telemetry.deviceAtV1(
        new TestWorker(fleet, Catalogue.of(TestSets.telemetry())),
        fleet,
        device,
        Telemetry.READINGS);
    VerifyMigration command =
        Commands.verify(device, TestSets.TELEMETRY, VersionId.of(1), Instant.now().minusSeconds(1));

    VerifyResult result = worker.verify.handle(command);

    assertThat(problems(result))
        .containsExactly(
            "applying telemetry V1..V1 to an empty database: V1 (create vehicles and readings)"
                + " of set telemetry was stopped at the deadline "
                + command.deadline(),
            "the checks were stopped at the deadline " + command.deadline());
  }

  @Test
  void aRedeliveredVerifyCommandChangesNoByteAndGetsTheSameAnswer() throws Exception {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    // A commit still in the WAL: closing a writing connection last would move it.
    DeviceFiles.commitIntoWalOnly(
        file, "INSERT INTO vehicle (id, vin, name) VALUES (9, 'VIN-Z', 'Zion')");
    DeviceFiles.DatabaseBytes before = DeviceFiles.bytes(file);
    VerifyMigration command = Commands.verify(RV, GARAGE, VersionId.of(4));

    VerifyResult first = worker.verify.handle(command);
    DeviceFiles.DatabaseBytes afterFirst = DeviceFiles.bytes(file);
    VerifyResult second = worker.verify.handle(command);

    assertThat(first).isInstanceOf(VerificationPassed.class);
    assertThat(afterFirst).isEqualTo(before);
    assertThat(DeviceFiles.bytes(file)).isEqualTo(before);
    assertThat(second.messageId()).isNotEqualTo(first.messageId());
    assertThat(second)
        .usingRecursiveComparison()
        .ignoringFields("messageId", "occurredAt")
        .isEqualTo(first);
  }

  private static java.util.List<String> problems(VerifyResult result) {
    assertThat(result).isInstanceOf(VerificationFailed.class);
    return ((VerificationFailed) result).problems();
  }
}
