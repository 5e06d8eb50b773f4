package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatements;
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

  /** How long {@link #writeLockFree} waits for the lock: a busy device is simply checked later. */
  private static final SqlParser SHARED_PARSER = new ColonPrefixSqlParser();

  static final int LOCK_PROBE_TIMEOUT_MILLIS = 1_000;

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

  /** The write-ahead log next to the main file, {@code <device id>.db-wal}. */
  public Path walFile() {
    return file.resolveSibling(file.getFileName() + "-wal");
  }

  /** The bytes the database occupies: the main file and its write-ahead log. */
  public long sizeBytes() throws IOException {
    return Files.size(file) + walSizeBytes();
  }

  /** The size of the write-ahead log, 0 when there is none. */
  public long walSizeBytes() throws IOException {
    Path wal = walFile();
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  /** The bytes of the database's pages as a connection sees them, committed WAL frames included. */
  public static long pageBytes(Handle handle) {
    long pages = handle.createQuery("PRAGMA page_count").mapTo(Long.class).one();
    long pageSize = handle.createQuery("PRAGMA page_size").mapTo(Long.class).one();
    return pages * pageSize;
  }

  /**
   * Writes a consistent copy of the database (the main file with every commit still in its WAL) to
   * {@code target}, which must not exist. {@code VACUUM INTO} reads one snapshot through a
   * read-only connection and writes only {@code target}; the copy is compact and in rollback
   * journal mode.
   */
  public void copyTo(Path target) throws SQLException {
    try (Handle handle = openForReading()) {
      handle
          .createUpdate("VACUUM INTO :target")
          .bind("target", target.toAbsolutePath().toString())
          .execute();
    }
  }

  /**
   * Whether a migration could take the write lock now: takes it and lets it go at once, writing
   * nothing to the main file or the WAL. The probing connection sets no journal mode (switching to
   * WAL rewrites the header of a file in rollback mode), and a read-only connection stays open
   * around it, so the probe never closes as the last connection, which in WAL mode would checkpoint
   * the WAL into the main file. The read-only connection, closing last, cannot checkpoint.
   */
  public boolean writeLockFree() throws SQLException {
    try (Handle guard = openForReading()) {
      // A read takes the shared lock that a connection in WAL mode keeps until it closes.
      guard.createQuery("SELECT count(*) FROM sqlite_master").mapTo(Integer.class).one();
      try (Handle probe = open(lockProbeConfig())) {
        probe.begin();
        probe.rollback();
        return true;
      } catch (RuntimeException e) {
        if (SqliteErrors.isBusy(e)) {
          return false;
        }
        throw e;
      }
    }
  }

  /**
   * A read-write connection in the journal mode the application chose (rollback journal or WAL: the
   * mode is the application's, persists in the file, and is never switched here), {@code
   * synchronous=FULL} (NORMAL can lose the last commits on power loss), foreign keys enforced,
   * transactions that take the write lock when they begin. Never creates the file.
   */
  public Handle openForWriting() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return open(config);
  }

  /**
   * A read-write connection for a command: as {@link #openForWriting()}, but a wait for a lock that
   * another connection holds (the device's application writing) ends when the command's deadline
   * passes, with SQLITE_BUSY (see {@link LockWait}).
   */
  public Handle openForWriting(Deadline deadline) throws SQLException {
    return openForWriting(deadline, Duration.ofMillis(BUSY_TIMEOUT_MILLIS));
  }

  /**
   * As {@link #openForWriting(Deadline)}, waiting up to {@code lockWait} (and never past the
   * deadline) each time the application holds a lock the command needs.
   */
  public Handle openForWriting(Deadline deadline, Duration lockWait) throws SQLException {
    Handle handle = openForWriting();
    try {
      LockWait.install(handle.getConnection(), deadline, lockWait);
      return handle;
    } catch (SQLException | RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  /**
   * A connection that cannot change the database, for checks, copies and inventory: SQLite opens
   * the main file and the WAL read-only and never checkpoints from it. (Next to a WAL database
   * without them, SQLite creates an empty {@code -wal} and the {@code -shm} index: no content.)
   */
  public Handle openForReading() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setReadOnly(true);
    return open(config);
  }

  /**
   * A read-only connection for a command's checks: as {@link #openForReading()}, and whatever it
   * still runs when the command's deadline passes is stopped (see {@link DeadlineInterrupt}).
   */
  public Handle openForReading(Deadline deadline) throws SQLException {
    Handle handle = openForReading();
    try {
      DeadlineInterrupt.install(handle.getConnection(), deadline);
      return handle;
    } catch (SQLException | RuntimeException e) {
      handle.close();
      throw e;
    }
  }

  private static SQLiteConfig lockProbeConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setBusyTimeout(LOCK_PROBE_TIMEOUT_MILLIS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return config;
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
    Handle handle = Jdbi.open(connection);
    // Each Jdbi.open makes a new Jdbi whose parse cache starts empty; a fleet's devices all run
    // the same statements, so they share one (thread-safe) parser and its cache.
    handle.getConfig(SqlStatements.class).setSqlParser(SHARED_PARSER);
    return handle;
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
