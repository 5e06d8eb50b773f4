package dev.flotilla.cli;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.migration.catalogue.format.FolderReader;
import dev.flotilla.migration.catalogue.format.FolderReading;
import dev.flotilla.migration.catalogue.format.FolderScript;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.library.LibraryData;
import dev.flotilla.testsupport.tool.ToolHistoryTables;
import dev.flotilla.testsupport.tool.ToolMadeDatabase;
import dev.flotilla.testsupport.tool.ToolMigration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Device databases of a library application that migrates itself with its own tool, from one of the
 * folder fixtures ({@link FixtureFolders}): the folder read by migration-worker's {@link
 * FolderReader} in the tool's layout, its up scripts to a version run as the tool runs them ({@link
 * ToolMadeDatabase}), then the application's rows ({@link LibraryData}). Flyway's repeatable
 * scripts are left out: Flotilla rolls out versions, and a view no version has would make the
 * schema one no version of the set fingerprints.
 */
final class ToolMadeFleet {
  private final ForeignTool tool;
  private final FolderReading reading;

  private ToolMadeFleet(ForeignTool tool, FolderReading reading) {
    this.tool = tool;
    this.reading = reading;
  }

  /** The application migrating with {@code tool} from {@code folder}, in the tool's layout. */
  static ToolMadeFleet of(ForeignTool tool, Path folder) {
    return new ToolMadeFleet(tool, FolderReader.read(folder));
  }

  ForeignTool tool() {
    return tool;
  }

  Path folder() {
    return reading.folder();
  }

  /** Every version of the folder, lowest first. */
  List<VersionId> versions() {
    return ups().stream().map(FolderScript::version).toList();
  }

  VersionId top() {
    List<VersionId> versions = versions();
    return versions.get(versions.size() - 1);
  }

  /**
   * A device database at {@code file} (a WAL database, as applications keep them) that the tool
   * migrated to {@code version}, with the application's rows, seeded from the file's name.
   */
  Path device(Path file, VersionId version) {
    migrated(file, version);
    LibraryData.seed(file, file.getFileName().toString().hashCode());
    return file;
  }

  /**
   * What the tool's history holds, the clock's columns left out, once the tool itself migrated a
   * database to {@code version}: made in {@code scratch}, a folder of the caller's.
   */
  List<List<String>> historyAt(VersionId version, Path scratch) {
    Path file = scratch.resolve(tool + "-at-" + version + "-" + System.nanoTime() + ".db");
    migrated(file, version);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return ToolHistoryTables.rowsWithoutClock(db, tool);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The up scripts to {@code version}, as the tool names them. */
  List<ToolMigration> upTo(VersionId version) {
    if (!versions().contains(version)) {
      throw new IllegalArgumentException(folder() + " has no version " + version);
    }
    return ups().stream()
        .filter(up -> !up.version().isAfter(version))
        .map(
            up ->
                new ToolMigration(
                    up.version().toString(),
                    up.description(),
                    up.file(),
                    up.sql(),
                    up.transactional()))
        .toList();
  }

  private void migrated(Path file, VersionId version) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DeviceFiles.execute(file, "PRAGMA journal_mode = WAL");
    ToolMadeDatabase.migrate(file, tool, upTo(version));
  }

  private List<FolderScript> ups() {
    return reading.scriptsOf(ScriptKind.MIGRATE);
  }
}
