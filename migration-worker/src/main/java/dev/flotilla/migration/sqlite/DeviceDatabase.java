package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * One device's SQLite file, {@code <fleet dir>/<device id>.db}. Every operation opens its own
 * connection and closes it when done; the worker runs one command per device at a time, so there is
 * never a second writer of ours on the file.
 */
public final class DeviceDatabase {
  /** How long a statement waits for a lock held by another process before SQLITE_BUSY. */
  public static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final DeviceId device;
  private final Path file;

  private DeviceDatabase(DeviceId device, Path file) {
    this.device = device;
    this.file = file;
  }

  public static DeviceDatabase in(Path fleetDir, DeviceId device) {
    return new DeviceDatabase(device, fleetDir.resolve(device.value() + ".db"));
  }

  public DeviceId device() {
    return device;
  }

  public Path file() {
    return file;
  }

  public boolean exists() {
    return Files.isRegularFile(file);
  }

  /** The bytes the database occupies: the main file and its write-ahead log. */
  public long sizeBytes() throws IOException {
    Path wal = file.resolveSibling(file.getFileName() + "-wal");
    return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
  }

  /**
   * A read-write connection: WAL, {@code synchronous=FULL} (NORMAL can lose the last commits on
   * power loss), foreign keys enforced, transactions that take the write lock when they begin.
   * Never creates the file.
   */
  public Handle openForWriting() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return open(config);
  }

  /** A connection that cannot change the file, for checks and inventory. */
  public Handle openForReading() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setReadOnly(true);
    return open(config);
  }

  private static SQLiteConfig baseConfig() {
    SQLiteConfig config = new SQLiteConfig();
    // A missing device file is an error to report, never an empty database to create.
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    // Only settable outside a transaction, hence here, when the connection opens.
    config.enforceForeignKeys(true);
    return config;
  }

  private Handle open(SQLiteConfig config) throws SQLException {
    Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    return Jdbi.open(connection);
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
