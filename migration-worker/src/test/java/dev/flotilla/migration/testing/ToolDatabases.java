package dev.flotilla.migration.testing;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.migration.catalogue.format.FolderReader;
import dev.flotilla.migration.catalogue.format.FolderScript;
import dev.flotilla.testsupport.tool.ToolMadeDatabase;
import dev.flotilla.testsupport.tool.ToolMigration;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The library schema of {@code src/test/resources/folders/<tool>}, and databases as each tool
 * leaves them: its up scripts applied with plain JDBC, as the tool runs them (in a transaction
 * unless the tool's marker says otherwise), and its history table written by device-db's {@link
 * dev.flotilla.devicedb.foreign.ForeignHistoryTable#recordApplied}, in the script's transaction.
 * The CREATE TABLE statements are the tools' own for SQLite (as device-db's tests quote them).
 */
public final class ToolDatabases {
  public static final MigrationSetId LIBRARY = MigrationSetId.of("library");

  private ToolDatabases() {}

  /** {@code folders/<folder>}, as laid out on disk. */
  public static Path folder(String folder) {
    try {
      return Path.of(ToolDatabases.class.getResource("/folders/" + folder).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The up scripts of a folder, in order. */
  public static List<FolderScript> ups(Path folder) {
    return FolderReader.read(folder).scriptsOf(ScriptKind.MIGRATE);
  }

  /** Every script of a folder as the catalogue holds it, in the set {@code library}. */
  public static Catalogue catalogue(Path folder) {
    return Catalogue.of(
        FolderReader.read(folder).scripts().stream().map(ToolDatabases::script).toList());
  }

  private static MigrationScript script(FolderScript script) {
    return new MigrationScript(
        MessageId.random(),
        Instant.now(),
        LIBRARY,
        script.version(),
        script.kind(),
        script.description(),
        script.sql(),
        TestSets.sha256(script.sql()),
        script.transactional(),
        List.of(),
        script.file(),
        null);
  }

  /**
   * A database {@code tool} migrated through the first {@code applied} up scripts of {@code
   * folder}, as test-support's {@link ToolMadeDatabase} makes one.
   */
  public static Path migratedBy(Path file, ForeignTool tool, Path folder, int applied) {
    ToolMadeDatabase.migrate(
        file,
        tool,
        ups(folder).subList(0, applied).stream()
            .map(
                up ->
                    new ToolMigration(
                        up.version().toString(),
                        up.description(),
                        up.file(),
                        up.sql(),
                        up.transactional()))
            .toList());
    return file;
  }

  /** Runs an up script as the tools do, without recording it anywhere. */
  public static void run(Path file, FolderScript up) {
    try (Connection db = open(file);
        Statement statement = db.createStatement()) {
      db.setAutoCommit(!up.transactional());
      statement.executeUpdate(up.sql());
      if (up.transactional()) {
        db.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(up.label() + ": " + e.getMessage(), e);
    }
  }

  private static Connection open(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file);
  }
}
