package dev.flotilla.migration.step;

import static dev.flotilla.migration.testing.ToolDatabases.LIBRARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.devicedb.foreign.ForeignHistory;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.migration.catalogue.format.FolderScript;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.migration.testing.ToolDatabases;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After Flotilla migrates or takes down a database its application's tool migrated, that tool's
 * history says what the tool itself would say had it run the same scripts: every version applied,
 * clean, at the version Flotilla left the database. One database per tool, made as the tool leaves
 * it from the tool's own folder.
 */
class ApplicationHistoryTest {
  private static final DeviceId RV = DeviceId.of("rv-0001");

  @TempDir Path fleet;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "FLYWAY, flyway",
    "SQLX, sqlx",
    "DIESEL, diesel",
    "GOLANG_MIGRATE, golang-migrate",
    "GOOSE, goose",
    "DBMATE, dbmate",
    "USER_VERSION, plain"
  })
  void theToolsHistoryFollowsTheMigrationUpAndTheDowngradeDown(ForeignTool tool, String folder)
      throws Exception {
    Path dir = ToolDatabases.folder(folder);
    Catalogue catalogue = ToolDatabases.catalogue(dir);
    List<VersionId> versions = ToolDatabases.ups(dir).stream().map(FolderScript::version).toList();
    VersionId second = versions.get(1);
    VersionId top = versions.get(versions.size() - 1);
    Path file = ToolDatabases.migratedBy(DeviceFiles.path(fleet, RV), tool, dir, 2);
    TestWorker worker = new TestWorker(fleet, catalogue);

    assertThat(worker.migrate.handle(Commands.migrate(RV, LIBRARY, top)))
        .isInstanceOf(MigrationsApplied.class);

    ForeignHistory up = history(file, tool);
    assertThat(up.anomalies()).isEmpty();
    assertThat(VersionId.parse(up.current().orElseThrow())).isEqualTo(top);
    if (up.applied().size() > 1) {
      // The tools that keep a row per migration: one per version, in order.
      assertThat(up.versions().stream().map(VersionId::parse).toList()).isEqualTo(versions);
    }
    assertThat(worker.verify.handle(Commands.verify(RV, LIBRARY, top)))
        .isInstanceOf(VerificationPassed.class);

    boolean undoable =
        versions.stream()
            .filter(version -> version.isAfter(second))
            .allMatch(version -> catalogue.script(LIBRARY, version, ScriptKind.UNDO).isPresent());
    if (!undoable) {
      return; // plain numbered scripts have no down scripts to take the database down with
    }
    assertThat(worker.migrate.handle(Commands.migrate(RV, LIBRARY, second)))
        .isInstanceOfSatisfying(
            MigrationsApplied.class, down -> assertThat(down.downgrade()).isTrue());

    ForeignHistory downAgain = history(file, tool);
    assertThat(downAgain.anomalies()).isEmpty();
    assertThat(VersionId.parse(downAgain.current().orElseThrow())).isEqualTo(second);
    assertThat(worker.verify.handle(Commands.verify(RV, LIBRARY, second)))
        .isInstanceOf(VerificationPassed.class);
  }

  private static ForeignHistory history(Path file, ForeignTool tool) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      return tool.historyTable().read(db);
    }
  }
}
