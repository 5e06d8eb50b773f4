package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.refusal;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.ScriptKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DieselLayoutTest {
  private static final FolderFormat DIESEL = FolderFormat.DIESEL;
  private static final String POSTGRES_SETUP =
      "CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$\n"
          + "BEGIN\n"
          + "    EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s', _tbl);\n"
          + "END;\n"
          + "$$ LANGUAGE plpgsql;\n";

  @TempDir Path dir;

  @Test
  void versionsAreTheDirectoryNamesUpToTheirFirstUnderscoreWithoutDashes() {
    FolderReading reading = FolderReader.read(fixture("diesel"));

    assertThat(reading.scripts())
        .extracting(script -> script.kind().prefix() + script.version(), FolderScript::file)
        .containsExactly(
            tuple("V20240601090000", "2024-06-01-090000_create_authors_and_books/up.sql"),
            tuple("U20240601090000", "2024-06-01-090000_create_authors_and_books/down.sql"),
            tuple("V20240605131359", "2024-06-05-131359_index_books_by_author/up.sql"),
            tuple("U20240605131359", "2024-06-05-131359_index_books_by_author/down.sql"),
            tuple("V20240612080000", "2024-06-12-080000_create_loans/up.sql"),
            tuple("U20240612080000", "2024-06-12-080000_create_loans/down.sql"),
            tuple("C20240612080000", "C20240612080000__no_book_on_loan_twice.sql"),
            tuple("V20240620173000", "2024-06-20-173000_books_require_publication_year/up.sql"),
            tuple("U20240620173000", "2024-06-20-173000_books_require_publication_year/down.sql"),
            tuple("P20240620173000", "P20240620173000__isbns_are_unique.sql"),
            tuple("V20240701120000", "2024-07-01-120000_open_loans_index/up.sql"),
            tuple("U20240701120000", "2024-07-01-120000_open_loans_index/down.sql"));
    assertThat(reading.scripts().get(0).description()).isEqualTo("create authors and books");
    assertThat(reading.skipped()).isEmpty();
  }

  @Test
  void metadataWithRunInTransactionFalseTakesBothScriptsOutOfTheTransaction() {
    assertThat(FolderReader.read(fixture("diesel")).scripts())
        .filteredOn(script -> !script.transactional())
        .extracting(FolderScript::file)
        .containsExactly(
            "2024-07-01-120000_open_loans_index/up.sql",
            "2024-07-01-120000_open_loans_index/down.sql");
  }

  @Test
  void metadataWithoutTheKeyMeansNoTransactionAsItDoesForDiesel() {
    write(dir, "2024-01-01-000000_a/up.sql", "CREATE TABLE a (x);\n");
    write(dir, "2024-01-01-000000_a/metadata.toml", "# nothing said\n");
    write(dir, "2024-01-02-000000_b/up.sql", "CREATE TABLE b (x);\n");
    write(dir, "2024-01-02-000000_b/metadata.toml", "run_in_transaction = true # said\n");
    write(dir, "2024-01-03-000000_c/up.sql", "CREATE TABLE c (x);\n");
    write(
        dir,
        "2024-01-03-000000_c/metadata.toml",
        "other = 1\n[table]\nrun_in_transaction = false\n");

    assertThat(FolderReader.read(dir, DIESEL).scripts())
        .extracting(FolderScript::transactional)
        .containsExactly(false, true, false);
  }

  @Test
  void thePostgresSetupMigrationIsSkippedAndSaidSo() {
    write(dir, DieselLayout.INITIAL_SETUP + "/up.sql", POSTGRES_SETUP);
    write(
        dir, DieselLayout.INITIAL_SETUP + "/down.sql", "DROP FUNCTION diesel_manage_updated_at;\n");
    write(dir, "2024-01-01-000000_a/up.sql", "CREATE TABLE a (x);\n");

    FolderReading reading = FolderReader.read(dir);

    assertThat(reading.format()).isEqualTo(DIESEL);
    assertThat(reading.scripts())
        .extracting(FolderScript::kind)
        .containsExactly(ScriptKind.MIGRATE);
    assertThat(reading.skipped())
        .extracting(SkippedEntry::describe)
        .containsExactly(
            "00000000000000_diesel_initial_setup: diesel's PostgreSQL setup (PL/pgSQL helper"
                + " functions), which SQLite cannot run and SQLite projects do not have");
  }

  @Test
  void aSetupMigrationRewrittenForSqliteIsAMigrationLikeTheOthers() {
    write(dir, DieselLayout.INITIAL_SETUP + "/up.sql", "CREATE TABLE settings (k, v);\n");
    write(dir, "2024-01-01-000000_a/up.sql", "CREATE TABLE a (x);\n");

    assertThat(FolderReader.read(dir, DIESEL).scripts())
        .extracting(script -> script.version().toString())
        .containsExactly("00000000000000", "20240101000000");
  }

  @Test
  void emptyAndHiddenDirectoriesArePassedOverAsDieselPassesThemOver() throws IOException {
    write(dir, "2024-01-01-000000_a/up.sql", "CREATE TABLE a (x);\n");
    Files.createDirectories(dir.resolve("2024-01-02-000000_not_written_yet"));
    write(dir, ".git/HEAD", "ref: refs/heads/main\n");
    write(dir, "README.md", "# migrations\n");

    assertThat(FolderReader.read(dir, DIESEL).scripts()).hasSize(1);
  }

  @Test
  void refusesWhatDieselRefusesOrWouldPassOverAndVersionsItWouldOrderOtherwise() {
    write(dir, "9_a/up.sql", "CREATE TABLE a (x);\n");
    write(dir, "10_b/up.sql", "CREATE TABLE b (x);\n");
    write(dir, "11_c/down.sql", "DROP TABLE c;\n");
    write(dir, "12_d/up.sql", "-- Your SQL goes here\n");
    write(dir, "12_d/seed.sql", "INSERT INTO d VALUES (1);\n");
    write(dir, "13_e/up.sql", "CREATE TABLE e (x);\n");
    write(dir, "13_e/metadata.toml", "run_in_transaction = \"no\"\n");
    write(dir, "v14_f/up.sql", "CREATE TABLE f (x);\n");
    write(dir, "loose.sql", "CREATE TABLE g (x);\n");

    refusal(dir, DIESEL)
        .containsExactly(
            "11_c: has no up.sql; diesel refuses a migration directory without one",
            "12_d/seed.sql: diesel runs only the up.sql and down.sql of a migration directory",
            "12_d/up.sql: has no SQL to run, only comments and blank lines",
            "13_e/metadata.toml:1: run_in_transaction must be true or false, not \"no\"",
            "v14_f: its version v14 is not a number (with dashes, as diesel writes"
                + " 2024-06-05-131359)",
            "loose.sql: diesel passes over files beside the migration directories; put it in one,"
                + " as <version>_<name>/up.sql",
            "9_a/up.sql: diesel runs it after 13_e/up.sql (it sorts versions as text), but its"
                + " version 9 is lower than 13; Flotilla runs versions in numeric order, so the"
                + " two would disagree");
  }
}
