package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.catalogue.MigrationFolder.Options;
import dev.flotilla.migration.catalogue.format.FolderFormat;
import dev.flotilla.migration.catalogue.format.SkippedEntry;
import dev.flotilla.migration.testing.TestSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same library schema laid out by each tool ({@code src/test/resources/folders}) becomes one
 * set of scripts per folder, each keeping its tool's version, order, file and transaction marker,
 * with Flotilla's directives and declarations read alike in every layout.
 */
class MigrationFolderLayoutsTest {
  private static final MigrationSetId SET = MigrationSetId.of("library");

  @TempDir Path work;

  @Test
  void flywayKeepsDottedVersionsSubfoldersAndItsConfigsTransactionFlag() {
    MigrationFolder.Contents contents =
        load(fixture("flyway"), Options.DETECT.skippingRepeatables());

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.FLYWAY);
    assertThat(rows(contents))
        .containsExactly(
            "V1 V1__create_authors_and_books.sql",
            "U1 U1__create_authors_and_books.sql",
            "V1.1 V1.1__index_books_by_author.sql",
            "U1.1 U1.1__index_books_by_author.sql",
            "V2 V2__create_loans.sql",
            "U2 U2__create_loans.sql",
            "C2 C2__no_book_on_loan_twice.sql",
            "V3 books/V3__books_require_publication_year.sql",
            "U3 books/U3__books_require_publication_year.sql",
            "P3 P3__isbns_are_unique.sql",
            "V3.1 V3_1__open_loans_index.sql no-transaction",
            "U3.1 U3_1__open_loans_index.sql");
    assertThat(contents.scripts().get(0).description()).isEqualTo("create authors and books");
    assertThat(contents.warnings()).isEmpty();
    assertThat(contents.skipped())
        .extracting(SkippedEntry::path)
        .containsExactly("R__author_directory.sql");
  }

  @Test
  void flywayRepeatablesAreRefusedByNameUnlessSkipped() {
    assertThatThrownBy(() -> load(fixture("flyway"), Options.DETECT))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "R__author_directory.sql: a Flyway repeatable script; Flotilla applies"
                            + " each version once and does not re-apply repeatable scripts when"
                            + " they change. Make it a versioned script, or push with"
                            + " --skip-repeatables and apply it yourself"));
  }

  @Test
  void sqlxKeepsItsTimestampsAndItsNoTransactionLine() {
    MigrationFolder.Contents contents = load(fixture("sqlx"), Options.DETECT);

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.SQLX);
    assertThat(rows(contents))
        .containsExactly(
            "V20240601090000 20240601090000_create_authors_and_books.up.sql",
            "U20240601090000 20240601090000_create_authors_and_books.down.sql",
            "V20240605131359 20240605131359_index_books_by_author.up.sql",
            "U20240605131359 20240605131359_index_books_by_author.down.sql",
            "V20240612080000 20240612080000_create_loans.up.sql",
            "U20240612080000 20240612080000_create_loans.down.sql",
            "C20240612080000 C20240612080000__no_book_on_loan_twice.sql",
            "V20240620173000 20240620173000_books_require_publication_year.up.sql",
            "U20240620173000 20240620173000_books_require_publication_year.down.sql",
            "P20240620173000 P20240620173000__isbns_are_unique.sql",
            "V20240701120000 20240701120000_open_loans_index.up.sql no-transaction",
            "U20240701120000 20240701120000_open_loans_index.down.sql");
    assertThat(contents.warnings()).isEmpty();
    assertThat(contents.skipped()).isEmpty();
  }

  @Test
  void dieselNamesTheUpFileInsideItsDirectoryAndSkipsItsPostgresSetup() throws IOException {
    Path folder = copy("diesel");
    write(
        folder.resolve("00000000000000_diesel_initial_setup/up.sql"),
        "CREATE OR REPLACE FUNCTION diesel_manage_updated_at(_tbl regclass) RETURNS VOID AS $$\n"
            + "BEGIN\n"
            + "    EXECUTE format('CREATE TRIGGER set_updated_at BEFORE UPDATE ON %s\n"
            + "                    FOR EACH ROW EXECUTE PROCEDURE diesel_set_updated_at()', _tbl);\n"
            + "END;\n"
            + "$$ LANGUAGE plpgsql;\n");
    write(
        folder.resolve("00000000000000_diesel_initial_setup/down.sql"),
        "DROP FUNCTION IF EXISTS diesel_manage_updated_at(_tbl regclass);\n");

    MigrationFolder.Contents contents = load(folder, Options.DETECT);

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.DIESEL);
    assertThat(rows(contents))
        .startsWith(
            "V20240601090000 2024-06-01-090000_create_authors_and_books/up.sql",
            "U20240601090000 2024-06-01-090000_create_authors_and_books/down.sql")
        .contains(
            "C20240612080000 C20240612080000__no_book_on_loan_twice.sql",
            "V20240701120000 2024-07-01-120000_open_loans_index/up.sql no-transaction")
        .hasSize(12);
    assertThat(contents.skipped())
        .extracting(SkippedEntry::path)
        .containsExactly("00000000000000_diesel_initial_setup");
  }

  @Test
  void golangMigrateKeepsItsZeroPaddedVersionsAndCompanionsOfTheEqualVersion() {
    MigrationFolder.Contents contents = load(fixture("golang-migrate"), Options.DETECT);

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.GOLANG_MIGRATE);
    assertThat(rows(contents))
        .containsExactly(
            "V000001 000001_create_authors_and_books.up.sql",
            "U000001 000001_create_authors_and_books.down.sql",
            "V000002 000002_index_books_by_author.up.sql",
            "U000002 000002_index_books_by_author.down.sql",
            "V000003 000003_create_loans.up.sql",
            "U000003 000003_create_loans.down.sql",
            "C3 C3__no_book_on_loan_twice.sql",
            "V000004 000004_books_require_publication_year.up.sql",
            "U000004 000004_books_require_publication_year.down.sql",
            "P4 P4__isbns_are_unique.sql",
            "V000005 000005_open_loans_index.up.sql",
            "U000005 000005_open_loans_index.down.sql");
    assertThat(contents.scriptsOf(ScriptKind.VERIFY).get(0).key()).isEqualTo("library/3/C");
  }

  @Test
  void gooseSectionsKeepTheirFirstLineAndTheFilesNoTransactionAnnotation() {
    MigrationFolder.Contents contents = load(fixture("goose"), Options.DETECT);

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.GOOSE);
    assertThat(rows(contents))
        .startsWith(
            "V00001 00001_create_authors_and_books.sql",
            "U00001 00001_create_authors_and_books.sql")
        .contains(
            "C00003 C00003__no_book_on_loan_twice.sql",
            "P00004 P00004__isbns_are_unique.sql",
            "V00005 00005_open_loans_index.sql no-transaction",
            "U00005 00005_open_loans_index.sql no-transaction")
        .hasSize(12);
    MigrationScript up = contents.scripts().get(0);
    assertThat(up.sql()).startsWith("CREATE TABLE author (").doesNotContain("+goose");
    assertThat(up.sha256())
        .as("the checksum is over the section, not the file")
        .isEqualTo(TestSets.sha256(up.sql()));
    assertThat(contents.warnings()).isEmpty();
  }

  @Test
  void dbmateSectionsAndItsTransactionOption() {
    MigrationFolder.Contents contents = load(fixture("dbmate"), Options.DETECT);

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.DBMATE);
    assertThat(rows(contents))
        .contains(
            "V20240605131359 20240605131359_index_books_by_author.sql",
            "V20240701120000 20240701120000_open_loans_index.sql no-transaction")
        .hasSize(12);
    assertThat(contents.warnings()).isEmpty();
  }

  @Test
  void plainNumberedScriptsHaveNoDownScripts() {
    MigrationFolder.Contents contents = load(fixture("plain"), Options.DETECT);

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.PLAIN);
    assertThat(rows(contents))
        .containsExactly(
            "V001 001_create_authors_and_books.sql",
            "V002 002_index_books_by_author.sql",
            "V003 003_create_loans.sql",
            "C003 C003__no_book_on_loan_twice.sql",
            "V004 004_books_require_publication_year.sql");
  }

  @Test
  void everyFileScriptIsChecksummedOverItsFilesExactBytes() throws IOException {
    for (String tool : List.of("flyway", "sqlx", "diesel", "golang-migrate", "plain")) {
      Path folder = fixture(tool);
      for (MigrationScript script : load(folder, Options.DETECT.skippingRepeatables()).scripts()) {
        assertThat(script.sha256())
            .as("%s %s", tool, script.file())
            .isEqualTo(TestSets.sha256(Files.readString(folder.resolve(script.file()))));
      }
    }
  }

  @Test
  void rowLossDeclaredAtPushFindsTheFourthVersionInEveryLayout() {
    List<Object[]> fourth =
        List.of(
            new Object[] {"flyway", "3"},
            new Object[] {"sqlx", "20240620173000"},
            new Object[] {"diesel", "20240620173000"},
            new Object[] {"golang-migrate", "4"},
            new Object[] {"goose", "4"},
            new Object[] {"dbmate", "20240620173000"},
            new Object[] {"plain", "4"});
    for (Object[] layout : fourth) {
      MigrationFolder.Contents contents =
          load(
              fixture((String) layout[0]),
              Options.DETECT
                  .skippingRepeatables()
                  .withDeclarations(
                      RowLossDeclarations.parse(List.of(layout[1] + "=book_old,book_new"))));
      VersionId version = VersionId.parse((String) layout[1]);
      assertThat(contents.scripts())
          .as((String) layout[0])
          .filteredOn(script -> !script.allowedRowLoss().isEmpty())
          .extracting(MigrationScript::kind, MigrationScript::version)
          .containsExactly(tuple(ScriptKind.MIGRATE, version));
    }
  }

  @Test
  void aDbmateSectionsDirectivesAreReadAndTheirProblemsNameTheFilesLine() throws IOException {
    Path folder = copy("dbmate");
    Path file = folder.resolve("20240620173000_books_require_publication_year.sql");
    String text = Files.readString(file);
    write(
        file, text.replace("-- migrate:up\n", "-- migrate:up\n-- flotilla:allows-row-los book\n"));

    assertThatThrownBy(() -> load(folder, Options.DETECT))
        .isInstanceOfSatisfying(
            MigrationFolderException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith(
                        "20240620173000_books_require_publication_year.sql:2: unknown directive"));

    write(
        file, text.replace("-- migrate:up\n", "-- migrate:up\n-- flotilla:allows-row-loss book\n"));
    assertThat(load(folder, Options.DETECT).scripts())
        .filteredOn(script -> script.version().equals(VersionId.parse("20240620173000")))
        .extracting(MigrationScript::kind, MigrationScript::allowedRowLoss)
        .containsExactly(
            tuple(ScriptKind.MIGRATE, List.of("book")),
            tuple(ScriptKind.UNDO, List.of()),
            tuple(ScriptKind.PROBE, List.of()));
  }

  @Test
  void aNamedFormatIsReadAsThatToolWouldEvenWhereTheDetectorWouldChooseAnother() {
    MigrationFolder.Contents contents =
        load(fixture("sqlx"), Options.DETECT.withFormat(FolderFormat.GOLANG_MIGRATE));

    assertThat(contents.layout().format()).isEqualTo(FolderFormat.GOLANG_MIGRATE);
    assertThat(contents.layout().evidence()).containsExactly("as named (--format golang-migrate)");
    // golang-migrate has no -- no-transaction line: the VACUUM would run in the transaction.
    assertThat(contents.scriptsOf(ScriptKind.MIGRATE).get(4).transactional()).isTrue();
    assertThat(contents.warnings())
        .extracting(ScriptWarning::file, ScriptWarning::line)
        .containsExactly(tuple("20240701120000_open_loans_index.up.sql", 4));
  }

  @Test
  void flotillasOwnNoTransactionLineWorksInAnyLayout() throws IOException {
    Path folder = copy("golang-migrate");
    Path file = folder.resolve("000005_open_loans_index.up.sql");
    write(file, "-- flotilla:no-transaction\n" + Files.readString(file) + "VACUUM;\n");

    MigrationFolder.Contents contents = load(folder, Options.DETECT);

    assertThat(contents.scriptsOf(ScriptKind.MIGRATE).get(4).transactional()).isFalse();
    assertThat(contents.warnings()).isEmpty();
  }

  private static MigrationFolder.Contents load(Path folder, Options options) {
    return MigrationFolder.load(SET, folder, options, Clock.systemUTC());
  }

  /** {@code V1.1 V1.1__x.sql}, then {@code no-transaction} when it runs on its own. */
  private static List<String> rows(MigrationFolder.Contents contents) {
    return contents.scripts().stream()
        .map(
            script ->
                script.kind().prefix()
                    + script.version()
                    + " "
                    + script.file()
                    + (script.transactional() ? "" : " no-transaction"))
        .toList();
  }

  private static Path fixture(String tool) {
    try {
      return Path.of(MigrationFolderLayoutsTest.class.getResource("/folders/" + tool).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A copy of a fixture folder to change. */
  private Path copy(String tool) throws IOException {
    Path from = fixture(tool);
    Path to = work.resolve(tool);
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
    return to;
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
