package dev.flotilla.migration;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.Outgoing;
import dev.flotilla.messaging.RecordHandler;
import dev.flotilla.migration.inventory.FleetInventory;
import dev.flotilla.migration.step.Steps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each command record into its reply on {@code flotilla.replies}, and after a migrate (not a
 * dry run) or rollback also into a fresh inventory report of the device on {@code
 * flotilla.device-inventory}, all published in the loop's transaction; a migration that carries its
 * verification is verified at once, and that reply follows. Runs on the loop's threads, never on an
 * event loop.
 */
public final class CommandDispatcher implements RecordHandler {
  private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

  private final Steps steps;
  private final Catalogue catalogue;
  private final CatalogueSync catalogueSync;
  private final FleetInventory inventory;

  public CommandDispatcher(
      Steps steps, Catalogue catalogue, CatalogueSync catalogueSync, FleetInventory inventory) {
    this.steps = steps;
    this.catalogue = catalogue;
    this.catalogueSync = catalogueSync;
    this.inventory = inventory;
  }

  @Override
  public List<Outgoing<?>> handle(Incoming<?> record) {
    if (!(record.value() instanceof WorkerCommand command)) {
      LOG.warn(
          "ignoring {} at {}/{}: not a command", record.value(), record.topic(), record.offset());
      return List.of();
    }
    // Commands are keyed by device: the loop never runs two of one device at once.
    Optional<WorkerReply> reply = dispatch(command);
    if (reply.isEmpty()) {
      LOG.warn(
          "ignoring a {} command for {}: not a step of this worker",
          command.step(),
          command.deviceId());
      return List.of();
    }
    List<Outgoing<?>> outgoing = new ArrayList<>();
    outgoing.add(Outgoing.to(Topics.REPLIES, reply.get()));
    if (changesTheDevice(command)) {
      inventory
          .report(command.deviceId())
          .ifPresent(report -> outgoing.add(Outgoing.to(Topics.DEVICE_INVENTORY, report)));
    }
    carriedVerification(command, reply.get())
        .ifPresent(verify -> outgoing.add(Outgoing.to(Topics.REPLIES, dispatch(verify).get())));
    return outgoing;
  }

  /**
   * The verification a migration carried, due once its versions are applied: run at once, its reply
   * in the same transaction, after the migration's (replayed from the command log when the command
   * comes again, and verified again: verification only reads).
   */
  private static Optional<VerifyMigration> carriedVerification(
      WorkerCommand command, WorkerReply reply) {
    if (command instanceof ApplyMigrations migrate && reply instanceof MigrationsApplied) {
      return Optional.ofNullable(migrate.verifyAfter());
    }
    return Optional.empty();
  }

  /** A dry run or a check leaves the device as it was: nothing new to report about it. */
  private static boolean changesTheDevice(WorkerCommand command) {
    return (command instanceof ApplyMigrations migrate && !migrate.dryRun())
        || command instanceof RollbackMigrations;
  }

  private Optional<WorkerReply> dispatch(WorkerCommand command) {
    if (command instanceof RunSafetyCheck check) {
      if (!check.restoring()) { // a check before a restore asks nothing of the catalogue
        ensureKnown(check.migrationSet(), check.targetVersion());
      }
      return Optional.of(steps.safetyCheck().handle(check));
    }
    if (command instanceof ApplyMigrations migrate) {
      ensureKnown(migrate.migrationSet(), migrate.targetVersion());
      return Optional.of(steps.migrate().handle(migrate));
    }
    if (command instanceof VerifyMigration verify) {
      ensureKnown(verify.migrationSet(), verify.targetVersion());
      return Optional.of(steps.verify().handle(verify));
    }
    if (command instanceof RollbackMigrations rollback) {
      ensureKnown(rollback.migrationSet(), rollback.toVersion());
      return Optional.of(steps.rollback().handle(rollback));
    }
    return Optional.empty();
  }

  /** Catches the catalogue up once when it cannot answer; the step then decides either way. */
  private void ensureKnown(MigrationSetId set, VersionId version) {
    if (!catalogue.knowsSet(set) || catalogue.chain(set, version).isEmpty()) {
      catalogueSync.catchUp();
    }
  }
}
