package dev.flotilla.migration.catalogue.format;

import static dev.flotilla.migration.catalogue.format.FolderFixtures.fixture;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.refusal;
import static dev.flotilla.migration.catalogue.format.FolderFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GolangMigrateLayoutTest {
  private static final FolderFormat GOLANG_MIGRATE = FolderFormat.GOLANG_MIGRATE;

  @TempDir Path dir;

  @Test
  void readsUpAndDownPairsInVersionOrderEveryOneInATransaction() {
    FolderReading reading = FolderReader.read(fixture("golang-migrate"));

    assertThat(reading.scripts())
        .extracting(script -> script.kind().prefix() + script.version())
        .containsExactly(
            "V000001", "U000001", "V000002", "U000002", "V000003", "U000003", "C3", "V000004",
            "U000004", "P4", "V000005", "U000005");
    assertThat(reading.scripts()).allMatch(FolderScript::transactional);
    assertThat(reading.scripts().get(0).description()).isEqualTo("create authors and books");
  }

  @Test
  void refusesDuplicateVersionsDownsWithoutUpsAndNamesItPassesOver() {
    write(dir, "000001_create.up.sql", "CREATE TABLE t (x);\n");
    write(dir, "1_create_again.up.sql", "CREATE TABLE u (x);\n");
    write(dir, "000002_gone.down.sql", "DROP TABLE z;\n");
    write(dir, "000003_simple.sql", "CREATE TABLE v (x);\n");
    write(dir, "99999999999999999999_huge.up.sql", "CREATE TABLE w (x);\n");

    refusal(dir, GOLANG_MIGRATE)
        .containsExactly(
            "000003_simple.sql: not a golang-migrate migration name (golang-migrate passes it"
                + " over); expected <version>_<title>.up.sql or .down.sql, e.g."
                + " 000001_create_users.up.sql",
            "1_create_again.up.sql: 000001_create.up.sql already holds the up script of version 1",
            "99999999999999999999_huge.up.sql: not a golang-migrate migration name (golang-migrate"
                + " passes it over); expected <version>_<title>.up.sql or .down.sql, e.g."
                + " 000001_create_users.up.sql",
            "000002_gone.down.sql: there is no up script of version 000002 for it to undo");
  }

  @Test
  void theTitleIsEverythingBetweenTheVersionAndTheDirectionAsGolangMigrateMatchesIt() {
    write(dir, "1_a.up.b.up.sql", "CREATE TABLE t (x);\n");

    assertThat(FolderReader.read(dir, GOLANG_MIGRATE).scripts())
        .singleElement()
        .extracting(FolderScript::description)
        .isEqualTo("a.up.b");
  }
}
