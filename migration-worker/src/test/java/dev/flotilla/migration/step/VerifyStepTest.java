package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.VerifyResult;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.Deadline;
import dev.flotilla.migration.testing.Commands;
import dev.flotilla.migration.testing.DeviceFiles;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import java.nio.file.Path;
import java.time.Clock;
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
            .of(worker.catalogue.chain(GARAGE, 4).orElseThrow(), Deadline.none(Clock.systemUTC()))
            .sha256();

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, 4));

    assertThat(result)
        .isInstanceOfSatisfying(
            VerificationPassed.class,
            passed -> {
              assertThat(passed.version()).isEqualTo(4);
              assertThat(passed.schemaFingerprint()).isEqualTo(chainFingerprint);
            });
  }

  @Test
  void aDeviceAtAnotherVersionFailsWithTheSchemaDifferences() {
    TestWorker worker = worker();
    Garage.deviceAt(worker, fleet, RV, 3);

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, 4));

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

    assertThat(problems(worker.verify.handle(Commands.verify(RV, GARAGE, 2))))
        .containsExactly("the schema differs from garage V1..V2: unexpected table notes");
  }

  @Test
  void rowsReturnedByAVerificationQueryFailTheDevice() {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 3);
    DeviceFiles.execute(file, "UPDATE vehicle SET odometer_km = -5 WHERE id = 2");

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, 3));

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

    assertThat(problems(worker.verify.handle(Commands.verify(RV, GARAGE, 2))))
        .containsExactly(
            "foreign key violation: row 77 of table trip references a missing row of vehicle");
  }

  @Test
  void aMissingDatabaseOrAnUnknownVersionIsAnInfrastructureFailure() {
    TestWorker worker = worker();

    VerifyResult missing = worker.verify.handle(Commands.verify(RV, GARAGE, 2));
    Garage.deviceAt(worker, fleet, RV, 2);
    VerifyResult unknown = worker.verify.handle(Commands.verify(RV, GARAGE, 8));

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
                  .containsExactly("the catalogue of set 'garage' lacks V6..V8");
            });
  }

  @Test
  void aCorruptDatabaseFailsVerification() throws Exception {
    TestWorker worker = worker();
    Path file = Garage.deviceAt(worker, fleet, RV, 4);
    DeviceFiles.corrupt(file);

    VerifyResult result = worker.verify.handle(Commands.verify(RV, GARAGE, 4));

    assertThat(result)
        .isInstanceOfSatisfying(
            VerificationFailed.class,
            failed -> assertThat(failed.kind()).isEqualTo(FailureKind.BUSINESS));
  }

  private static java.util.List<String> problems(VerifyResult result) {
    assertThat(result).isInstanceOf(VerificationFailed.class);
    return ((VerificationFailed) result).problems();
  }
}
