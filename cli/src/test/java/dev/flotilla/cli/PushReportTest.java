package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.catalogue.PushPlan;
import dev.flotilla.migration.catalogue.RowLossDeclarations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushReportTest {
  private static final MigrationSetId SET = MigrationSetId.of("library");

  @TempDir Path dir;

  @Test
  void tellsTheLayoutTheCountsWhatWasSkippedAndTheWarnings() throws IOException {
    write("V1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    write("V1.1__loans.sql", "PRAGMA foreign_keys=OFF;\nCREATE TABLE loans (id INTEGER);\n");
    write("U1.1__loans.sql", "DROP TABLE loans;\n");
    write("C1.1__no_loan_twice.sql", "SELECT 1 WHERE 0;\n");
    write("V7__after_a_gap.sql", "CREATE TABLE authors (id INTEGER);\n");
    write("R__directory.sql", "CREATE VIEW IF NOT EXISTS directory AS SELECT 1;\n");

    MigrationFolder.Contents contents = load(MigrationFolder.Options.DETECT.skippingRepeatables());

    assertThat(PushReport.read(dir, contents))
        .satisfiesExactly(
            line -> assertThat(line).startsWith("read " + dir + " as Flyway: 5 scripts named V"),
            line ->
                assertThat(line)
                    .isEqualTo(
                        "3 versions (1 to 7); down scripts: 1, verification scripts: 1,"
                            + " probe scripts: 0"),
            line ->
                assertThat(line)
                    .startsWith(
                        "skipped R__directory.sql: a Flyway repeatable script, left out as asked:"
                            + " Flotilla applies each"));
    assertThat(PushReport.warnings(contents))
        .singleElement()
        .asString()
        .startsWith("warning: V1.1__loans.sql:1: PRAGMA foreign_keys=OFF does nothing");
  }

  @Test
  void saysWhatWasPublishedWhatWasAlreadyThereAndWhoMayLoseRows() throws IOException {
    write("V1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    Catalogue published = Catalogue.of(load(MigrationFolder.Options.DETECT).scripts());
    write("V1.1__loans.sql", "CREATE TABLE loans (id INTEGER);\n");
    MigrationFolder.Contents contents =
        load(
            MigrationFolder.Options.DETECT.withDeclarations(
                RowLossDeclarations.parse(List.of("1.1=*"))));

    assertThat(
            PushReport.outcome(
                SET, dir, contents, PushPlan.of(published, contents.scripts(), false)))
        .containsExactly(
            "pushed 1 script of set 'library' from "
                + dir
                + " (1 already in the catalogue as they"
                + " are)",
            "V1.1 may lose rows of: any table");
    Catalogue now = Catalogue.of(contents.scripts());
    assertThat(PushReport.outcome(SET, dir, contents, PushPlan.of(now, contents.scripts(), false)))
        .first()
        .isEqualTo(
            "nothing changed: the catalogue already holds these 2 scripts of set 'library';"
                + " nothing published");
  }

  @Test
  void warnsWhenTheSetHoldsVersionsTheFolderLacks() throws IOException {
    write("V1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    write("V2__loans.sql", "CREATE TABLE loans (id INTEGER);\n");
    Catalogue published = Catalogue.of(load(MigrationFolder.Options.DETECT).scripts());
    Files.delete(dir.resolve("V2__loans.sql"));
    MigrationFolder.Contents contents = load(MigrationFolder.Options.DETECT);

    assertThat(PushReport.versionsOnlyInTheSet(published, SET, contents))
        .singleElement()
        .asString()
        .startsWith(
            "warning: set 'library' already holds 1 version(s) this folder does not have (V2)");
    assertThat(PushReport.versionsOnlyInTheSet(Catalogue.of(contents.scripts()), SET, contents))
        .isEmpty();
  }

  @Test
  void aRefusalListsEveryConflictAndSaysHowToForce() throws IOException {
    write("V1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    write("V2__loans.sql", "CREATE TABLE loans (id INTEGER);\n");
    Catalogue published = Catalogue.of(load(MigrationFolder.Options.DETECT).scripts());
    write("V1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT);\n");
    write("V2__loans.sql", "CREATE TABLE loans (id INTEGER, book INTEGER);\n");

    PushPlan plan = PushPlan.of(published, load(MigrationFolder.Options.DETECT).scripts(), false);

    assertThat(PushReport.refusal(SET, plan).lines().toList())
        .satisfiesExactly(
            line ->
                assertThat(line)
                    .isEqualTo(
                        "refused, nothing published: 2 scripts of set 'library' are already in"
                            + " the catalogue with another SHA-256:"),
            line -> assertThat(line).startsWith("  V1 V1__books.sql: published with SHA-256 "),
            line -> assertThat(line).startsWith("  V2 V2__loans.sql: published with SHA-256 "),
            line -> assertThat(line).contains("push again with --force"));
  }

  private MigrationFolder.Contents load(MigrationFolder.Options options) {
    return MigrationFolder.load(SET, dir, options, Clock.systemUTC());
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }
}
