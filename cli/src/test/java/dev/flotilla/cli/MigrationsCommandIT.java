package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devkit.SharedTestBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.migration.catalogue.MigrationFolder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flotilla migrations push} with row loss declared and warnings told, and {@code flotilla
 * migrations list} reading back what the push put on {@code flotilla.migrations}, through the jar
 * on the real broker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationsCommandIT {
  @TempDir static Path work;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private ServiceProcesses jar;
  private Map<String, String> env;
  private Path folder;

  @BeforeAll
  void setUp() throws IOException {
    KafkaSettings kafka = KafkaSettings.of(SharedTestBroker.get().bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    jar = new ServiceProcesses(work.resolve("logs"), Map.of());
    env = Map.of("FLOTILLA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    folder = Files.createDirectories(work.resolve("chat"));
    write(
        "V1__create_chat.sql",
        "CREATE TABLE messages (id INTEGER PRIMARY KEY, body TEXT);\n"
            + "CREATE TABLE sessions (id INTEGER PRIMARY KEY);\nCREATE TABLE audit (id INTEGER);\n");
    write(
        "V2__rebuild.sql",
        "PRAGMA foreign_keys=OFF;\n"
            + "-- flotilla:allows-row-loss audit\n"
            + "DELETE FROM audit;\n"
            + "CREATE TABLE messages_new (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n"
            + "INSERT INTO messages_new SELECT * FROM messages WHERE body IS NOT NULL;\n"
            + "DROP TABLE messages;\n"
            + "ALTER TABLE messages_new RENAME TO messages;\n");
    write("U2__rebuild.sql", "SELECT 1;\n");
    write("C2__bodies.sql", "SELECT id FROM messages WHERE body IS NULL;\n");
    write("V3__compact.sql", "-- flotilla:no-transaction\nVACUUM;\n");
  }

  @Test
  void pushWarnsDeclaresRowLossAndListShowsWhatWasPushed() throws Exception {
    String set = "chat-" + suffix;

    var push =
        jar.run(
            env,
            "migrations",
            "push",
            "--set",
            set,
            folder.toString(),
            "--allow-row-loss",
            "2=messages,sessions",
            "--allow-row-loss",
            "3=*");
    var list = jar.run(env, "migrations", "list", "--set", set);
    var json = jar.run(env, "migrations", "list", "--set", set, "--json");

    assertThat(push.exitCode()).as(push.output()).isZero();
    assertThat(push.output())
        .contains(
            "warning: V2__rebuild.sql:1: PRAGMA foreign_keys=OFF does nothing inside the"
                + " transaction Flotilla runs each version in; Flotilla switches foreign keys off"
                + " around every migration itself and checks them before commit")
        .contains("pushed 5 scripts of set '" + set + "'")
        .contains("V2 may lose rows of: audit, messages, sessions")
        .contains("V3 may lose rows of: any table")
        .doesNotContain("V1 may lose")
        .doesNotContain("warning: V3");

    assertThat(list.exitCode()).as(list.output()).isZero();
    assertThat(list.output())
        .contains("set " + set)
        .containsPattern("(?m)^  1 +V +[0-9a-f]{12} +yes +create chat$")
        .containsPattern("(?m)^  2 +V U C +[0-9a-f]{12} +yes +rebuild +audit, messages, sessions$")
        .containsPattern("(?m)^  3 +V +[0-9a-f]{12} +no +compact +any table$");

    assertThat(json.exitCode()).as(json.output()).isZero();
    JsonArray versions =
        new JsonObject(json.stdout())
            .getJsonArray("sets")
            .getJsonObject(0)
            .getJsonArray("versions");
    assertThat(versions.size()).isEqualTo(3);
    JsonObject v2 = versions.getJsonObject(1);
    assertThat(v2.getInteger("version")).isEqualTo(2);
    assertThat(v2.getJsonArray("scripts").stream().toList()).containsExactly("V", "U", "C");
    assertThat(v2.getString("description")).isEqualTo("rebuild");
    assertThat(v2.getString("sha256"))
        .isEqualTo(MigrationFolder.read(MigrationSetId.of(set), folder).get(1).sha256());
    assertThat(v2.getBoolean("transactional")).isTrue();
    assertThat(v2.getJsonArray("allowedRowLoss").stream().toList())
        .containsExactly("audit", "messages", "sessions");
    assertThat(versions.getJsonObject(2).getBoolean("transactional")).isFalse();
  }

  @Test
  void pushingAgainWithAnotherDeclarationReplacesTheScriptsAllowance() throws Exception {
    String set = "chat-again-" + suffix;

    var first = jar.run(env, "migrations", "push", "--set", set, folder.toString());
    var second =
        jar.run(
            env, "migrations", "push", "--set", set, folder.toString(), "--allow-row-loss", "1=*");
    var list = jar.run(env, "migrations", "list", "--set", set);

    assertThat(first.exitCode()).as(first.output()).isZero();
    assertThat(first.output()).contains("V2 may lose rows of: audit").doesNotContain("V1 may");
    assertThat(second.exitCode()).as(second.output()).isZero();
    assertThat(list.output())
        .containsPattern("(?m)^  1 +V +[0-9a-f]{12} +yes +create chat +any table$");
  }

  @Test
  void badRowLossDeclarationsAreOneLineExitCode2AndPublishNothing() throws Exception {
    String set = "chat-bad-" + suffix;

    var syntax =
        jar.run(
            env, "migrations", "push", "--set", set, folder.toString(), "--allow-row-loss", "2");
    var noSuchVersion =
        jar.run(
            env, "migrations", "push", "--set", set, folder.toString(), "--allow-row-loss", "9=x");
    var list = jar.run(env, "migrations", "list", "--set", set);

    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.output().strip())
        .isEqualTo(
            "flotilla migrations push: --allow-row-loss '2' is not VERSION=TABLES, e.g."
                + " 3=messages,sessions or 7=*");
    assertThat(noSuchVersion.exitCode()).isEqualTo(2);
    assertThat(noSuchVersion.output())
        .contains(
            "row loss is declared for V9, but the folder has no up script of version 9 (its"
                + " versions are 1, 2, 3)")
        .doesNotContain("\tat ");
    assertThat(list.exitCode()).isEqualTo(2);
    assertThat(list.output().strip())
        .isEqualTo(
            "flotilla migrations list: the catalogue has no migration set '"
                + set
                + "'; push it with `flotilla migrations push`");
  }

  private void write(String name, String sql) throws IOException {
    Files.writeString(folder.resolve(name), sql);
  }
}
