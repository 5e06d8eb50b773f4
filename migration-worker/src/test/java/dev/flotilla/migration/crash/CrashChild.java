package dev.flotilla.migration.crash;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.crash.ChildProtocol;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs in a child JVM: handles one migrate or rollback command on a device of a fleet folder with
 * the worker's own steps, so that a test can kill the process (kill -9) in the middle of the work.
 *
 * <p>Arguments: the fleet folder, the migration set, the folder of its scripts, a file holding the
 * command as JSON, and a small database of the device at the same version. The child first handles
 * the command on a copy of the small database, so that the JVM has loaded and linked everything the
 * work needs (a kill should land in the work, not in class loading). Then it talks to its parent as
 * {@link ChildProtocol} says, handles the command on the device, and reports the reply's JSON on
 * the {@code DONE} line.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path fleet = Path.of(args[0]);
    MigrationSetId set = MigrationSetId.of(args[1]);
    Path scripts = Path.of(args[2]);
    MessageCodec codec = new MessageCodec();
    WorkerCommand command = codec.decode(Files.readString(Path.of(args[3])), WorkerCommand.class);
    Path warmUpDevice = Path.of(args[4]);
    Catalogue catalogue = Catalogue.of(MigrationFolder.read(set, scripts));

    Path warmUpFleet = Files.createDirectories(fleet.resolveSibling("warm-up"));
    Files.copy(warmUpDevice, DeviceFiles.path(warmUpFleet, command.deviceId()));
    WorkerReply warmUp = handle(new TestWorker(warmUpFleet, catalogue), command);
    codec.encodeToString(warmUp);
    if (!warmUp.succeeded()) {
      throw new IllegalStateException("the warm-up failed: " + warmUp);
    }

    TestWorker worker = new TestWorker(fleet, catalogue);
    if (!ChildProtocol.readyThenAwaitGo()) {
      throw new IllegalStateException("expected " + ChildProtocol.GO);
    }
    long start = System.nanoTime();
    WorkerReply reply = handle(worker, command);
    ChildProtocol.done((System.nanoTime() - start) / 1_000_000, codec.encodeToString(reply));
  }

  private static WorkerReply handle(TestWorker worker, WorkerCommand command) {
    if (command instanceof ApplyMigrations migrate) {
      return worker.migrate.handle(migrate);
    }
    if (command instanceof RollbackMigrations rollback) {
      return worker.rollback.handle(rollback);
    }
    throw new IllegalArgumentException("not a command that changes the device: " + command);
  }
}
