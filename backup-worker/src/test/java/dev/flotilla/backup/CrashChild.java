package dev.flotilla.backup;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.testsupport.crash.ChildProtocol;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Runs one backup or restore command in a JVM of its own, so a test can kill it (kill -9) part-way
 * and look at what it left on disk.
 *
 * <p>Usage: {@code CrashChild FLEET_DIR BACKUP_DIR COMMAND_JSON}, the command as the codec writes
 * it. Talks to its parent as {@link ChildProtocol} says; the result on the {@code DONE} line is the
 * reply, as the codec writes it.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws IOException, SQLException {
    MessageCodec codec = new MessageCodec();
    WorkerCommand command = codec.decode(args[2], WorkerCommand.class);
    BackupLayout backups = new BackupLayout(Path.of(args[1]));
    FleetLayout fleet = new FleetLayout(Path.of(args[0]));
    Clock clock = Clock.systemUTC();
    BackupTaker taker = new BackupTaker(backups, fleet, FreeSpaceProbe.fileStore(), clock);
    BackupRestorer restorer = new BackupRestorer(backups, fleet, FreeSpaceProbe.fileStore(), clock);
    loadSqlite();

    if (!ChildProtocol.readyThenAwaitGo()) {
      return;
    }
    long start = System.nanoTime();
    WorkerReply reply =
        command instanceof TakeBackup backup
            ? taker.backup(backup)
            : restorer.restore((RestoreBackup) command);
    ChildProtocol.done((System.nanoTime() - start) / 1_000_000, codec.encodeToString(reply));
  }

  /** Loads the native library first, so the work that is timed and killed is only the work. */
  static void loadSqlite() throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      db.getMetaData();
    }
  }
}
