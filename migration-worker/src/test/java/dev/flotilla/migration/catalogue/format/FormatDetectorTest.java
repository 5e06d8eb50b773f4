package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.problemsOf;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.migration.catalogue.MigrationFolderException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatDetectorTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "flyway, FLYWAY",
    "sqlx, SQLX",
    "diesel, DIESEL",
    "golang-migrate, GOLANG_MIGRATE",
    "goose, GOOSE",
    "dbmate, DBMATE",
    "plain, PLAIN"
  })
  void eachToolsFolderIsToldApart(String tool, FolderFormat expected) {
    Detection detection = FormatDetector.detect(fixture(tool));

    assertThat(detection.format()).isEqualTo(expected);
    assertThat(detection.evidence()).isNotEmpty();
    assertThat(FolderReader.read(fixture(tool)).format()).isEqualTo(expected);
  }

  @Test
  void theEvidenceNamesWhatPointsToTheLayout() {
    assertThat(FormatDetector.detect(fixture("goose")).describe())
        .isEqualTo(
            "goose: 5 scripts have -- +goose annotations (00001_create_authors_and_books.sql,"
                + " 00002_index_books_by_author.sql, …)");
    assertThat(FormatDetector.detect(fixture("diesel")).describe())
        .startsWith("diesel: 5 directories have an up.sql (2024-06-01-090000_");
    assertThat(FormatDetector.detect(fixture("sqlx")).evidence())
        .contains("1 script starts -- no-transaction (20240701120000_open_loans_index.up.sql)");
  }

  @Test
  void upAndDownPairsWithoutSqlxMarkersAreGolangMigratesAndSqlxWouldReadThemAlike() {
    Detection detection = FormatDetector.detect(fixture("golang-migrate"));

    assertThat(detection.readsAlike()).containsExactly(FolderFormat.SQLX);
    assertThat(detection.describe()).endsWith("; sqlx would read it alike");
    assertThat(FolderReader.read(fixture("golang-migrate"), FolderFormat.SQLX).scripts())
        .isEqualTo(FolderReader.read(fixture("golang-migrate")).scripts());
  }

  @Test
  void numberedUpScriptsArePlainAndSqlxWouldReadThemAlike() {
    Detection detection = FormatDetector.detect(fixture("plain"));

    assertThat(detection.readsAlike()).containsExactly(FolderFormat.SQLX);
    assertThat(FolderReader.read(fixture("plain"), FolderFormat.SQLX).scripts())
        .isEqualTo(FolderReader.read(fixture("plain")).scripts());
  }

  @Test
  void aNoTransactionLineMakesNumberedScriptsSqlxsForPlainScriptsHaveNoSuchMarker() {
    write(dir, "1_create.sql", "CREATE TABLE t (x);\n");
    write(dir, "2_compact.sql", "-- no-transaction\nVACUUM;\n");

    Detection detection = FormatDetector.detect(dir);

    assertThat(detection.format()).isEqualTo(FolderFormat.SQLX);
    assertThat(detection.readsAlike()).isEmpty();
  }

  @Test
  void numberedScriptsWithDashesAreOnlyPlain() {
    write(dir, "001-create.sql", "CREATE TABLE t (x);\n");

    assertThat(FormatDetector.detect(dir).format()).isEqualTo(FolderFormat.PLAIN);
  }

  @Test
  void aFolderWithTwoToolsMarkersIsAmbiguousAndTheErrorListsBoth() {
    write(dir, "1_a.sql", "-- +goose Up\nCREATE TABLE a (x);\n");
    write(dir, "2_b.sql", "-- migrate:up\nCREATE TABLE b (x);\n-- migrate:down\n");

    problemsOf(() -> FormatDetector.detect(dir))
        .containsExactly(
            "fits several layouts; name the right one with --format",
            "goose: 1 script has -- +goose annotations (1_a.sql)",
            "dbmate: 1 script has -- migrate:up (2_b.sql)");
  }

  @Test
  void aFolderInNoLayoutIsRefusedWithWhyNotForEachLayout() {
    write(dir, "V1__create.sql", "CREATE TABLE a (x);\n");
    write(dir, "002_more.sql", "CREATE TABLE b (x);\n");

    List<String> problems = catchProblems(() -> FormatDetector.detect(dir));

    assertThat(problems.get(0)).startsWith("is in none of the layouts Flotilla reads");
    assertThat(problems)
        .contains(
            "flyway: 1 script is not named V<version>__<description>.sql, U<version>__… or R__…"
                + " (002_more.sql)",
            "diesel: has no directories with an up.sql",
            "goose: 1 script is not named <version>_<name>.sql (V1__create.sql)",
            "plain: 1 script is not named <number>_<description>.sql (V1__create.sql)")
        .hasSize(8);
  }

  @Test
  void aFolderWithNoScriptsOrOnlyFlotillasOwnFitsNoLayout() {
    write(dir, "README.md", "nothing here\n");
    write(dir, "C1__check.sql", "SELECT 1 WHERE 0;\n");

    assertThat(catchProblems(() -> FormatDetector.detect(dir)))
        .contains("sqlx: has no scripts named <version>_<description>.sql (or .up.sql, .down.sql)");
  }

  @Test
  void aMissingFolderIsSaidToBeOne() {
    problemsOf(() -> FormatDetector.detect(dir.resolve("nope")))
        .containsExactly("is not a directory");
  }

  @Test
  void formatsAreNamedOnTheCommandLineAsTheirToolsAre() {
    assertThat(FolderFormat.fromCliName("Golang-Migrate")).isEqualTo(FolderFormat.GOLANG_MIGRATE);
    assertThat(FolderFormat.cliNames())
        .isEqualTo("flyway, sqlx, diesel, golang-migrate, goose, dbmate, plain");
    assertThatThrownBy(() -> FolderFormat.fromCliName("liquibase"))
        .hasMessage(
            "'liquibase' is not a folder format; the formats are flyway, sqlx, diesel,"
                + " golang-migrate, goose, dbmate, plain");
  }

  private static List<String> catchProblems(Runnable call) {
    try {
      call.run();
    } catch (MigrationFolderException e) {
      return e.problems();
    }
    throw new AssertionError("expected the folder to be refused");
  }
}
