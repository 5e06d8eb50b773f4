package dev.flotilla.bench;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.open.DeviceConnections;
import dev.flotilla.devkit.DemoFleet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.sqlite.SQLiteConfig;

/**
 * Whether a variant really did its work: after a run, every device of the copy must have exactly
 * the schema that V1..V5 give an empty database (the tools' own history tables aside) and pass the
 * set's verification queries C3..C5, which check the backfilled data. Runs outside the timing.
 */
final class FleetCheck {
  private final String expectedSchema;
  private final List<String> verifications;

  private FleetCheck(String expectedSchema, List<String> verifications) {
    this.expectedSchema = expectedSchema;
    this.verifications = verifications;
  }

  /** The schema of {@code V*} scripts of the set applied in order to an empty database. */
  static FleetCheck forLatestOf(Path migrationSet) throws IOException, SQLException {
    List<Path> migrations = scripts(migrationSet, "V");
    List<String> verifications = new ArrayList<>();
    for (Path check : scripts(migrationSet, "C")) {
      verifications.add(Files.readString(check, StandardCharsets.UTF_8));
    }
    try (Connection empty = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
        Statement statement = empty.createStatement()) {
      for (Path migration : migrations) {
        statement.executeUpdate(Files.readString(migration, StandardCharsets.UTF_8));
      }
      return new FleetCheck(schemaOf(statement), List.copyOf(verifications));
    }
  }

  /** Every problem found, one line per device; empty when all are at the latest version. */
  List<String> problems(Path fleetDir, List<DeviceId> devices) {
    List<String> problems = new ArrayList<>();
    for (DeviceId device : devices) {
      Path file = DemoFleet.databaseOf(fleetDir, device);
      try {
        problemOf(file).ifPresent(problem -> problems.add(device + ": " + problem));
      } catch (SQLException e) {
        problems.add(device + ": cannot be read: " + e.getMessage());
      }
    }
    return problems;
  }

  private Optional<String> problemOf(Path file) throws SQLException {
    if (!Files.isRegularFile(file)) {
      return Optional.of("no database file");
    }
    try (Connection db = DeviceConnections.readOnly(file);
        Statement statement = db.createStatement()) {
      if (!Objects.equals(schemaOf(statement), expectedSchema)) {
        return Optional.of("its schema is not that of the latest version");
      }
      for (String verification : verifications) {
        try (ResultSet rows = statement.executeQuery(verification)) {
          if (rows.next()) {
            return Optional.of("a verification query returns rows: " + verification);
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Every schema object but SQLite's own and the migration tools' history tables. */
  private static String schemaOf(Statement statement) throws SQLException {
    StringBuilder schema = new StringBuilder();
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_master"
                + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                + " AND tbl_name NOT LIKE 'flotilla\\_%' ESCAPE '\\'"
                + " AND tbl_name NOT LIKE 'flyway\\_%' ESCAPE '\\'"
                + " ORDER BY type, name")) {
      while (rows.next()) {
        for (int column = 1; column <= 4; column++) {
          schema.append(rows.getString(column)).append('\u001f');
        }
        schema.append('\n');
      }
    }
    return schema.toString();
  }

  private static List<Path> scripts(Path folder, String kind) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(
              file -> {
                String name = file.getFileName().toString();
                return name.startsWith(kind) && name.contains("__") && name.endsWith(".sql");
              })
          .sorted(Comparator.comparingInt(file -> versionOf(file.getFileName().toString())))
          .toList();
    }
  }

  private static int versionOf(String fileName) {
    return Integer.parseInt(fileName.substring(1, fileName.indexOf("__")));
  }
}
