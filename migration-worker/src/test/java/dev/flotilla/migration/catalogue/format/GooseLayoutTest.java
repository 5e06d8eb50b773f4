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

class GooseLayoutTest {
  private static final FolderFormat GOOSE = FolderFormat.GOOSE;

  @TempDir Path dir;

  @Test
  void eachFileGivesItsUpAndDownScriptsInVersionOrder() {
    FolderReading reading = FolderReader.read(fixture("goose"));

    assertThat(reading.scripts())
        .extracting(script -> script.kind().prefix() + script.version(), FolderScript::firstLine)
        .containsExactly(
            tuple("V00001", 2),
            tuple("U00001", 15),
            tuple("V00002", 2),
            tuple("U00002", 6),
            tuple("V00003", 2),
            tuple("U00003", 19),
            tuple("C00003", 1),
            tuple("V00004", 2),
            tuple("U00004", 17),
            tuple("P00004", 1),
            tuple("V00005", 3),
            tuple("U00005", 8));
  }

  @Test
  void theTriggerBetweenStatementBeginAndEndIsKeptWhole() {
    FolderScript loans = FolderReader.read(fixture("goose")).scriptsOf(ScriptKind.MIGRATE).get(2);

    assertThat(loans.file()).isEqualTo("00003_create_loans.sql");
    assertThat(loans.sql())
        .contains(
            "-- +goose StatementBegin\n"
                + "CREATE TRIGGER loan_one_at_a_time BEFORE INSERT ON loan\n"
                + "WHEN EXISTS (SELECT 1 FROM loan WHERE book_id = NEW.book_id AND returned_at IS"
                + " NULL)\n"
                + "BEGIN\n"
                + "  SELECT RAISE(ABORT, 'the book is already on loan');\n"
                + "END;\n"
                + "-- +goose StatementEnd\n")
        .doesNotContain("+goose Up", "+goose Down", "DROP TABLE loan");
  }

  @Test
  void noTransactionTakesBothOfTheFilesScriptsOutOfTheTransaction() {
    assertThat(FolderReader.read(fixture("goose")).scripts())
        .filteredOn(script -> !script.transactional())
        .extracting(script -> script.kind().prefix() + script.version())
        .containsExactly("V00005", "U00005");
  }

  @Test
  void anEmptyDownSectionIsNoDownScript() {
    write(dir, "00001_create.sql", "-- +goose Up\nCREATE TABLE t (x);\n-- +goose Down\n");

    assertThat(FolderReader.read(dir).scripts())
        .extracting(FolderScript::kind)
        .containsExactly(ScriptKind.MIGRATE);
  }

  @Test
  void refusesWhatGooseRefusesNamingTheFileAndLine() {
    write(dir, "00001_create.sql", "-- +goose Up\nCREATE TABLE t (x);\n");
    write(dir, "00002_broken.sql", "-- +goose Up\nCREATE TABLE u (x)\n-- +goose Down\n");
    write(dir, "00003_empty.sql", "-- +goose Up\n-- nothing yet\n-- +goose Down\nSELECT 1;\n");
    write(dir, "00004_no_annotation.sql", "CREATE TABLE v (x);\n");
    write(dir, "0_zero.sql", "-- +goose Up\nCREATE TABLE w (x);\n");
    write(dir, "00005_rename.go", "package migrations\n");
    write(dir, "3_again.sql", "-- +goose Up\nCREATE TABLE z (x);\n");

    refusal(dir, GOOSE)
        .containsExactly(
            "00002_broken.sql:3: the statement before this line does not end with a semicolon;"
                + " goose would refuse it",
            "00003_empty.sql: its -- +goose Up section has no SQL to run, only comments and blank"
                + " lines",
            "00004_no_annotation.sql:1: SQL before -- +goose Up; goose requires the script to"
                + " start with that section",
            "0_zero.sql: not a goose migration name; expected <version>_<name>.sql with a version"
                + " from 1 up, e.g. 00001_create_users.sql",
            "3_again.sql: 00003_empty.sql already holds the up script of version 3",
            "00005_rename.go: a goose Go migration: Flotilla runs SQL only; write it as a .sql"
                + " migration of the same version");
  }
}
