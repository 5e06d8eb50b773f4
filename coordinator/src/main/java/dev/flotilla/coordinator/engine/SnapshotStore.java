package dev.flotilla.coordinator.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

/**
 * Snapshots of partition state in the coordinator's data directory, so a restarted instance replays
 * only the events after its last snapshot instead of the whole log. A snapshot is a shortcut, never
 * the truth: a missing or unreadable one just means a full replay.
 */
final class SnapshotStore implements AutoCloseable {
  private final Connection connection;

  private SnapshotStore(Connection connection) {
    this.connection = connection;
  }

  static SnapshotStore open(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute(
            "CREATE TABLE IF NOT EXISTS partition_snapshots ("
                + " partition INTEGER PRIMARY KEY, body TEXT NOT NULL, taken_at TEXT NOT NULL)");
      }
      return new SnapshotStore(connection);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot open the snapshot store " + file, e);
    }
  }

  synchronized Optional<String> load(int partition) {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT body FROM partition_snapshots WHERE partition = ?")) {
      select.setInt(1, partition);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the snapshot of partition " + partition, e);
    }
  }

  synchronized void save(int partition, String body, Instant takenAt) {
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO partition_snapshots (partition, body, taken_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (partition) DO UPDATE SET body = excluded.body,"
                + " taken_at = excluded.taken_at")) {
      upsert.setInt(1, partition);
      upsert.setString(2, body);
      upsert.setString(3, takenAt.toString());
      upsert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save the snapshot of partition " + partition, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a store we only read and wrote whole rows in: nothing is lost.
    }
  }
}
