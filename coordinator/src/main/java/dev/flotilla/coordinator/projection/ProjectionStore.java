package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.RolloutEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The projections' SQLite file: one writer connection (guarded by a lock file, so a second process
 * cannot write too), WAL so readers never wait for it, and read-only connections for queries.
 */
public final class ProjectionStore implements AutoCloseable {
  public static final String FILE_NAME = "projections.db";
  private static final Logger log = LoggerFactory.getLogger(ProjectionStore.class);
  private static final int BUSY_TIMEOUT_MILLIS = 5_000;
  private static final int WRITER_CACHE_KIB = 32 * 1024;

  private final Path file;
  private final FileChannel lockChannel;
  private final Connection connection;
  private final ProjectionWriter writer;
  private final ProjectionQueries queries;
  private final EventFold fold;
  private final RowCache cache;

  private ProjectionStore(
      Path file,
      FileChannel lockChannel,
      Connection connection,
      ProjectionWriter writer,
      ProjectionQueries queries) {
    this.file = file;
    this.lockChannel = lockChannel;
    this.connection = connection;
    this.writer = writer;
    this.queries = queries;
    this.fold = new ProjectionFold(new MessageCodec());
    this.cache = new RowCache();
    cache.reset(writer.rolloutTablesEmpty());
  }

  /** {@value #FILE_NAME} in the coordinator's data directory. */
  public static ProjectionStore inDataDir(Path dataDir) {
    return open(dataDir.resolve(FILE_NAME));
  }

  /**
   * Opens (creating if need be) the projections at {@code file}. A file of an older shape is
   * emptied: its offsets go with it, so the projector rebuilds it from the log.
   *
   * @throws ProjectionsInUseException when another writer has it open
   */
  public static ProjectionStore open(Path file) {
    Path absolute = file.toAbsolutePath();
    FileChannel channel = null;
    Connection connection = null;
    try {
      Files.createDirectories(absolute.getParent());
      channel =
          FileChannel.open(
              absolute.resolveSibling(absolute.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      tryLock(channel, absolute);
      connection = writerConfig().createConnection("jdbc:sqlite:" + absolute);
      ProjectionWriter writer = jdbi(Jdbi.create(connection)).onDemand(ProjectionWriter.class);
      int version = writer.schemaVersion();
      if (version != ProjectionSchema.VERSION && version != 0) {
        log.warn(
            "{} has projection schema {}, this build writes {}: rebuilding it from the log",
            absolute,
            version,
            ProjectionSchema.VERSION);
        writer.recreate();
      } else {
        writer.create();
      }
      SQLiteDataSource readers = new SQLiteDataSource(readerConfig());
      readers.setUrl("jdbc:sqlite:" + absolute);
      ProjectionQueries queries = jdbi(Jdbi.create(readers)).onDemand(ProjectionQueries.class);
      return new ProjectionStore(absolute, channel, connection, writer, queries);
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(connection, channel);
      if (e instanceof ProjectionsInUseException inUse) {
        throw inUse;
      }
      throw new IllegalStateException("cannot open the projections at " + absolute + ": " + e, e);
    }
  }

  public Path file() {
    return file;
  }

  /** Where each events partition goes on from: the offset after the last event applied. */
  public synchronized Map<Integer, Long> appliedOffsets() {
    return Map.copyOf(writer.appliedOffsets());
  }

  /** Applies the events in order and records {@code nextOffsets}, in one transaction. */
  public synchronized void apply(List<RolloutEvent> events, Map<Integer, Long> nextOffsets) {
    apply(fold, events, nextOffsets);
  }

  synchronized void apply(
      EventFold withFold, List<RolloutEvent> events, Map<Integer, Long> nextOffsets) {
    writer.apply(withFold, cache, events, nextOffsets).committedTo(cache);
  }

  /** Drops every table and its offsets, in one transaction: what is left is empty. */
  public synchronized void reset() {
    writer.recreate();
    cache.reset(true);
  }

  /**
   * As {@link #reset()}, leaving out the indexes that only queries use, until {@link #indexed()}: a
   * rebuild's rows go in faster, and the queries meanwhile are slower.
   */
  public synchronized void resetUnindexed() {
    writer.recreateUnindexed();
    cache.reset(true);
  }

  /** Creates whatever index is missing. */
  public synchronized void indexed() {
    writer.createIndexes();
  }

  /** Read-only queries; each call blocks on its own connection. */
  public ProjectionQueries queries() {
    return queries;
  }

  @Override
  public synchronized void close() {
    closeQuietly(connection, lockChannel); // closing the channel releases the lock
  }

  /** Held until the channel closes. */
  private static void tryLock(FileChannel channel, Path file) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new ProjectionsInUseException(file);
      }
    } catch (OverlappingFileLockException e) {
      throw new ProjectionsInUseException(file); // held by this very process
    }
  }

  private static Jdbi jdbi(Jdbi jdbi) {
    return SqliteTypes.register(jdbi.installPlugin(new SqlObjectPlugin()));
  }

  private static SQLiteConfig writerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // NORMAL may lose the last commits on power loss, but rows and offsets go together, so the
    // projector simply applies those events again.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.enforceForeignKeys(true);
    // The writer's page cache (SQLite's default is 2 MB): a long replay updates rows and indexes
    // all over the file, and re-reading pages it just wrote cost more than keeping them.
    config.setCacheSize(-WRITER_CACHE_KIB);
    return config;
  }

  private static SQLiteConfig readerConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    return config;
  }

  private static void closeQuietly(Connection connection, FileChannel channel) {
    try {
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      log.warn("closing the projections' connection", e);
    }
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      log.warn("closing the projections' lock file", e);
    }
  }
}
