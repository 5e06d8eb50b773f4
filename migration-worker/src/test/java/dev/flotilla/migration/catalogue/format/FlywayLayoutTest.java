package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.refusal;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywayLayoutTest {
  private static final FolderFormat FLYWAY = FolderFormat.FLYWAY;

  @TempDir Path dir;

  @Test
  void readsDottedAndUnderscoredVersionsInNumericOrderFromEverySubfolder() {
    FolderReading reading = FolderReader.read(fixture("flyway"));

    assertThat(reading.scripts())
        .extracting(script -> script.kind().prefix() + script.version(), FolderScript::file)
        .containsExactly(
            tuple("V1", "V1__create_authors_and_books.sql"),
            tuple("U1", "U1__create_authors_and_books.sql"),
            tuple("V1.1", "V1.1__index_books_by_author.sql"),
            tuple("U1.1", "U1.1__index_books_by_author.sql"),
            tuple("V2", "V2__create_loans.sql"),
            tuple("U2", "U2__create_loans.sql"),
            tuple("C2", "C2__no_book_on_loan_twice.sql"),
            tuple("V3", "books/V3__books_require_publication_year.sql"),
            tuple("U3", "books/U3__books_require_publication_year.sql"),
            tuple("P3", "P3__isbns_are_unique.sql"),
            tuple("V3.1", "V3_1__open_loans_index.sql"),
            tuple("U3.1", "U3_1__open_loans_index.sql"));
  }

  @Test
  void descriptionsReadUnderscoresAsSpacesAndTheSqlIsTheFileByteForByte() throws Exception {
    FolderScript first = FolderReader.read(fixture("flyway")).scripts().get(0);

    assertThat(first.description()).isEqualTo("create authors and books");
    assertThat(first.sql())
        .isEqualTo(Files.readString(fixture("flyway").resolve("V1__create_authors_and_books.sql")));
    assertThat(first.firstLine()).isEqualTo(1);
  }

  @Test
  void aScriptConfigurationTakesItsScriptOutOfTheTransaction() {
    FolderReading reading = FolderReader.read(fixture("flyway"));

    assertThat(reading.scripts())
        .filteredOn(script -> !script.transactional())
        .extracting(FolderScript::file)
        .containsExactly("V3_1__open_loans_index.sql");
  }

  @Test
  void repeatablesComeApartInTheOrderOfTheirDescriptions() {
    write(dir, "V1__base.sql", "CREATE TABLE t (x);\n");
    write(dir, "R__views_b.sql", "CREATE VIEW b AS SELECT 1;\n");
    write(dir, "R__Views_a.sql", "CREATE VIEW a AS SELECT 1;\n");
    write(dir, "R__views_a.sql", "CREATE VIEW a2 AS SELECT 1;\n");

    FolderReading reading = FolderReader.read(dir);

    assertThat(reading.scripts()).hasSize(1);
    assertThat(reading.repeatables())
        .extracting(RepeatableScript::description)
        .containsExactly("Views a", "views a", "views b");
    assertThat(FolderReader.read(fixture("flyway")).repeatables())
        .singleElement()
        .extracting(RepeatableScript::file)
        .isEqualTo("R__author_directory.sql");
  }

  @Test
  void hiddenFoldersAreNotLookedIn() {
    write(dir, "V1__base.sql", "CREATE TABLE t (x);\n");
    write(dir, ".old/V1__base.sql", "not even SQL\n");
    write(dir, "archive/.V2__draft.sql", "not even SQL\n");

    assertThat(FolderReader.read(dir).scripts())
        .extracting(FolderScript::file)
        .containsExactly("V1__base.sql");
  }

  @Test
  void numericallyEqualVersionsAreOneVersion() {
    write(dir, "V1__base.sql", "CREATE TABLE t (x);\n");
    write(dir, "V1.0__again.sql", "CREATE TABLE u (x);\n");
    write(dir, "V01_0_0__and_again.sql", "CREATE TABLE v (x);\n");

    refusal(dir, FLYWAY)
        .containsExactly(
            "V1.0__again.sql: V01_0_0__and_again.sql already holds the up script of version 1.0",
            "V1__base.sql: V01_0_0__and_again.sql already holds the up script of version 1");
  }

  @Test
  void refusesWhatFlywayWouldRefuseOrRunOtherwiseNamingEachFile() {
    write(dir, "V1__base.sql", "CREATE TABLE t (x);\n");
    write(dir, "V1_init.sql", "CREATE TABLE a (x);\n");
    write(dir, "R2__view.sql", "CREATE VIEW v AS SELECT 1;\n");
    write(dir, "B5__baseline.sql", "CREATE TABLE b (x);\n");
    write(dir, "afterMigrate.sql", "ANALYZE;\n");
    write(dir, "U7__undo_nothing.sql", "DROP TABLE t;\n");
    write(dir, "V2__settings.sql", "INSERT INTO t VALUES ('${tenant}');\n");
    write(dir, "notes.sql", "-- scratch\n");
    write(dir, "V3__template_only.sql", "-- write the migration here\n");

    refusal(dir, FLYWAY)
        .containsExactly(
            "B5__baseline.sql: a Flyway baseline migration stands in for the versions up to its"
                + " own on new databases; Flotilla applies every version in turn, so remove it",
            "R2__view.sql: a Flyway repeatable migration has no version; name it"
                + " R__<description>.sql",
            "V1_init.sql: '1_init' is not a Flyway version (whole numbers separated by . or _);"
                + " expected V<version>__<description>.sql, U<version>__… or R__…",
            "V2__settings.sql: uses the placeholder ${tenant}, which Flyway fills in from its"
                + " configuration as it runs; write the value in (or put"
                + " placeholderReplacement=false in V2__settings.sql.conf if the text is meant"
                + " literally)",
            "V3__template_only.sql: has no SQL to run, only comments and blank lines",
            "afterMigrate.sql: a Flyway callback (afterMigrate); Flotilla runs no callbacks, so"
                + " make it a migration or remove it",
            "notes.sql: not a Flyway migration name; expected V<version>__<description>.sql,"
                + " U<version>__… or R__…",
            "U7__undo_nothing.sql: there is no up script of version 7 for it to undo");
  }

  @Test
  void placeholdersTurnedOffInTheScriptConfigurationAreLiteralText() {
    write(dir, "V1__settings.sql", "CREATE TABLE t (x DEFAULT '${not a placeholder}');\n");
    write(dir, "V1__settings.sql.conf", "placeholderReplacement = false\n");

    assertThat(FolderReader.read(dir).scripts())
        .singleElement()
        .matches(FolderScript::transactional);
  }

  @Test
  void aScriptConfigurationWithKeysFlywayRefusesOrFlotillaCannotHonourIsRefused() {
    write(dir, "V1__a.sql", "CREATE TABLE a (x);\n");
    write(dir, "V1__a.sql.conf", "executeInTransaction=maybe\n");
    write(dir, "V2__b.sql", "CREATE TABLE b (x);\n");
    write(dir, "V2__b.sql.conf", "# only on Tuesdays\nshouldExecute=${day}==tuesday\n");
    write(dir, "V3__c.sql", "CREATE TABLE c (x);\n");
    write(dir, "V3__c.sql.conf", "encoding=ISO-8859-1\n");
    write(dir, "V4__d.sql", "CREATE TABLE d (x);\n");
    write(dir, "V4__d.sql.conf", "timeout=5\n");

    refusal(dir, FLYWAY)
        .containsExactly(
            "V1__a.sql.conf:1: executeInTransaction must be true or false, not maybe",
            "V2__b.sql.conf:2: shouldExecute has Flyway decide as it runs whether to run the"
                + " script; Flotilla runs every script of a set",
            "V3__c.sql.conf:1: encoding ISO-8859-1: Flotilla reads scripts as UTF-8; convert it",
            "V4__d.sql.conf:1: timeout is not a key Flyway takes in a script's configuration"
                + " (executeInTransaction, encoding, placeholderReplacement, shouldExecute)");
  }

  @Test
  void flotillasOwnScriptsMustNameAVersionTheFolderHas() {
    write(dir, "V1.1__base.sql", "CREATE TABLE t (x);\n");
    write(dir, "C1.1__check.sql", "SELECT x FROM t WHERE x < 0;\n");
    write(dir, "C1_1__check_again.sql", "SELECT x FROM t WHERE x > 9;\n");
    write(dir, "C1.10__check.sql", "SELECT x FROM t WHERE x > 99;\n");
    write(dir, "P2__probe.sql", "SELECT 1 WHERE 0;\n");
    write(dir, "C3_check.sql", "SELECT 1 WHERE 0;\n");

    refusal(dir, FLYWAY)
        .containsExactly(
            "C1_1__check_again.sql: C1.1__check.sql already holds the verification script of"
                + " version 1.1",
            "C3_check.sql: " + CompanionName.malformed(),
            "C1.10__check.sql: there is no up script of version 1.10 for it to verify",
            "P2__probe.sql: there is no up script of version 2 for it to run before");
  }

  @Test
  void versionsKeepTheirWrittenFormAndCompareAsNumbers() {
    write(dir, "V001__base.sql", "CREATE TABLE t (x);\n");
    write(dir, "V1.01.5__more.sql", "CREATE TABLE u (x);\n");
    write(dir, "C1__check.sql", "SELECT x FROM t WHERE x < 0;\n");

    FolderReading reading = FolderReader.read(dir);

    assertThat(reading.scripts())
        .extracting(FolderScript::version, FolderScript::kind)
        .containsExactly(
            tuple(VersionId.parse("001"), ScriptKind.MIGRATE),
            tuple(VersionId.parse("1"), ScriptKind.VERIFY),
            tuple(VersionId.parse("1.1.5"), ScriptKind.MIGRATE));
    assertThat(reading.scripts().get(0).version()).hasToString("001");
    assertThat(reading.scripts().get(2).version()).hasToString("1.01.5");
  }
}
