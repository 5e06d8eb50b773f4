package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla migrations push} of folders as other tools lay them out, through the jar on the
 * real broker: what it publishes is read back from {@code flotilla.migrations}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationsPushIT {
  @TempDir static Path work;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private KafkaSettings kafka;
  private ServiceProcesses jar;
  private Map<String, String> env;

  @BeforeAll
  void setUp() {
    kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
    env = Map.of("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
  }

  @Test
  void aFlywayFolderWithDottedVersionsAndGapsIsPublishedAsItIsWritten() throws Exception {
    String set = "flyway-" + suffix;
    Path folder = flywayFolder(set);

    var push = push(set, folder, "--allow-row-loss", "1.1=books");

    assertThat(push.exitCode()).as(push.output()).isZero();
    assertThat(push.output())
        .contains("read " + folder + " as Flyway: 4 scripts named V<version>__<description>.sql")
        .contains("3 versions (1 to 3); down scripts: 1, verification scripts: 1, probe scripts: 0")
        .contains("pushed 5 scripts of set '" + set + "'")
        .contains("V1.1 may lose rows of: books");
    assertThat(published(set))
        .extracting(
            script -> script.kind().prefix() + script.version(),
            MigrationScript::file,
            MigrationScript::allowedRowLoss)
        .containsExactly(
            tuple("V1", "V1__authors.sql", List.of()),
            tuple("V1.1", "V1.1__books.sql", List.of("books")),
            tuple("U1.1", "U1.1__books.sql", List.of()),
            tuple("V3", "later/V3__loans.sql", List.of()),
            tuple("C3", "C3__no_loan_twice.sql", List.of()));
    assertThat(published(set).get(1).version()).isEqualTo(VersionId.parse("1.1"));
  }

  @Test
  void anSqlxFolderKeepsItsTimestampsAndFilesAndTheSameFolderAgainChangesNothing()
      throws Exception {
    String set = "sqlx-" + suffix;
    Path folder = Files.createDirectories(work.resolve(set));
    write(folder, "20240601090000_books.up.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    write(folder, "20240601090000_books.down.sql", "DROP TABLE books;\n");
    write(
        folder,
        "20240605131359_compact.up.sql",
        "-- no-transaction\nCREATE INDEX books_id ON books (id);\nVACUUM;\n");
    write(folder, "20240605131359_compact.down.sql", "DROP INDEX books_id;\n");

    var push = push(set, folder);
    var again = push(set, folder);

    assertThat(push.exitCode()).as(push.output()).isZero();
    assertThat(push.output())
        .contains("read " + folder + " as sqlx: ")
        .contains(
            "2 versions (20240601090000 to 20240605131359); down scripts: 2, verification"
                + " scripts: 0, probe scripts: 0")
        .doesNotContain("warning:");
    assertThat(records(set))
        .extracting(
            script -> script.kind().prefix() + script.version(),
            MigrationScript::file,
            MigrationScript::transactional)
        .containsExactlyInAnyOrder(
            tuple("V20240601090000", "20240601090000_books.up.sql", true),
            tuple("U20240601090000", "20240601090000_books.down.sql", true),
            tuple("V20240605131359", "20240605131359_compact.up.sql", false),
            tuple("U20240605131359", "20240605131359_compact.down.sql", true));
    assertThat(published(set).get(2).version().asLong()).hasValue(20240605131359L);

    assertThat(again.exitCode()).as(again.output()).isZero();
    assertThat(again.output())
        .contains(
            "nothing changed: the catalogue already holds these 4 scripts of set '"
                + set
                + "'; nothing published");
    assertThat(records(set)).as("nothing was published again").hasSize(4);
  }

  @Test
  void anotherTextUnderAPublishedVersionIsRefusedThenForcedAndTheReplacementRecorded()
      throws Exception {
    String set = "conflict-" + suffix;
    Path folder = flywayFolder(set);
    var first = push(set, folder);
    String before = published(set).get(1).sha256();
    write(folder, "V1.1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT);\n");
    write(folder, "U1.1__books.sql", "DROP TABLE IF EXISTS books;\n");
    write(folder, "V4__reviews.sql", "CREATE TABLE reviews (id INTEGER PRIMARY KEY);\n");

    var refused = push(set, folder);
    List<MigrationScript> afterRefusal = published(set);
    var forced = push(set, folder, "--force");
    var list = jar.run(env, "migrations", "list", "--set", set);
    var json = jar.run(env, "migrations", "list", "--set", set, "--json");

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
    assertThat(refused.output())
        .contains(
            "flotilla migrations push: refused, nothing published: 2 scripts of set '"
                + set
                + "' are already in the catalogue with another SHA-256:")
        .contains("  V1.1 V1.1__books.sql: published with SHA-256 " + before.substring(0, 12))
        .contains("  U1.1 U1.1__books.sql: published with SHA-256 ")
        .contains("push again with --force");
    assertThat(afterRefusal)
        .as("nothing published, not even the new V4")
        .hasSize(5)
        .noneMatch(script -> script.version().equals(VersionId.of(4)));

    assertThat(forced.exitCode()).as(forced.output()).isZero();
    assertThat(forced.output())
        .contains("pushed 3 scripts of set '" + set + "'")
        .contains("replaced (--force) V1.1 V1.1__books.sql: published with SHA-256 ");
    MigrationScript v11 = published(set).get(1);
    assertThat(v11.version()).isEqualTo(VersionId.parse("1.1"));
    assertThat(v11.sha256()).isNotEqualTo(before);
    assertThat(v11.replacedSha256()).isEqualTo(before);
    assertThat(published(set)).filteredOn(script -> script.replacedSha256() != null).hasSize(2);

    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output())
        .contains(
            "  V1.1 V1.1__books.sql was pushed with --force over another text: SHA-256 "
                + before.substring(0, 12)
                + " replaced by "
                + v11.sha256().substring(0, 12));
    JsonObject jsonV11 =
        new JsonObject(json.stdout())
            .getJsonArray("sets")
            .getJsonObject(0)
            .getJsonArray("versions")
            .getJsonObject(1);
    assertThat(jsonV11.getString("version")).isEqualTo("1.1");
    assertThat(jsonV11.getString("file")).isEqualTo("V1.1__books.sql");
    assertThat(jsonV11.getJsonArray("replaced").getJsonObject(0).getString("replacedSha256"))
        .isEqualTo(before);
  }

  @Test
  void aNamedFormatReadsTheFolderAsThatToolWouldAndABadNameIsRefused() throws Exception {
    String set = "format-" + suffix;
    Path folder = Files.createDirectories(work.resolve(set));
    write(folder, "000001_books.up.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    write(folder, "000001_books.down.sql", "DROP TABLE books;\n");
    write(folder, "000002_compact.up.sql", "-- no-transaction\nVACUUM;\n");

    var detected = push(set + "-detected", folder);
    var named = push(set, folder, "--format", "golang-migrate");
    var unknown = push(set + "-unknown", folder, "--format", "liquibase");

    assertThat(detected.exitCode()).as(detected.output()).isZero();
    assertThat(detected.output()).contains("as sqlx: ").doesNotContain("warning:");
    assertThat(named.exitCode()).as(named.output()).isZero();
    assertThat(named.output())
        .contains("read " + folder + " as golang-migrate: as named (--format golang-migrate)")
        .contains("warning: 000002_compact.up.sql:2: VACUUM fails inside the transaction");
    assertThat(published(set))
        .extracting(MigrationScript::version, MigrationScript::transactional)
        .containsExactly(
            tuple(VersionId.of(1), true),
            tuple(VersionId.of(1), true),
            tuple(VersionId.of(2), true));
    assertThat(published(set + "-detected").get(2).transactional()).isFalse();
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.output().strip())
        .isEqualTo(
            "flotilla migrations push: --format 'liquibase' is not a folder format; the formats"
                + " are flyway, sqlx, diesel, golang-migrate, goose, dbmate, plain");
  }

  @Test
  void repeatablesAreRefusedByNameUnlessSkipped() throws Exception {
    String set = "repeatable-" + suffix;
    Path folder = flywayFolder(set);
    write(folder, "R__author_directory.sql", "CREATE VIEW IF NOT EXISTS directory AS SELECT 1;\n");

    var refused = push(set, folder);
    List<MigrationScript> afterRefusal = records(set);
    var skipped = push(set, folder, "--skip-repeatables");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.output())
        .contains(
            "R__author_directory.sql: a Flyway repeatable script; Flotilla applies each version"
                + " once and does not re-apply repeatable scripts when they change")
        .contains("--skip-repeatables")
        .doesNotContain("\tat ");
    assertThat(afterRefusal).isEmpty();
    assertThat(skipped.exitCode()).as(skipped.output()).isZero();
    assertThat(skipped.output())
        .contains(
            "skipped R__author_directory.sql: a Flyway repeatable script, left out as asked: ")
        .contains("pushed 5 scripts of set '" + set + "'");
    assertThat(published(set)).noneMatch(script -> script.file().startsWith("R__"));
  }

  private ServiceProcesses.Result push(String set, Path folder, String... more)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("migrations", "push", "--set", set));
    args.add(folder.toString());
    args.addAll(List.of(more));
    return jar.run(env, args.toArray(String[]::new));
  }

  /** V1, V1.1 and U1.1, a gap, then V3 in a subfolder with its C3. */
  private static Path flywayFolder(String name) throws IOException {
    Path folder = Files.createDirectories(work.resolve(name));
    write(folder, "V1__authors.sql", "CREATE TABLE authors (id INTEGER PRIMARY KEY);\n");
    write(folder, "V1.1__books.sql", "CREATE TABLE books (id INTEGER PRIMARY KEY);\n");
    write(folder, "U1.1__books.sql", "DROP TABLE books;\n");
    write(folder, "later/V3__loans.sql", "CREATE TABLE loans (book INTEGER);\n");
    write(
        folder,
        "C3__no_loan_twice.sql",
        "SELECT book FROM loans GROUP BY book HAVING count(*) > 1;\n");
    return folder;
  }

  /** The catalogue's scripts of {@code set}, the latest record per key. */
  private List<MigrationScript> published(String set) {
    return CatalogueSnapshot.read(kafka).scriptsOf(MigrationSetId.of(set));
  }

  /** Every record of {@code set} on the topic, before any compaction; keys on other partitions. */
  private List<MigrationScript> records(String set) {
    List<MigrationScript> records = new ArrayList<>();
    try (TopicReader<MigrationScript> reader =
        TopicReader.fromBeginning(
            kafka,
            Topics.MIGRATIONS,
            incoming -> {
              if (incoming.value().migrationSet().equals(MigrationSetId.of(set))) {
                synchronized (records) {
                  records.add(incoming.value());
                }
              }
            })) {
      reader.start().awaitCaughtUp(Duration.ofSeconds(30));
    }
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  private static void write(Path folder, String relative, String text) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
