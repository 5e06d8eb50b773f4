package dev.flotilla.backup;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.testsupport.crash.ChildProtocol;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.stream.Stream;

/**
 * Takes one backup into a folder on the small file system its parent mounted for it ({@link
 * SmallFileSystem}), then reports what that folder holds, since the mount, and what is on it, ends
 * with this process.
 *
 * <p>Usage: {@code DiskChild FLEET_DIR MOUNT_POINT COMMAND_JSON [LEAVE]}. The backup folder is
 * {@code MOUNT_POINT/backups}. With {@code LEAVE} (a number), another file fills the file system
 * right after the backup's free-space check has measured it, leaving {@code LEAVE} times the
 * database's size free: the check passes on the real figure and the disk runs out during the work.
 * Prints {@code DONE <ms> <reply JSON>}, then a {@code FILE <path> <bytes>} line per regular file
 * under the backup folder.
 */
public final class DiskChild {
  static final String FILE = "FILE ";

  private DiskChild() {}

  public static void main(String[] args) throws IOException, SQLException {
    MessageCodec codec = new MessageCodec();
    TakeBackup command = codec.decode(args[2], TakeBackup.class);
    FleetLayout fleet = new FleetLayout(Path.of(args[0]));
    Path mountPoint = Path.of(args[1]);
    Path backupDir = Files.createDirectories(mountPoint.resolve("backups"));
    FreeSpaceProbe freeSpace = FreeSpaceProbe.fileStore();
    if (args.length > 3) {
      Path database = fleet.database(command.deviceId());
      long databaseBytes =
          Files.size(database) + DurableFiles.sizeOrZero(SqliteCompanions.wal(database));
      long leave = (long) (Double.parseDouble(args[3]) * databaseBytes);
      freeSpace = fillingRightAfterMeasuring(mountPoint.resolve("filler"), leave);
    }
    CrashChild.loadSqlite();

    long start = System.nanoTime();
    BackupResult reply =
        new BackupTaker(new BackupLayout(backupDir), fleet, freeSpace, Clock.systemUTC())
            .backup(command);
    ChildProtocol.done((System.nanoTime() - start) / 1_000_000, codec.encodeToString(reply));
    try (Stream<Path> files = Files.walk(backupDir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        ChildProtocol.println(FILE + backupDir.relativize(file) + " " + Files.size(file));
      }
    }
  }

  /** The real free space, after which another writer takes all of it but {@code leave} bytes. */
  private static FreeSpaceProbe fillingRightAfterMeasuring(Path filler, long leave) {
    return directory -> {
      long free = FreeSpaceProbe.fileStore().usableBytes(directory);
      fill(filler, free - leave);
      return free;
    };
  }

  private static void fill(Path filler, long bytes) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (long written = 0; written + block.length <= bytes; written += block.length) {
        out.write(block);
      }
    }
  }
}
