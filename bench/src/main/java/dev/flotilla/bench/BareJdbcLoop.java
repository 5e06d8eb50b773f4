package dev.flotilla.bench;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devkit.DemoFleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The floor: open each database, run the pending scripts in one transaction, commit. No history, no
 * checks, no way to tell later what ran. Connections are set as the product sets them (WAL, {@code
 * synchronous=FULL}, foreign keys on, a busy timeout), so the durability is the same.
 */
final class BareJdbcLoop implements MigrationVariant {
  private final Path fleetDir;
  private final List<String> scripts;

  /**
   * @param migrationSet the folder of the set; V3, V4 and V5 are read once, here
   */
  BareJdbcLoop(Path fleetDir, Path migrationSet, int fromVersion, int toVersion)
      throws IOException {
    this.fleetDir = fleetDir;
    List<String> texts = new ArrayList<>();
    for (int version = fromVersion + 1; version <= toVersion; version++) {
      texts.add(Files.readString(scriptOf(migrationSet, version), StandardCharsets.UTF_8));
    }
    this.scripts = List.copyOf(texts);
  }

  @Override
  public String key() {
    return "bare";
  }

  @Override
  public String title() {
    return "bare JDBC loop";
  }

  @Override
  public String does() {
    return "opens the database, runs V3..V5 in one transaction, commits; records nothing";
  }

  @Override
  public Path fleetDir() {
    return fleetDir;
  }

  @Override
  public void migrateAll(List<DeviceId> devices) throws SQLException {
    for (DeviceId device : devices) {
      try (Connection connection = open(device);
          Statement statement = connection.createStatement()) {
        connection.setAutoCommit(false);
        for (String script : scripts) {
          // sqlite-jdbc runs every statement of the text, trigger bodies included.
          statement.executeUpdate(script);
        }
        connection.commit();
      }
    }
  }

  @Override
  public ConnectionSettings connectionSettings(DeviceId device) throws SQLException {
    try (Connection connection = open(device)) {
      return ConnectionSettings.of(connection);
    }
  }

  private Connection open(DeviceId device) throws SQLException {
    Connection connection =
        DriverManager.getConnection(
            "jdbc:sqlite:" + DemoFleet.databaseOf(fleetDir, device).toAbsolutePath());
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("PRAGMA synchronous=FULL");
      statement.execute("PRAGMA foreign_keys=ON");
      statement.execute("PRAGMA busy_timeout=5000");
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  static Path scriptOf(Path folder, int version) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith("V" + version + "__"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no V" + version + " script in " + folder));
    }
  }
}
