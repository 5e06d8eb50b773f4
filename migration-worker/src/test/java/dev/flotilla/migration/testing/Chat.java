package dev.flotilla.migration.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat application's database: conversations, their messages ({@code ON DELETE CASCADE}) and the
 * messages' attachments (cascading too), with a trigger marking messages that have attachments —
 * the shape that an ORM-style table rebuild empties when foreign keys are on. (A trigger on another
 * table that names {@code conversations} would make the rebuild's rename fail in SQLite itself.)
 */
public final class Chat {
  public static final MigrationSetId SET = MigrationSetId.of("chat");
  public static final int CONVERSATIONS = 12;
  public static final int MESSAGES_EACH = 25;

  public static final String V1 =
      """
      CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
        last_message_at TEXT);
      CREATE TABLE messages (id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        body TEXT NOT NULL, sent_at TEXT NOT NULL, has_attachment INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX messages_by_conversation ON messages(conversation_id);
      CREATE TABLE attachments (id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE, name TEXT);
      CREATE TRIGGER attachments_mark AFTER INSERT ON attachments BEGIN
        UPDATE messages SET has_attachment = 1 WHERE id = NEW.message_id;
      END;
      """;

  /** How ORMs rebuild a table to change it: new table, copy, drop, rename, all foreign keys off. */
  public static final String REBUILD_CONVERSATIONS =
      """
      PRAGMA foreign_keys=OFF;
      CREATE TABLE new_conversations (id INTEGER PRIMARY KEY, title TEXT NOT NULL,
        last_message_at TEXT, archived INTEGER NOT NULL DEFAULT 0);
      INSERT INTO new_conversations (id, title, last_message_at)
        SELECT id, title, last_message_at FROM conversations;
      DROP TABLE conversations;
      ALTER TABLE new_conversations RENAME TO conversations;
      PRAGMA foreign_keys=ON;
      """;

  private Chat() {}

  public static MigrationScript v1() {
    return TestSets.script(SET, 1, ScriptKind.MIGRATE, V1);
  }

  public static MigrationScript v2(String sql, String... allowedRowLoss) {
    return TestSets.script(SET, 2, ScriptKind.MIGRATE, sql, true, List.of(allowedRowLoss));
  }

  /** A device at V1 of the set with conversations, messages and attachments in it. */
  public static Path deviceAtV1(TestWorker worker, Path fleetDir, DeviceId device) {
    Path file = DeviceFiles.createEmpty(fleetDir, device);
    MigrateResult result = worker.migrate.handle(Commands.migrate(device, SET, VersionId.of(1)));
    assertThat(result.succeeded()).as("%s", result).isTrue();
    List<String> rows = new ArrayList<>();
    rows.add("BEGIN");
    for (int c = 1; c <= CONVERSATIONS; c++) {
      rows.add("INSERT INTO conversations (id, title) VALUES (" + c + ", 'chat " + c + "')");
      for (int m = 1; m <= MESSAGES_EACH; m++) {
        int id = c * 1000 + m;
        rows.add(
            "INSERT INTO messages (id, conversation_id, body, sent_at) VALUES ("
                + id
                + ", "
                + c
                + ", 'message "
                + id
                + "', '2026-11-"
                + (10 + m % 18)
                + "')");
        if (m % 5 == 0) {
          rows.add("INSERT INTO attachments (message_id, name) VALUES (" + id + ", 'photo.jpg')");
        }
      }
    }
    rows.add("COMMIT");
    DeviceFiles.execute(file, rows.toArray(String[]::new));
    return file;
  }
}
