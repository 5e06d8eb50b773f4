package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.refusal;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.ScriptKind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlxLayoutTest {
  private static final FolderFormat SQLX = FolderFormat.SQLX;

  @TempDir Path dir;

  @Test
  void readsReversiblePairsInVersionOrderWithTheirTimestampVersions() {
    FolderReading reading = FolderReader.read(fixture("sqlx"));

    assertThat(reading.scripts())
        .extracting(script -> script.kind().prefix() + script.version())
        .containsExactly(
            "V20240601090000",
            "U20240601090000",
            "V20240605131359",
            "U20240605131359",
            "V20240612080000",
            "U20240612080000",
            "C20240612080000",
            "V20240620173000",
            "U20240620173000",
            "P20240620173000",
            "V20240701120000",
            "U20240701120000");
    assertThat(reading.scripts().get(0).description()).isEqualTo("create authors and books");
  }

  @Test
  void onlyAScriptThatStartsWithNoTransactionRunsOutsideOne() {
    write(dir, "1_create.sql", "CREATE TABLE t (x);\n");
    write(dir, "2_compact.sql", "-- no-transaction\nVACUUM;\n");
    write(dir, "3_later.sql", "\n-- no-transaction\nCREATE TABLE u (x);\n");
    write(dir, "4_bom.sql", "\uFEFF-- no-transaction\nCREATE TABLE v (x);\n");

    assertThat(FolderReader.read(dir, SQLX).scripts())
        .extracting(FolderScript::file, FolderScript::transactional)
        .containsExactly(
            tuple("1_create.sql", true),
            tuple("2_compact.sql", false),
            tuple("3_later.sql", true),
            tuple("4_bom.sql", true));
    assertThat(FolderReader.read(fixture("sqlx")).scripts())
        .filteredOn(script -> !script.transactional())
        .extracting(FolderScript::file)
        .containsExactly("20240701120000_open_loans_index.up.sql");
  }

  @Test
  void simpleAndReversibleMigrationsMixAsSqlxMixesThem() {
    write(dir, "1_create.sql", "CREATE TABLE t (x);\n");
    write(dir, "1_create.down.sql", "DROP TABLE t;\n");
    write(dir, "2_more.up.sql", "CREATE TABLE u (x);\n");

    assertThat(FolderReader.read(dir, SQLX).scripts())
        .extracting(FolderScript::kind, FolderScript::description)
        .containsExactly(
            tuple(ScriptKind.MIGRATE, "create"),
            tuple(ScriptKind.UNDO, "create"),
            tuple(ScriptKind.MIGRATE, "more"));
  }

  @Test
  void anEmptyDownScriptIsNoDownScript() {
    write(dir, "1_create.up.sql", "CREATE TABLE t (x);\n");
    write(dir, "1_create.down.sql", "-- Add down migration script here\n");

    assertThat(FolderReader.read(dir, SQLX).scripts())
        .extracting(FolderScript::kind)
        .containsExactly(ScriptKind.MIGRATE);
  }

  @Test
  void refusesDuplicatesDownsWithoutUpsUntouchedTemplatesAndNamesSqlxPassesOver() {
    write(dir, "1_create.sql", "CREATE TABLE t (x);\n");
    write(dir, "01_create_again.up.sql", "CREATE TABLE t (x);\n");
    write(dir, "2_template.up.sql", "-- Add up migration script here\n");
    write(dir, "3_gone.down.sql", "DROP TABLE z;\n");
    write(dir, "schema.sql", "CREATE TABLE t (x);\n");
    write(dir, "v4_named.sql", "CREATE TABLE w (x);\n");

    refusal(dir, SQLX)
        .containsExactly(
            "1_create.sql: 01_create_again.up.sql already holds the up script of version 1",
            "2_template.up.sql: has no SQL to run, only comments and blank lines",
            "schema.sql: not a sqlx migration name (sqlx passes it over); expected"
                + " <version>_<description>.sql (or .up.sql, .down.sql) with a whole version"
                + " number, e.g. 20240605131359_create_users.sql",
            "v4_named.sql: not a sqlx migration name (sqlx passes it over); expected"
                + " <version>_<description>.sql (or .up.sql, .down.sql) with a whole version"
                + " number, e.g. 20240605131359_create_users.sql",
            "3_gone.down.sql: there is no up script of version 3 for it to undo");
  }

  @Test
  void subdirectoriesAndOtherFilesAreNotSqlxsConcern() {
    write(dir, "1_create.sql", "CREATE TABLE t (x);\n");
    write(dir, "README.md", "# migrations\n");
    write(dir, "old/7_ignored.sql", "this is not read\n");

    assertThat(FolderReader.read(dir).scripts())
        .extracting(FolderScript::file)
        .containsExactly("1_create.sql");
  }
}
