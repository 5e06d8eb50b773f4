package dev.flotilla.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.device.DeviceStateReport;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.Outgoing;
import dev.flotilla.migration.inventory.FleetInventory;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.testing.Garage;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandDispatcherTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");

  @TempDir Path fleet;

  private final Catalogue catalogue = new Catalogue();
  private final AtomicInteger catchUps = new AtomicInteger();

  /** The topic as the catalogue reader would find it when asked to catch up. */
  private final List<MigrationScript> published = TestSets.garage();

  private CommandDispatcher dispatcher() {
    TestWorker steps = new TestWorker(fleet, catalogue);
    steps.devices.accept(
        new DeviceStateReport(
            MessageId.random(),
            Instant.now(),
            RV,
            Instant.now(),
            DeviceConditions.IDLE,
            List.of("canary")));
    return new CommandDispatcher(
        steps.steps,
        catalogue,
        () -> {
          catchUps.incrementAndGet();
          published.forEach(catalogue::add);
        },
        new FleetInventory(new DatabaseFolder(fleet), Clock.systemUTC()));
  }

  @Test
  void aMigrateCommandIsAnsweredWithItsReplyAndTheDevicesNewInventoryReportAlone() {
    CommandDispatcher dispatcher = dispatcher();
    published.forEach(catalogue::add);
    Garage.deviceAt(worker(), fleet, RV, 1);

    List<Outgoing<?>> outgoing =
        dispatcher.handle(incoming(Commands.migrate(RV, TestSets.GARAGE, VersionId.of(3))));

    assertThat(outgoing).hasSize(2);
    assertThat(outgoing.get(0).topic()).isEqualTo(Topics.REPLIES);
    assertThat(outgoing.get(1).topic()).isEqualTo(Topics.DEVICE_INVENTORY);
    assertThat((DeviceInventoryReport) outgoing.get(1).value())
        .satisfies(
            report -> {
              assertThat(report.deviceId()).isEqualTo(RV);
              assertThat(report.schemaVersion()).isEqualTo(VersionId.of(3));
              assertThat(report.sizeBytes()).isPositive();
            });
  }

  @Test
  void aMigrationCarryingItsVerificationIsVerifiedAtOnceAndBothRepliesGoTogether() {
    CommandDispatcher dispatcher = dispatcher();
    published.forEach(catalogue::add);
    Path file = Garage.deviceAt(worker(), fleet, RV, 1);
    VerifyMigration verify = Commands.verify(RV, TestSets.GARAGE, VersionId.of(3));
    ApplyMigrations migrate =
        carrying(Commands.migrate(RV, TestSets.GARAGE, VersionId.of(3)), verify);

    List<Outgoing<?>> outgoing = dispatcher.handle(incoming(migrate));
    // Redelivered, as after a crash before the transaction committed: the migration's reply is
    // replayed from the command log, the verification runs again, nothing is applied twice.
    List<Outgoing<?>> again = dispatcher.handle(incoming(migrate));

    for (List<Outgoing<?>> replies : List.of(outgoing, again)) {
      assertThat(replies)
          .extracting(out -> out.topic().name())
          .containsExactly(
              Topics.REPLIES.name(), Topics.DEVICE_INVENTORY.name(), Topics.REPLIES.name());
      assertThat(replies.get(0).value()).isInstanceOf(MigrationsApplied.class);
      assertThat(replies.get(2).value())
          .isInstanceOfSatisfying(
              VerificationPassed.class,
              passed -> {
                assertThat(passed.commandId()).isEqualTo(verify.commandId());
                assertThat(passed.version()).isEqualTo(VersionId.of(3));
              });
    }
    assertThat(again.get(0).value()).isEqualTo(outgoing.get(0).value());
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM flotilla_schema_history"))
        .isEqualTo(3);
  }

  @Test
  void aMigrationThatFailedDoesNotRunTheVerificationItCarried() {
    CommandDispatcher dispatcher = dispatcher();
    published.forEach(catalogue::add);
    Garage.deviceAt(worker(), fleet, RV, 1);
    ApplyMigrations migrate =
        carrying(
            Commands.migrate(RV, TestSets.GARAGE, VersionId.of(8)),
            Commands.verify(RV, TestSets.GARAGE, VersionId.of(8)));

    List<Outgoing<?>> outgoing = dispatcher.handle(incoming(migrate));

    assertThat(outgoing)
        .filteredOn(out -> out.topic().equals(Topics.REPLIES))
        .singleElement()
        .satisfies(out -> assertThat(out.value()).isInstanceOf(MigrationFailed.class));
  }

  private static ApplyMigrations carrying(ApplyMigrations m, VerifyMigration verify) {
    return new ApplyMigrations(
        m.messageId(),
        m.commandId(),
        m.rolloutId(),
        m.deviceId(),
        m.causationId(),
        m.occurredAt(),
        m.deadline(),
        m.migrationSet(),
        m.targetVersion(),
        m.dryRun(),
        m.lockWaitSeconds(),
        m.maxStateAgeSeconds(),
        m.adopt(),
        verify);
  }

  @Test
  void aDryRunIsAnsweredWithItsReplyOnlyForTheDeviceDidNotChange() {
    CommandDispatcher dispatcher = dispatcher();
    published.forEach(catalogue::add);
    Garage.deviceAt(worker(), fleet, RV, 1);

    List<Outgoing<?>> outgoing =
        dispatcher.handle(incoming(Commands.dryRun(RV, TestSets.GARAGE, VersionId.of(3))));

    assertThat(outgoing)
        .singleElement()
        .satisfies(out -> assertThat(out.value()).isInstanceOf(MigrationRehearsed.class));
  }

  @Test
  void aSafetyCheckIsAnsweredWithItsReplyOnly() {
    CommandDispatcher dispatcher = dispatcher();
    published.forEach(catalogue::add);
    Garage.deviceAt(worker(), fleet, RV, 1);

    List<Outgoing<?>> outgoing =
        dispatcher.handle(
            incoming(Commands.safetyCheck(RV, TestSets.GARAGE, VersionId.of(3), true)));

    assertThat(outgoing)
        .singleElement()
        .satisfies(out -> assertThat(out.topic()).isEqualTo(Topics.REPLIES));
  }

  @Test
  void aSafetyCheckBeforeARestoreIsAnsweredWithoutAskingTheCatalogue() {
    CommandDispatcher dispatcher = dispatcher();
    Garage.deviceAt(new TestWorker(fleet, TestSets.garageCatalogue()), fleet, RV, 2);

    List<Outgoing<?>> outgoing =
        dispatcher.handle(incoming(Commands.safetyCheckBeforeRestore(RV, true)));

    assertThat(catchUps).hasValue(0);
    assertThat(outgoing)
        .singleElement()
        .satisfies(
            out ->
                assertThat(out.value())
                    .isInstanceOfSatisfying(
                        SafetyCheckPassed.class,
                        passed -> assertThat(passed.currentVersion()).isEqualTo(VersionId.of(2))));
  }

  @Test
  void aCommandForAnUnknownVersionCatchesTheCatalogueUpOnceBeforeDeciding() {
    CommandDispatcher dispatcher = dispatcher();
    Path file = DeviceFiles.createEmpty(fleet, RV);

    List<Outgoing<?>> outgoing =
        dispatcher.handle(incoming(Commands.migrate(RV, TestSets.GARAGE, VersionId.of(2))));

    assertThat(catchUps).hasValue(1);
    assertThat(((WorkerReply) outgoing.get(0).value()).succeeded()).isTrue();
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(2);

    dispatcher.handle(incoming(Commands.verify(RV, TestSets.GARAGE, VersionId.of(2))));
    assertThat(catchUps).hasValue(1);
  }

  @Test
  void aVersionStillUnknownAfterCatchingUpIsAFailureReply() {
    CommandDispatcher dispatcher = dispatcher();
    DeviceFiles.createEmpty(fleet, RV);

    List<Outgoing<?>> outgoing =
        dispatcher.handle(incoming(Commands.verify(RV, TestSets.GARAGE, VersionId.of(8))));

    assertThat(catchUps).hasValue(1);
    assertThat(outgoing)
        .singleElement()
        .satisfies(out -> assertThat(((WorkerReply) out.value()).succeeded()).isFalse());
  }

  private TestWorker worker() {
    return new TestWorker(fleet, catalogue);
  }

  private static Incoming<WorkerCommand> incoming(WorkerCommand command) {
    Step step = command.step();
    return new Incoming<>(Topics.commands(step), 0, 0, command.deviceId().value(), command);
  }
}
