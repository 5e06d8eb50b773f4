package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.device.RowBaseline;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RollbackResult;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerifyResult;
import dev.flotilla.migration.testing.Chat;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No row disappears unless a script declared it: a migration runs with foreign keys off and proves
 * before commit that it broke no foreign key and that no table lost rows it did not declare; verify
 * compares against the backup's counts as a second line. Real SQLite files, compared row by row.
 */
class RowGuardTest {
  private static final DeviceId DEVICE = DeviceId.of("chat-01");

  @TempDir Path fleet;

  private TestWorker workerWith(MigrationScript... more) {
    List<MigrationScript> scripts = new ArrayList<>(List.of(Chat.v1()));
    scripts.addAll(List.of(more));
    return new TestWorker(fleet, Catalogue.of(scripts));
  }

  @Test
  void anOrmStyleRebuildOfAParentKeepsEveryCascadingChildRow() {
    TestWorker worker = workerWith(Chat.v2(Chat.REBUILD_CONVERSATIONS));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    String messages = rowsOf(file, "messages");
    String attachments = rowsOf(file, "attachments");

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(rowsOf(file, "messages")).isEqualTo(messages);
    assertThat(rowsOf(file, "attachments")).isEqualTo(attachments);
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM conversations WHERE archived = 0"))
        .isEqualTo(Chat.CONVERSATIONS);
    assertThat(DeviceFiles.rows(file, "PRAGMA foreign_key_check")).isEmpty();
  }

