package dev.flotilla.migration.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.migration.testing.TestSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Given the catalogue as published, when a folder is pushed, then what is published. */
class PushPlanTest {
  private static final MigrationSetId SET = MigrationSetId.of("shop");

  @TempDir Path dir;

  @BeforeEach
  void aFolderOfTwoVersions() throws IOException {
    write("V1__orders.sql", "CREATE TABLE orders (id INTEGER PRIMARY KEY);\n");
    write("V1.1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY);\n");
    write("U1.1__items.sql", "DROP TABLE items;\n");
  }

  @Test
  void anEmptyCatalogueTakesEveryScript() {
    List<MigrationScript> scripts = read();

    PushPlan plan = PushPlan.of(new Catalogue(), scripts, false);

    assertThat(plan.publish()).isEqualTo(scripts);
    assertThat(plan.refused()).isFalse();
    assertThat(plan.nothingChanged()).isFalse();
  }

  @Test
  void theSameFolderAgainChangesNothingAndPublishesNothing() {
    Catalogue published = Catalogue.of(read());

    PushPlan plan = PushPlan.of(published, read(), false);

    assertThat(plan.nothingChanged()).isTrue();
    assertThat(plan.publish()).isEmpty();
    assertThat(plan.unchanged()).hasSize(3);
  }

  @Test
  void scriptsPushedBeforeFilesWereKeptAreRepublishedWithTheirFile() {
    Catalogue published =
        Catalogue.of(
            read().stream()
                .map(
                    script ->
                        new MigrationScript(
                            script.messageId(),
                            script.occurredAt(),
                            script.migrationSet(),
                            script.version(),
                            script.kind(),
                            script.description(),
                            script.sql(),
                            script.sha256(),
                            script.transactional(),
                            script.allowedRowLoss()))
                .toList());

    PushPlan plan = PushPlan.of(published, read(), false);

    assertThat(plan.conflicts()).isEmpty();
    assertThat(plan.publish())
        .extracting(MigrationScript::file)
        .containsExactly("V1__orders.sql", "V1.1__items.sql", "U1.1__items.sql");
  }

  @Test
  void anotherTextUnderAPublishedKeyRefusesTheWholePushAndNamesEachConflict() throws IOException {
    List<MigrationScript> before = read();
    Catalogue published = Catalogue.of(before);
    write("V1.1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT);\n");
    write("U1.1__items.sql", "DROP TABLE IF EXISTS items;\n");
    write("V2__new.sql", "CREATE TABLE news (id INTEGER);\n");

    PushPlan plan = PushPlan.of(published, read(), false);

    assertThat(plan.refused()).isTrue();
    assertThat(plan.publish()).as("nothing, not even the new V2").isEmpty();
    assertThat(plan.conflicts())
        .extracting(PushPlan.Conflict::describe)
        .containsExactly(
            "V1.1 V1.1__items.sql: published with SHA-256 "
                + before.get(1).sha256().substring(0, 12)
                + ", the folder's is "
                + TestSets.sha256("CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT);\n")
                    .substring(0, 12),
            "U1.1 U1.1__items.sql: published with SHA-256 "
                + before.get(2).sha256().substring(0, 12)
                + ", the folder's is "
                + TestSets.sha256("DROP TABLE IF EXISTS items;\n").substring(0, 12));
  }

  @Test
  void aForcedPushRecordsWhatEachScriptReplacedAndKeepsItWhenPushedAgain() throws IOException {
    List<MigrationScript> before = read();
    write("V1.1__items.sql", "CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT);\n");
    List<MigrationScript> after = read();

    PushPlan forced = PushPlan.of(Catalogue.of(before), after, true);

    assertThat(forced.refused()).isFalse();
    assertThat(forced.publish()).hasSize(1);
    MigrationScript replacing = forced.publish().get(0);
    assertThat(replacing.file()).isEqualTo("V1.1__items.sql");
    assertThat(replacing.sha256()).isEqualTo(after.get(1).sha256());
    assertThat(replacing.replacedSha256()).isEqualTo(before.get(1).sha256());
    assertThat(replacing.messageId()).isNotEqualTo(after.get(1).messageId());

    Catalogue now = Catalogue.of(before);
    forced.publish().forEach(now::add);
    assertThat(PushPlan.of(now, read(), false).nothingChanged())
        .as("the forced text pushed again is no conflict and no change")
        .isTrue();

    PushPlan declared =
        PushPlan.of(
            now,
            MigrationFolder.read(SET, dir, RowLossDeclarations.parse(List.of("1.1=*"))),
            false);
    assertThat(declared.publish())
        .singleElement()
        .satisfies(
            script -> {
              assertThat(script.allowedRowLoss()).containsExactly("*");
              assertThat(script.replacedSha256())
                  .as("a new declaration keeps the record of the replacement")
                  .isEqualTo(before.get(1).sha256());
            });
  }

  private List<MigrationScript> read() {
    return MigrationFolder.read(SET, dir);
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }
}
