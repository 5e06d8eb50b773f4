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

class DbmateLayoutTest {
  private static final FolderFormat DBMATE = FolderFormat.DBMATE;

  @TempDir Path dir;

  @Test
  void eachFileGivesItsUpAndDownScriptsInVersionOrder() {
    FolderReading reading = FolderReader.read(fixture("dbmate"));

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
    assertThat(reading.scripts().get(0).sql()).doesNotContain("migrate:", "DROP TABLE");
  }

  @Test
  void transactionFalseTakesOnlyItsOwnBlockOutOfTheTransaction() {
    assertThat(FolderReader.read(fixture("dbmate")).scripts())
        .filteredOn(script -> !script.transactional())
        .extracting(FolderScript::kind, FolderScript::file)
        .containsExactly(tuple(ScriptKind.MIGRATE, "20240701120000_open_loans_index.sql"));
  }

  @Test
  void refusesAFolderWhoseNameOrderIsNotItsVersionOrder() {
    write(dir, "9_first.sql", "-- migrate:up\nCREATE TABLE a (x);\n-- migrate:down\n");
    write(dir, "10_second.sql", "-- migrate:up\nCREATE TABLE b (x);\n-- migrate:down\n");

    refusal(dir, DBMATE)
        .containsExactly(
            "9_first.sql: dbmate runs it after 10_second.sql (it sorts its files by name), but its"
                + " version 9 is lower than 10; Flotilla runs versions in numeric order, so the two"
                + " would disagree");
  }

  @Test
  void refusesWhatDbmateRefusesAndVersionsThatAreNumericallyOne() {
    write(dir, "001_a.sql", "-- migrate:up\nCREATE TABLE a (x);\n-- migrate:down\n");
    write(dir, "1_b.sql", "-- migrate:up\nCREATE TABLE b (x);\n-- migrate:down\n");
    write(dir, "2_c.sql", "-- migrate:up\nCREATE TABLE c (x);\n");
    write(dir, "3_d.sql", "-- migrate:up\n\n-- migrate:down\nDROP TABLE d;\n");
    write(dir, "schema.sql", "CREATE TABLE a (x);\n");

    refusal(dir, DBMATE)
        .containsExactly(
            "1_b.sql: 001_a.sql already holds the up script of version 1",
            "2_c.sql:1: this -- migrate:up has no -- migrate:down after it; dbmate requires one"
                + " (leave the block empty if the migration cannot be undone)",
            "3_d.sql: its -- migrate:up block has no SQL to run, only comments and blank lines",
            "schema.sql: not a dbmate migration name (dbmate passes it over); expected"
                + " <version>_<name>.sql, e.g. 20240605131359_create_users.sql");
  }
}