  @Test
  void anUndeclaredDeleteIsRolledBackAndTheReasonNamesTheTableAndItsCounts() {
    String purge =
        "ALTER TABLE messages ADD COLUMN read INTEGER; DELETE FROM messages WHERE id % 2 = 0;";
    TestWorker worker = workerWith(Chat.v2(purge));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    String before = DeviceFiles.dumpWithout(file);

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.versionNow()).isEqualTo(VersionId.of(1));
              assertThat(failed.failedVersion()).isEqualTo(VersionId.of(2));
              assertThat(failed.restoreRequired()).isFalse();
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .contains("would lose rows that no script declared")
                  .contains("messages: 300 rows → 156")
                  .contains("-- flotilla:allows-row-loss messages")
                  .contains("nothing was committed");
            });
    assertThat(DeviceFiles.dumpWithout(file)).isEqualTo(before);
  }

  @Test
  void aDeclaredLossIsApplied() {
    String purge = "DELETE FROM attachments; DELETE FROM messages WHERE id % 2 = 0;";
    TestWorker worker = workerWith(Chat.v2(purge, "messages", "attachments"));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result.succeeded()).as("%s", result).isTrue();
    // Ids are conversation * 1000 + 1..25: 13 odd ones stay in each of the 12 conversations.
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM messages")).isEqualTo(156);
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM attachments")).isZero();
  }

  @Test
  void aDeclaredPurgeOfEveryTableIsApplied() {
    TestWorker worker = workerWith(Chat.v2("DELETE FROM attachments; DELETE FROM messages;", "*"));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);

    assertThat(
            worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2))).succeeded())
        .isTrue();
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM messages")).isZero();
  }

  @Test
  void aDroppedTableLostAllItsRows() {
    TestWorker worker = workerWith(Chat.v2("DROP TABLE attachments;"));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed ->
                assertThat(failed.failure().reason())
                    .contains("attachments: dropped with 60 rows"));
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM attachments")).isEqualTo(60);
  }

  @Test
  void anEmptyTableMayBeDroppedAndARenamedTableKeepsItsRows() {
    TestWorker worker =
        workerWith(
            Chat.v2(
                "DELETE FROM attachments WHERE 0; CREATE TABLE drafts (id INTEGER PRIMARY KEY);"
                    + " DROP TABLE drafts; ALTER TABLE attachments RENAME TO files;"));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM files")).isEqualTo(60);
  }

  @Test
  void aRowLeftWithoutItsParentIsRolledBackNamingTheRows() {
    TestWorker worker = workerWith(Chat.v2("DELETE FROM conversations WHERE id = 3;", "*"));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    String before = DeviceFiles.dumpWithout(file);

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    // With foreign keys off the cascade does not run: the messages would be orphans.
    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed ->
                assertThat(failed.failure().reason())
                    .contains("rows whose parent row is missing")
                    .contains("messages rows 3001, 3002, 3003, 3004, 3005 and 20 more")
                    .contains("reference missing rows of conversations"));
    assertThat(DeviceFiles.dumpWithout(file)).isEqualTo(before);
  }

  @Test
  void orphansTheDatabaseAlreadyHadAreNamedAsSuch() {
    TestWorker worker = workerWith(Chat.v2(Chat.REBUILD_CONVERSATIONS));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    // The application never switched foreign keys on, and left an orphan behind.
    DeviceFiles.execute(file, "DELETE FROM conversations WHERE id = 12");

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed ->
                assertThat(failed.failure().reason())
                    .contains("messages rows 12001")
                    .contains("orphaned before the migration"));
  }

  @Test
  void aNoTransactionScriptThatLostRowsAsksForARestore() {
    MigrationScript v2 =
        TestSets.script(
            Chat.SET, 2, ScriptKind.MIGRATE, "DELETE FROM attachments;", false, List.of());
    TestWorker worker = workerWith(v2);
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);

    MigrateResult result =
        worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.restoreRequired()).isTrue();
              assertThat(failed.failure().reason())
                  .contains("attachments: 60 rows → 0")
                  .contains("restore the backup");
            });
    assertThat(DeviceFiles.count(file, "SELECT max(version) FROM flotilla_schema_history"))
        .isEqualTo(1);
  }

  @Test
  void aDryRunIsGuardedTheSameWay() {
    TestWorker worker = workerWith(Chat.v2("DELETE FROM messages WHERE id % 3 = 0;"));
    Chat.deviceAtV1(worker, fleet, DEVICE);

    MigrateResult result =
        worker.migrate.handle(Commands.dryRun(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(result).isNotInstanceOf(MigrationRehearsed.class);
    assertThat(((MigrationFailed) result).failure().reason())
        .startsWith("dry run: ")
        .contains("messages: 300 rows → ");
  }

  @Test
  void anUndoScriptMayDropWhatItsVersionCreatedButNotShrinkOtherTables() {
    MigrationScript v2 = Chat.v2("CREATE TABLE reactions (id INTEGER PRIMARY KEY, emoji TEXT);");
    MigrationScript goodUndo =
        TestSets.script(Chat.SET, 2, ScriptKind.UNDO, "DROP TABLE reactions;");
    TestWorker worker = workerWith(v2, goodUndo);
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));
    DeviceFiles.execute(file, "INSERT INTO reactions (emoji) VALUES ('+1'), ('-1')");

    RollbackResult rolledBack =
        worker.rollback.handle(Commands.rollback(DEVICE, Chat.SET, VersionId.of(1)));

    assertThat(rolledBack.succeeded()).as("%s", rolledBack).isTrue();

    MigrationScript greedyUndo =
        TestSets.script(
            Chat.SET, 2, ScriptKind.UNDO, "DROP TABLE reactions; DELETE FROM attachments;");
    TestWorker greedy = new TestWorker(fleet, Catalogue.of(List.of(Chat.v1(), v2, greedyUndo)));
    greedy.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(greedy.rollback.handle(Commands.rollback(DEVICE, Chat.SET, VersionId.of(1))))
        .isInstanceOfSatisfying(
            RollbackFailed.class,
            failed -> assertThat(failed.failure().reason()).contains("attachments: 60 rows → 0"));
    assertThat(DeviceFiles.count(file, "SELECT count(*) FROM attachments")).isEqualTo(60);
  }

  @Test
  void verifyFailsWhenATableHasFewerRowsThanTheBackupHeld() {
    TestWorker worker = workerWith(Chat.v2(Chat.REBUILD_CONVERSATIONS));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    RowBaseline baseline = new RowBaseline(VersionId.of(1), counts(file));
    worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));
    // Rows lost after the migration's own guard, as a no-transaction script or a bug could.
    DeviceFiles.execute(file, "DELETE FROM attachments WHERE id <= 10");

    VerifyResult result = worker.verify.handle(verify(baseline));

    assertThat(result)
        .isInstanceOfSatisfying(
            VerificationFailed.class,
            failed ->
                assertThat(failed.problems())
                    .containsExactly(
                        "rows lost since the backup at V1 that no script declared:"
                            + " attachments: 60 rows → 50"));
  }

  @Test
  void verifyAcceptsALossAScriptSinceTheBackupDeclared() {
    TestWorker worker =
        workerWith(Chat.v2("DELETE FROM attachments WHERE id <= 10;", "attachments"));
    Path file = Chat.deviceAtV1(worker, fleet, DEVICE);
    RowBaseline baseline = new RowBaseline(VersionId.of(1), counts(file));
    worker.migrate.handle(Commands.migrate(DEVICE, Chat.SET, VersionId.of(2)));

    assertThat(worker.verify.handle(verify(baseline)).succeeded()).isTrue();
  }

  private static VerifyMigration verify(RowBaseline baseline) {
    VerifyMigration plain = Commands.verify(DEVICE, Chat.SET, VersionId.of(2));
    return new VerifyMigration(
        MessageId.random(),
        plain.commandId(),
        plain.rolloutId(),
        DEVICE,
        MessageId.random(),
        Instant.now(),
        plain.deadline(),
        Chat.SET,
        VersionId.of(2),
        baseline);
  }

  private static TreeMap<String, Long> counts(Path file) {
    TreeMap<String, Long> counts = new TreeMap<>();
    for (String table : List.of("attachments", "conversations", "messages")) {
      counts.put(table, DeviceFiles.count(file, "SELECT count(*) FROM " + table));
    }
    return counts;
  }

  private static String rowsOf(Path file, String table) {
    return DeviceFiles.rows(file, "SELECT * FROM " + table + " ORDER BY id").toString();
  }
}
