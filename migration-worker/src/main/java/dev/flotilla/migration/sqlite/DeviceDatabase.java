package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.DeviceFile;
import dev.flotilla.devicedb.FileOwnership;
import dev.flotilla.devicedb.FleetLayout;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * One device's database as the migration worker's steps use it: its {@link DeviceFile}, opened the
 * way device-db opens every device file ({@link DeviceConnections}), as Jdbi handles. Every
 * operation opens its own connection and closes it when done; the worker runs one command per
 * device at a time, so there is never a second writer of ours on the file.
 */
public final class DeviceDatabase {
  /** How long a statement waits for a lock held by another process before SQLITE_BUSY. */
  public static final Duration LOCK_WAIT = DeviceConnections.LOCK_WAIT;

  private final DeviceFile file;

  private DeviceDatabase(DeviceFile file) {
    this.file = file;
  }

  public static DeviceDatabase in(Path fleetDir, DeviceId device) {
    return new DeviceDatabase(DeviceFile.in(fleetDir, device));
  }

  public static DeviceDatabase in(Path fleetDir, FleetLayout layout, DeviceId device) {
    return new DeviceDatabase(DeviceFile.in(fleetDir, layout, device));
  }

  public DeviceId device() {
    return file.device();
  }

  public Path file() {
    return file.path();
  }

  public boolean exists() {
    return file.exists();
  }

  /** The bytes the database occupies: the main file and its write-ahead log. */
  public long sizeBytes() throws IOException {
    return file.sizeBytes();
  }

  /** The size of the write-ahead log, 0 when there is none. */
  public long walSizeBytes() throws IOException {
    return file.walSizeBytes();
  }

  /** The bytes of the database's pages as a connection sees them, committed WAL frames included. */
  public static long pageBytes(Handle handle) {
    long pages = handle.createQuery("PRAGMA page_count").mapTo(Long.class).one();
    long pageSize = handle.createQuery("PRAGMA page_size").mapTo(Long.class).one();
    return pages * pageSize;
  }

  /** A consistent copy of the database at {@code target} ({@link DeviceConnections#copy}). */
  public void copyTo(Path target, Deadline deadline) throws SQLException {
    DeviceConnections.copy(file.path(), target, deadline, LOCK_WAIT);
  }

  /**
   * Whether a migration could take the write lock now ({@link DeviceConnections#writeLockFree}).
   */
  public boolean writeLockFree() throws SQLException {
    return DeviceConnections.writeLockFree(file.path());
  }

  /** A read-write connection ({@link DeviceConnections#readWrite(Path)}). */
  public Handle openForWriting() throws SQLException {
    return writing(DeviceConnections.readWrite(file.path()));
  }

  /** A read-write connection for a command, its waits for locks ending at the deadline. */
  public Handle openForWriting(Deadline deadline) throws SQLException {
    return openForWriting(deadline, LOCK_WAIT);
  }

  /**
   * As {@link #openForWriting(Deadline)}, waiting up to {@code lockWait} (and never past the
   * deadline) each time the application holds a lock the command needs.
   */
  public Handle openForWriting(Deadline deadline, Duration lockWait) throws SQLException {
    return writing(DeviceConnections.readWrite(file.path(), deadline, lockWait));
  }

  /**
   * A writing connection may create a {@code -wal} or {@code -shm} as the workers' user: when it is
   * done, they get the database's owner and mode, so the application can still open them.
   */
  private Handle writing(Connection connection) {
    Handle handle = handle(connection);
    handle.addCleanable(this::keepOwnershipOfCompanions);
    return handle;
  }

  private void keepOwnershipOfCompanions() throws SQLException {
    try {
      FileOwnership.alignCompanions(file.path());
    } catch (IOException e) {
      throw new SQLException("could not give " + file + "'s companions its owner and mode", e);
    }
  }

  /** A connection that cannot change the database ({@link DeviceConnections#readOnly(Path)}). */
  public Handle openForReading() throws SQLException {
    return handle(DeviceConnections.readOnly(file.path()));
  }

  /** A read-only connection for a command's checks, stopped at the deadline. */
  public Handle openForReading(Deadline deadline) throws SQLException {
    return handle(DeviceConnections.readOnly(file.path(), deadline));
  }

  private static Handle handle(Connection connection) {
    return ConnectionHandles.open(connection);
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
