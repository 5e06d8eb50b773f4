package dev.flotilla.devicedb.open;

import dev.flotilla.devicedb.SqliteFailures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * How Flotilla opens a device database, whichever step does it: never creating a missing file (a
 * missing device file is an error to report, not an empty database to make), in the journal mode
 * the application chose (it persists in the file and is never switched here), and with one policy
 * for waiting on the application's locks: up to a patience, and never past the step's deadline
 * ({@link LockWait}). Each connection is the caller's to close.
 */
public final class DeviceConnections {
  /**
   * How long a wait for a lock held by another connection lasts, unless a step says otherwise. An
   * application writing steadily in rollback-journal mode keeps readers out for seconds at a time
   * (each commit's pending lock turns new readers away), so a shorter wait fails busy devices that
   * would have been read a moment later.
   */
  public static final Duration LOCK_WAIT = Duration.ofSeconds(10);

  /** A backup step of every page: one read transaction, one snapshot. */
  private static final int ALL_PAGES = -1;

  /** How long {@link #writeLockFree} waits for the lock: a busy device is simply checked later. */
  static final int LOCK_PROBE_TIMEOUT_MILLIS = 1_000;

  private DeviceConnections() {}

  /**
   * A connection that cannot change the database, for checks, copies and inventory: SQLite opens
   * the main file and the WAL read-only and never checkpoints from it. (Next to a WAL database
   * without them, SQLite creates an empty {@code -wal} and the {@code -shm} index: no content.)
   */
  public static Connection readOnly(Path file) throws SQLException {
    return open(file, readOnlyConfig());
  }

  /**
   * A read-only connection for a step's checks: as {@link #readOnly(Path)}, a wait for a lock ends
   * at the deadline, and whatever the connection still runs when the deadline passes is stopped
   * ({@link DeadlineInterrupt}).
   */
  public static Connection readOnly(Path file, Deadline deadline) throws SQLException {
    Connection connection = readOnly(file);
    try {
      LockWait.install(connection, deadline, LOCK_WAIT);
      DeadlineInterrupt.install(connection, deadline);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A read-write connection: {@code synchronous=FULL} (NORMAL can lose the last commits on power
   * loss), foreign keys enforced, transactions that take the write lock when they begin.
   */
  public static Connection readWrite(Path file) throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    return open(file, config);
  }

  /**
   * A read-write connection for a step: as {@link #readWrite(Path)}, waiting up to {@code lockWait}
   * (and never past the deadline) each time the application holds a lock the step needs, then
   * failing with SQLITE_BUSY.
   */
  public static Connection readWrite(Path file, Deadline deadline, Duration lockWait)
      throws SQLException {
    Connection connection = readWrite(file);
    try {
      LockWait.install(connection, deadline, lockWait);
      return connection;
    } catch (SQLException | RuntimeException e) {
      connection.close();
      throw e;
    }
  }

  /**
   * A read-write connection as {@link #readWrite(Path)} that creates the file when it is missing:
   * for provisioning a device database (the demo fleet, tests), never for a step.
   */
  public static Connection create(Path file) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout((int) LOCK_WAIT.toMillis());
    config.enforceForeignKeys(true);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    return open(file, config);
  }

  /**
   * Whether a step could take the write lock now: takes it and lets it go at once, writing nothing
   * to the main file or the WAL. The probing connection sets no journal mode (switching to WAL
   * rewrites the header of a file in rollback mode), and a read-only connection stays open around
   * it, so the probe never closes as the last connection, which in WAL mode would checkpoint the
   * WAL into the main file. The read-only connection, closing last, cannot checkpoint.
   */
  public static boolean writeLockFree(Path file) throws SQLException {
    try (Connection guard = readOnly(file);
        Statement read = guard.createStatement()) {
      // A read takes the shared lock that a connection in WAL mode keeps until it closes.
      try (ResultSet rows = read.executeQuery("SELECT count(*) FROM sqlite_master")) {
        rows.next();
      }
      try (Connection probe = open(file, lockProbeConfig())) {
        probe.setAutoCommit(false);
        probe.rollback();
        return true;
      } catch (SQLException e) {
        if (SqliteFailures.isBusy(e)) {
          return false;
        }
        throw e;
      }
    }
  }

