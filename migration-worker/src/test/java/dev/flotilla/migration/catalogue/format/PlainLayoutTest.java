package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.refusal;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainLayoutTest {
  private static final FolderFormat PLAIN = FolderFormat.PLAIN;

  @TempDir Path dir;

  @Test
  void readsNumberedScriptsInNumericOrder() {
    assertThat(FolderReader.read(fixture("plain")).scripts())
        .extracting(script -> script.kind().prefix() + script.version())
        .containsExactly("V001", "V002", "V003", "C003", "V004");
  }

  @Test
  void takesDashesDotsAndNoDescriptionAndOrdersByNumberNotByName() {
    write(dir, "10-last.sql", "CREATE TABLE c (x);\n");
    write(dir, "9.middle.sql", "CREATE TABLE b (x);\n");
    write(dir, "1.sql", "CREATE TABLE a (x);\n");

    assertThat(FolderReader.read(dir, PLAIN).scripts())
        .extracting(script -> script.version().toString(), FolderScript::description)
        .containsExactly(tuple("1", ""), tuple("9", "middle"), tuple("10", "last"));
  }

  @Test
  void refusesUpAndDownPairsUnnumberedScriptsAndDuplicates() {
    write(dir, "001_init.sql", "CREATE TABLE t (x);\n");
    write(dir, "1_init_again.sql", "CREATE TABLE t (x);\n");
    write(dir, "002_more.up.sql", "CREATE TABLE u (x);\n");
    write(dir, "seed.sql", "INSERT INTO t VALUES (1);\n");

    refusal(dir, PLAIN)
        .containsExactly(
            "002_more.up.sql: plain numbered scripts have no up and down pairs; read the folder"
                + " with --format sqlx or --format golang-migrate",
            "1_init_again.sql: 001_init.sql already holds the up script of version 1",
            "seed.sql: not a numbered script; expected <number>_<description>.sql, e.g."
                + " 001_init.sql");
  }
}
