package dev.flotilla.migration.catalogue.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GooseSectionsTest {
  @Test
  void splitsUpFromDownAndKeepsTheLinesOfEachWithTheirPlaceInTheFile() {
    GooseSections.Parsed parsed =
        GooseSections.parse(
            "-- Creates the loans.\n"
                + "\n"
                + "-- +goose Up\n"
                + "CREATE TABLE loan (id INTEGER PRIMARY KEY, book_id INTEGER);\n"
                + "-- +goose StatementBegin\n"
                + "CREATE TRIGGER once BEFORE INSERT ON loan\n"
                + "BEGIN\n"
                + "  SELECT RAISE(ABORT, 'no');\n"
                + "END;\n"
                + "-- +goose StatementEnd\n"
                + "\n"
                + "-- +goose Down\n"
                + "DROP TRIGGER once;\n"
                + "DROP TABLE loan;\n");

    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.transactional()).isTrue();
    assertThat(parsed.up().orElseThrow().firstLine()).isEqualTo(4);
    assertThat(parsed.up().orElseThrow().sql())
        .isEqualTo(
            "CREATE TABLE loan (id INTEGER PRIMARY KEY, book_id INTEGER);\n"
                + "-- +goose StatementBegin\n"
                + "CREATE TRIGGER once BEFORE INSERT ON loan\n"
                + "BEGIN\n"
                + "  SELECT RAISE(ABORT, 'no');\n"
                + "END;\n"
                + "-- +goose StatementEnd\n"
                + "\n");
    assertThat(parsed.down().orElseThrow().firstLine()).isEqualTo(13);
    assertThat(parsed.down().orElseThrow().sql())
        .isEqualTo("DROP TRIGGER once;\nDROP TABLE loan;\n");
  }

  @Test
  void aScriptWithoutDownHasOnlyAnUpSection() {
    GooseSections.Parsed parsed = GooseSections.parse("-- +goose Up\r\nCREATE TABLE t (x);\r\n");

    assertThat(parsed.up().orElseThrow().sql()).isEqualTo("CREATE TABLE t (x);\n");
    assertThat(parsed.down()).isEmpty();
  }

  @Test
  void noTransactionAnywhereTakesBothSectionsOutOfTheTransaction() {
    GooseSections.Parsed parsed =
        GooseSections.parse(
            "-- +goose Up\nVACUUM;\n-- +goose Down\nSELECT 1;\n-- +goose NO TRANSACTION\n");

    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.transactional()).isFalse();
  }

  @Test
  void annotationsAreReadInAnyCase() {
    GooseSections.Parsed parsed =
        GooseSections.parse(
            "-- +goose up\n-- +goose statementbegin\nSELECT 1\n-- +goose STATEMENTEND\n");

    assertThat(parsed.problem()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no Up | CREATE TABLE t (x); | 1 | SQL before -- +goose Up; goose requires the script to"
            + " start with that section",
        "only comments | -- nothing yet | 0 | has no -- +goose Up annotation; goose requires one"
            + " before the SQL it runs",
        "SQL before Up | CREATE TABLE t (x);\\n-- +goose Up | 1 | SQL before -- +goose Up; goose"
            + " requires the script to start with that section",
        "two Ups | -- +goose Up\\nSELECT 1;\\n-- +goose Up | 3 | a second -- +goose Up; a script"
            + " has one Up section",
        "Down first | -- +goose Down\\n-- +goose Up | 1 | -- +goose Down before -- +goose Up",
        "two Downs | -- +goose Up\\nSELECT 1;\\n-- +goose Down\\n-- +goose Down | 4 | a second --"
            + " +goose Down; a script has one Down section",
        "Down in a block | -- +goose Up\\n-- +goose StatementBegin\\n-- +goose Down | 3 | -- +goose"
            + " Down inside a StatementBegin block",
        "unclosed block | -- +goose Up\\n-- +goose StatementBegin\\nSELECT 1; | 2 | -- +goose"
            + " StatementBegin has no -- +goose StatementEnd",
        "End without Begin | -- +goose Up\\n-- +goose StatementEnd | 2 | -- +goose StatementEnd"
            + " without a StatementBegin before it",
        "Begin before Up | -- +goose StatementBegin | 1 | -- +goose StatementBegin must come after"
            + " -- +goose Up or -- +goose Down, outside another block",
        "no semicolon before Down | -- +goose Up\\nCREATE TABLE t (x)\\n-- +goose Down | 3 | the"
            + " statement before this line does not end with a semicolon; goose would refuse it",
        "no semicolon at the end | -- +goose Up\\nSELECT 1; -- fine\\nSELECT 2 -- not; | 3 | the"
            + " last statement does not end with a semicolon; goose would refuse it",
        "indented | -- +goose Up\\n  -- +goose Down | 2 | a goose annotation must start at the"
            + " beginning of its line",
        "unknown | -- +goose Upp | 1 | '-- +goose Upp' is not a goose annotation; goose knows Up,"
            + " Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON and ENVSUB OFF",
        "two on a line | -- +goose Up -- +goose Down | 1 | more than one +goose on one line",
        "ENVSUB | -- +goose ENVSUB ON\\n-- +goose Up\\nSELECT '${X}'; | 1 | -- +goose ENVSUB ON has"
            + " goose put environment variables into the SQL as it runs; Flotilla runs scripts as"
            + " written, so write the values in"
      })
  void refusesWhatGooseRefusesAtTheLineGooseStopsAt(
      String name, String script, int line, String message) {
    GooseSections.Parsed parsed = GooseSections.parse(script.replace("\\n", "\n") + "\n");

    assertThat(parsed.problem()).contains(new GooseSections.Problem(line, message));
    assertThat(parsed.up()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT 1; | true",
        "SELECT 1;   | true",
        "SELECT 1; -- done | true",
        "SELECT 1 -- done; | false",
        "SELECT ';' | false",
        "END; | true",
        "'' | false"
      })
  void aStatementEndsWhereGooseSeesASemicolonEndingTheLastWordBeforeAComment(
      String line, boolean ends) {
    assertThat(GooseSections.endsWithSemicolon(line)).isEqualTo(ends);
  }
}