  /**
   * Writes a consistent copy of the database (the main file with every commit still in its WAL) to
   * {@code target}, which must not exist. {@code VACUUM INTO} reads one snapshot through a
   * read-only connection and writes only {@code target}, so the application goes on writing while
   * it copies; the copy is compact, in the source's journal mode. A wait for the application's lock
   * lasts up to {@code lockWait} and never past the deadline.
   */
  public static void copy(Path source, Path target, Deadline deadline, Duration lockWait)
      throws SQLException {
    try (Connection db = readOnly(source)) {
      LockWait.install(db, deadline, lockWait);
      try (PreparedStatement vacuum = db.prepareStatement("VACUUM INTO ?")) {
        vacuum.setString(1, target.toAbsolutePath().toString());
        vacuum.execute();
      }
    }
  }

  /**
   * Writes a page-for-page copy of one snapshot of the database (the main file with every commit
   * still in its WAL) to {@code target}, which must not exist, with SQLite's online backup API. One
   * backup step copies every page under one read transaction of the source, so the application goes
   * on writing while it copies (in WAL mode; in rollback-journal mode its commits wait, as for any
   * reader). Unlike {@code VACUUM INTO} nothing is rebuilt: the copy is the source's bytes, free
   * pages included, in the source's journal mode, committed to the target with SQLite's own journal
   * and sync. A wait for the application's lock lasts up to {@code lockWait} and never past the
   * deadline.
   *
   * @return the pages copied, which with the page size make the target's size
   * @throws SQLException when the copy did not complete (the target is then unusable)
   */
  public static long pageCopy(Path source, Path target, Deadline deadline, Duration lockWait)
      throws SQLException {
    try (Connection db = readOnly(source)) {
      LockWait.install(db, deadline, lockWait);
      PageCopyProgress progress = new PageCopyProgress();
      // The driver's own retries stay off: the lock wait above already waited as long as allowed.
      int code =
          db.unwrap(SQLiteConnection.class)
              .getDatabase()
              .backup("main", target.toAbsolutePath().toString(), progress, 0, 0, ALL_PAGES);
      if (code != SQLiteErrorCode.SQLITE_OK.code || !progress.finished()) {
        // A step that gave up on the source's lock may leave the target's code at OK: the missing
        // report of the last page is what tells.
        SQLiteErrorCode cause =
            code == SQLiteErrorCode.SQLITE_OK.code
                ? SQLiteErrorCode.SQLITE_BUSY
                : SQLiteErrorCode.getErrorCode(code);
        throw new SQLiteException(
            cause + ": the online backup of " + source + " did not complete (" + progress + ")",
            cause);
      }
      return progress.pages();
    }
  }

  /**
   * A read-only connection to a file nobody else writes or will write while it is open (a backup
   * not yet published): SQLite takes no locks, looks for no WAL and cannot write a byte, so the
   * file's bytes stay those that were checksummed.
   */
  public static Connection frozen(Path file) throws SQLException {
    SQLiteConfig config = readOnlyConfig();
    config.setOpenMode(SQLiteOpenMode.OPEN_URI);
    return open("file:" + file.toAbsolutePath().toUri().getRawPath() + "?immutable=1", config);
  }

  private static SQLiteConfig readOnlyConfig() {
    SQLiteConfig config = baseConfig();
    config.setReadOnly(true);
    return config;
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
    config.setBusyTimeout((int) LOCK_WAIT.toMillis());
    // Only settable outside a transaction, hence here, when the connection opens.
    config.enforceForeignKeys(true);
    return config;
  }

  private static Connection open(Path file, SQLiteConfig config) throws SQLException {
    return open(file.toAbsolutePath().toString(), config);
  }

  private static Connection open(String name, SQLiteConfig config) throws SQLException {
    return config.createConnection("jdbc:sqlite:" + name);
  }
}
