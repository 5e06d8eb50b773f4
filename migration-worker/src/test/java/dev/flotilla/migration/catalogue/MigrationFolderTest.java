package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.catalogue.format.FolderFormat;
import dev.flotilla.migration.testing.TestSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFolderTest {
  private static final MigrationSetId SET = MigrationSetId.of("shop");

  @TempDir Path dir;

  @Test
  void readsEveryScriptOfAFolderInVersionThenKindOrder() {
    List<MigrationScript> scripts = TestSets.garage();

    assertThat(scripts)
        .extracting(script -> script.kind().prefix() + script.version())
        .containsExactly("V1", "V2", "U2", "C2", "V3", "U3", "C3", "P3", "V4", "U4", "C4", "V5");
    assertThat(scripts).allMatch(script -> script.migrationSet().equals(TestSets.GARAGE));
  }

  @Test
  void takesTheDescriptionFromTheNameAndTheChecksumFromTheBytes() throws IOException {
    write("V1__create_the_orders_table.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n");

    MigrationScript script = MigrationFolder.read(SET, dir).get(0);

    assertThat(script.description()).isEqualTo("create the orders table");
    assertThat(script.sha256())
        .isEqualTo(TestSets.sha256("CREATE TABLE orders (id INTEGER PRIMARY KEY);\n"));
    assertThat(script.sql()).isEqualTo("CREATE TABLE orders (id INTEGER PRIMARY KEY);\n");
    assertThat(script.key()).isEqualTo("shop/1/V");
    assertThat(script.file()).isEqualTo("V1__create_the_orders_table.sql");
    assertThat(script.replacedSha256()).isNull();
  }

  @Test
  void aScriptMarkedNoTransactionOnItsFirstLineIsNotTransactional() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("V2__compact.sql", "-- flotilla:no-transaction\r\nVACUUM;");

    List<MigrationScript> scripts = MigrationFolder.read(SET, dir);

    assertThat(scripts).extracting(MigrationScript::transactional).containsExactly(true, false);
  }

  @Test
  void theNoTransactionMarkerBelowTheFirstLineIsRefusedRatherThanIgnored() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("V2__mentions_the_marker_later.sql", "SELECT 1;\n-- flotilla:no-transaction\n");

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "V2__mentions_the_marker_later.sql:2: -- flotilla:no-transaction only"
                            + " counts on the first line of a script; move it there"));
  }

  @Test
  void allowsRowLossLinesBecomeTheScriptsAllowedTables() throws IOException {
    write("V1__base.sql", "CREATE TABLE messages (x);\nCREATE TABLE sessions (x);");
    write(
        "V2__purge.sql",
        "-- flotilla:allows-row-loss messages\n-- flotilla:allows-row-loss Sessions\n"
            + "DELETE FROM messages;\nDELETE FROM sessions;");
    write("U2__purge.sql", "-- flotilla:allows-row-loss *\nDELETE FROM messages;");

    List<MigrationScript> scripts = MigrationFolder.read(SET, dir);

    assertThat(scripts.get(0).allowedRowLoss()).isEmpty();
    assertThat(scripts.get(1).allowedRowLoss()).containsExactly("messages", "sessions");
    assertThat(scripts.get(2).kind()).isEqualTo(ScriptKind.UNDO);
    assertThat(scripts.get(2).allowedRowLoss()).containsExactly("*");
  }

  @Test
  void aBadDirectiveOrOneOnAVerificationScriptIsAProblemNamingFileAndLine() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);\n-- flotilla:allow-row-loss t\nDELETE FROM t;");
    write("C1__check.sql", "-- flotilla:allows-row-loss t\nSELECT 1 WHERE 0;");

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .satisfiesExactly(
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "V1__base.sql:2: unknown directive -- flotilla:allow-row-loss;"
                                        + " the known ones are -- flotilla:no-transaction"),
                        p ->
                            assertThat(p)
                                .startsWith(
                                    "C1__check.sql:1: -- flotilla:allows-row-loss belongs in V"
                                        + " and U scripts")));
  }

  @Test
  void rowLossDeclaredAtPushJoinsTheVScriptsOwnAndNothingElse() throws IOException {
    write("V1__base.sql", "CREATE TABLE messages (x);");
    write("V2__purge.sql", "-- flotilla:allows-row-loss audit\nDELETE FROM messages;");
    write("U2__purge.sql", "SELECT 1;");
    write("C2__check.sql", "SELECT 1 WHERE 0;");

    List<MigrationScript> scripts =
        MigrationFolder.read(
            SET, dir, RowLossDeclarations.parse(List.of("2=messages,sessions", "1=*")));

    assertThat(scripts)
        .extracting(
            script -> script.kind().prefix() + script.version(), MigrationScript::allowedRowLoss)
        .containsExactly(
            tuple("V1", List.of("*")),
            tuple("V2", List.of("audit", "messages", "sessions")),
            tuple("U2", List.of()),
            tuple("C2", List.of()));
  }

  @Test
  void rowLossDeclaredForAVersionWithoutAVScriptIsAProblem() throws IOException {
    write("V1__base.sql", "CREATE TABLE messages (x);");
    write("V1.1__more.sql", "CREATE TABLE sessions (x);");
    write("U1.1__more.sql", "DROP TABLE sessions;");

    assertThatThrownBy(
            () ->
                MigrationFolder.read(
                    SET,
                    dir,
                    RowLossDeclarations.parse(
                        List.of("1=messages", "1.10=messages", "1.1=sessions", "7=*"))))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "row loss is declared for V1.10, but the folder has no up script of"
                            + " version 1.10 (its versions are 1, 1.1)",
                        "row loss is declared for V7, but the folder has no up script of version"
                            + " 7 (its versions are 1, 1.1)"));
  }

  @Test
  void rowLossIsDeclaredForADottedVersionAndDirectivesKeepTheirLinesInAGooseSection()
      throws IOException {
    write(
        "00001_base.sql",
        "-- +goose Up\nCREATE TABLE books (x);\n-- +goose Down\nDROP TABLE books;\n");
    write(
        "00002_purge.sql",
        "-- A comment before the section.\n"
            + "-- +goose Up\n"
            + "-- flotilla:allows-row-loss books\n"
            + "DELETE FROM books;\n"
            + "PRAGMA foreign_keys=OFF;\n"
            + "-- +goose Down\n"
            + "-- flotilla:allows-row-los books\n"
            + "SELECT 1;\n");

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "00002_purge.sql:7: unknown directive -- flotilla:allows-row-los;"));

    write(
        "00002_purge.sql",
        "-- A comment before the section.\n"
            + "-- +goose Up\n"
            + "-- flotilla:allows-row-loss books\n"
            + "DELETE FROM books;\n"
            + "PRAGMA foreign_keys=OFF;\n"
            + "-- +goose Down\n"
            + "SELECT 1;\n");
    MigrationFolder.Contents contents =
        MigrationFolder.load(
            SET,
            dir,
            RowLossDeclarations.parse(List.of("1=books", "2=authors")),
            Clock.systemUTC());

    assertThat(contents.scriptsOf(ScriptKind.MIGRATE))
        .extracting(script -> script.version().toString(), MigrationScript::allowedRowLoss)
        .containsExactly(
            tuple("00001", List.of("books")), tuple("00002", List.of("authors", "books")));
    assertThat(contents.warnings())
        .extracting(ScriptWarning::file, ScriptWarning::line)
        .containsExactly(tuple("00002_purge.sql", 5));
  }

  @Test
  void aDeclarationMakesANewMessageAndNoneKeepsTheIdPushesHadBefore() throws IOException {
    write("V1__base.sql", "CREATE TABLE messages (x);");
    String sha256 = TestSets.sha256("CREATE TABLE messages (x);");

    MigrationScript plain = MigrationFolder.read(SET, dir).get(0);
    MigrationScript declared =
        MigrationFolder.read(SET, dir, RowLossDeclarations.parse(List.of("1=messages"))).get(0);
    MigrationScript declaredAgain =
        MigrationFolder.read(SET, dir, RowLossDeclarations.parse(List.of("1=MESSAGES"))).get(0);
    MigrationScript declaredOther =
        MigrationFolder.read(SET, dir, RowLossDeclarations.parse(List.of("1=*"))).get(0);

    assertThat(plain.messageId()).isEqualTo(MessageId.derivedFrom("shop/V1/" + sha256));
    assertThat(declared.messageId())
        .isNotEqualTo(plain.messageId())
        .isEqualTo(declaredAgain.messageId())
        .isNotEqualTo(declaredOther.messageId());
    assertThat(declared.sha256()).isEqualTo(plain.sha256());
  }

  @Test
  void warnsAboutStatementsThatFailOrDoNothingInTheTransactionAndStillReads() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("V2__rebuild.sql", "PRAGMA foreign_keys=OFF;\nCREATE TABLE t2 (x);\nVACUUM;");
    write("C2__check.sql", "PRAGMA foreign_keys=OFF;\nSELECT 1 WHERE 0;");
    write("V3__compact.sql", "-- flotilla:no-transaction\nVACUUM;");

    MigrationFolder.Contents contents =
        MigrationFolder.load(SET, dir, RowLossDeclarations.NONE, Clock.systemUTC());

    assertThat(contents.scripts()).hasSize(4);
    assertThat(contents.warnings())
        .extracting(ScriptWarning::file, ScriptWarning::line)
        .containsExactly(tuple("V2__rebuild.sql", 1), tuple("V2__rebuild.sql", 3));
  }

  @Test
  void readingTheSameFolderTwiceGivesTheSameMessageIds() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");

    assertThat(MigrationFolder.read(SET, dir).get(0).messageId())
        .isEqualTo(MigrationFolder.read(SET, dir).get(0).messageId());
  }

  @Test
  void ignoresHiddenFilesAndFilesThatAreNotSql() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("README.md", "notes");
    write(".V2__editor_swap.sql", "garbage");

    assertThat(MigrationFolder.read(SET, dir)).hasSize(1);
  }

  @Test
  void dottedVersionsAndGapsAreVersionsOfTheirOwnInNumericOrder() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("V1.1__dotted.sql", "CREATE TABLE u (x);");
    write("V1_2__underscored.sql", "CREATE TABLE v (x);");
    write("V10__after_a_gap.sql", "CREATE TABLE w (x);");
    write("V2__two.sql", "CREATE TABLE y (x);");

    assertThat(MigrationFolder.read(SET, dir))
        .extracting(script -> script.version().toString(), MigrationScript::file)
        .containsExactly(
            tuple("1", "V1__base.sql"),
            tuple("1.1", "V1.1__dotted.sql"),
            tuple("1.2", "V1_2__underscored.sql"),
            tuple("2", "V2__two.sql"),
            tuple("10", "V10__after_a_gap.sql"));
  }

  @Test
  void reportsEveryProblemOfABadFolderAtOnce() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("V01__base_again.sql", "CREATE TABLE u (x);");
    write("V4_single_underscore.sql", "CREATE TABLE w (x);");
    write("U7__undo_nothing.sql", "DROP TABLE z;");
    write("C8__check_nothing.sql", "SELECT 1;");
    write("P9__probe_nothing.sql", "SELECT 1 WHERE 0;");

    assertThatThrownBy(
            () ->
                MigrationFolder.load(
                    SET,
                    dir,
                    MigrationFolder.Options.DETECT.withFormat(FolderFormat.FLYWAY),
                    Clock.systemUTC()))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "V1__base.sql: V01__base_again.sql already holds the up script of version"
                            + " 1",
                        "V4_single_underscore.sql: '4_single_underscore' is not a Flyway version"
                            + " (whole numbers separated by . or _); expected"
                            + " V<version>__<description>.sql, U<version>__… or R__…",
                        "U7__undo_nothing.sql: there is no up script of version 7 for it to undo",
                        "C8__check_nothing.sql: there is no up script of version 8 for it to"
                            + " verify",
                        "P9__probe_nothing.sql: there is no up script of version 9 for it to run"
                            + " before"))
        .hasMessageContaining("has 5 problems");
  }

  @Test
  void aMisnamedScriptInFlotillasOwnLayoutIsNamedWhenTheLayoutIsDetected() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("V2_single_underscore.sql", "CREATE TABLE w (x);");

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "flyway: 1 script is not named V<version>__<description>.sql,"
                            + " U<version>__… or R__… (V2_single_underscore.sql)"));
  }

  @Test
  void versionZeroIsNoVersion() throws IOException {
    write("V0__zero.sql", "SELECT 1;");
    write("V1__base.sql", "CREATE TABLE t (x);");

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "V0__zero.sql: version 0 stands for a database no version was applied"
                            + " to; number versions from 1 up"));
  }

  @Test
  void refusesEmptyScriptsAndTextThatIsNotUtf8() throws IOException {
    write("V1__empty.sql", "  \n");
    Files.write(dir.resolve("V2__latin1.sql"), new byte[] {'S', 'E', 'L', (byte) 0xE9});

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "V1__empty.sql: has no SQL to run, only comments and blank lines",
                        "V2__latin1.sql: is not UTF-8 text"));
  }

  @Test
  void refusesAFolderWithoutMigrateScripts() throws IOException {
    write("U1__undo.sql", "DROP TABLE t;");

    assertThatThrownBy(() -> MigrationFolder.read(SET, dir))
        .isInstanceOf(MigrationFolderException.class)
        .hasMessageContaining("has no migration scripts in the Flyway layout");
  }

  @Test
  void refusesSomethingThatIsNotAFolder() {
    assertThatThrownBy(() -> MigrationFolder.read(SET, dir.resolve("nowhere")))
        .isInstanceOf(MigrationFolderException.class)
        .hasMessageEndingWith("nowhere: is not a directory");
  }

  @Test
  void undoVerificationAndProbeScriptsKeepTheirKind() {
    assertThat(TestSets.garage())
        .filteredOn(script -> script.version().equals(VersionId.of(3)))
        .extracting(MigrationScript::kind)
        .containsExactly(ScriptKind.MIGRATE, ScriptKind.UNDO, ScriptKind.VERIFY, ScriptKind.PROBE);
  }

  @Test
  void aProbeScriptIsReadWithItsKeyAndDescription() throws IOException {
    write("V1__base.sql", "CREATE TABLE t (x);");
    write("P1__no_bad_rows_yet.sql", "SELECT 1 WHERE 0;");

    MigrationScript probe = MigrationFolder.read(SET, dir).get(1);

    assertThat(probe.kind()).isEqualTo(ScriptKind.PROBE);
    assertThat(probe.key()).isEqualTo("shop/1/P");
    assertThat(probe.description()).isEqualTo("no bad rows yet");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }
}
