package dev.flotilla.migration.catalogue.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DbmateSectionsTest {
  @Test
  void splitsTheUpBlockFromTheDownBlockLeavingTheMarkersOut() {
    DbmateSections.Parsed parsed =
        DbmateSections.parse(
            "-- a comment dbmate allows\n"
                + "-- migrate:up\n"
                + "CREATE TABLE t (x);\n"
                + "\n"
                + "-- migrate:down\n"
                + "DROP TABLE t;\n");

    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.up().orElseThrow()).isEqualTo(new Section("CREATE TABLE t (x);\n\n", 3));
    assertThat(parsed.down().orElseThrow()).isEqualTo(new Section("DROP TABLE t;\n", 6));
    assertThat(parsed.upTransactional()).isTrue();
    assertThat(parsed.downTransactional()).isTrue();
  }

  @Test
  void transactionFalseOnAMarkerLineTakesThatBlockOutOfTheTransaction() {
    DbmateSections.Parsed parsed =
        DbmateSections.parse(
            "--migrate:up   transaction:false foo:bar\nVACUUM;\n-- migrate:down transaction:true\n");

    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.upTransactional()).isFalse();
    assertThat(parsed.downTransactional()).isTrue();
    assertThat(parsed.down().orElseThrow().sql()).isEmpty();
  }

  @Test
  void theBlocksOfSeveralSectionsBecomeOneScriptEachWithTheirLinesInPlace() {
    DbmateSections.Parsed parsed =
        DbmateSections.parse(
            "-- migrate:up\n"
                + "CREATE TABLE a (x);\n"
                + "-- migrate:down\n"
                + "DROP TABLE a;\n"
                + "-- migrate:up\n"
                + "CREATE TABLE b (x);\n"
                + "-- migrate:down\n"
                + "DROP TABLE b;\n");

    assertThat(parsed.up().orElseThrow())
        .isEqualTo(new Section("CREATE TABLE a (x);\n\n\n\nCREATE TABLE b (x);\n", 2));
    assertThat(parsed.down().orElseThrow())
        .isEqualTo(new Section("DROP TABLE a;\n\n\n\nDROP TABLE b;\n", 4));
  }

  @Test
  void aMarkerNeedsWhitespaceBeforeItsOptions() {
    DbmateSections.Parsed parsed =
        DbmateSections.parse("-- migrate:upgrade\n-- migrate:up\nSELECT 1;\n-- migrate:down\n");

    assertThat(parsed.problem()).isEmpty();
    assertThat(parsed.up().orElseThrow().firstLine()).isEqualTo(3);
    assertThat(DbmateSections.hasUpMarker("-- migrate:upgrade\n")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no up | CREATE TABLE t (x); | 0 | has no -- migrate:up line; dbmate requires one before"
            + " the SQL it runs",
        "SQL first | CREATE TABLE t (x);\\n-- migrate:up\\n-- migrate:down | 1 | SQL before --"
            + " migrate:up; dbmate does not run statements outside its blocks",
        "down first | -- migrate:down\\n-- migrate:up\\nSELECT 1;\\n-- migrate:down | 1 | --"
            + " migrate:down before -- migrate:up",
        "no down | -- migrate:up\\nSELECT 1; | 1 | this -- migrate:up has no -- migrate:down after"
            + " it; dbmate requires one (leave the block empty if the migration cannot be undone)",
        "two downs | -- migrate:up\\nSELECT 1;\\n-- migrate:down\\n-- migrate:down | 4 | a second"
            + " -- migrate:down after one -- migrate:up; dbmate refuses it",
        "sections disagree | -- migrate:up\\nSELECT 1;\\n-- migrate:down\\n-- migrate:up"
            + " transaction:false\\nVACUUM;\\n-- migrate:down | 4 | this section's transaction"
            + " option differs from the first section's; Flotilla runs a file's up blocks as one"
            + " script, so they must agree"
      })
  void refusesWhatDbmateRefusesAndSectionsItCannotMerge(
      String name, String script, int line, String message) {
    DbmateSections.Parsed parsed = DbmateSections.parse(script.replace("\\n", "\n") + "\n");

    assertThat(parsed.problem()).contains(new DbmateSections.Problem(line, message));
    assertThat(parsed.up()).isEmpty();
  }
}
