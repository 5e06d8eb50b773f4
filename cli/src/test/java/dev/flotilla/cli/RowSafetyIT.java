package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never lose a row, end to end: a chat application's fleet ({@link ChatFleet}: conversations ←
 * messages ← attachments, cascading deletes, a trigger) migrated by the services as separate
 * processes on a real broker. A table rebuilt the way ORMs generate it must keep every child row; a
 * script that deletes rows without declaring it must leave every device as it found it; a declared
 * purge removes exactly what it says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RowSafetyIT {
  /** V2 rebuilds {@code conversations}, as Prisma, drizzle and Django write it, adding a column. */
  private static final MigrationSetId REBUILD = MigrationSetId.of("chat");

  /** V2 adds a column and quietly deletes half of the messages that have no attachment. */
  private static final MigrationSetId PURGE = MigrationSetId.of("chat-purge");

  /** V2 deletes the messages older than the retention cutoff, and says so. */
  private static final MigrationSetId PRUNE = MigrationSetId.of("chat-prune");

  private static final String RETENTION_CUTOFF = "2026-02-15";
  private static final Duration LONG = Duration.ofMinutes(2);

  private static final String ORM_REBUILD =
      """
      -- RedefineTables
      PRAGMA defer_foreign_keys=ON;
      PRAGMA foreign_keys=OFF;
      -- SQLite cannot rename over a table that a trigger body names: the trigger goes and returns.
      DROP TRIGGER "messages_touch_conversation";
      CREATE TABLE "new_conversations" (
          "id" INTEGER NOT NULL PRIMARY KEY,
          "title" TEXT NOT NULL,
          "created_by" INTEGER NOT NULL,
          "created_at" TEXT NOT NULL,
          "last_message_at" TEXT,
          "archived" INTEGER NOT NULL DEFAULT 0,
          CONSTRAINT "conversations_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users" ("id")
      );
      INSERT INTO "new_conversations" ("id", "title", "created_by", "created_at", "last_message_at") SELECT "id", "title", "created_by", "created_at", "last_message_at" FROM "conversations";
      DROP TABLE "conversations";
      ALTER TABLE "new_conversations" RENAME TO "conversations";
      CREATE INDEX "conversations_last_message_at" ON "conversations"("last_message_at");
      CREATE TRIGGER "messages_touch_conversation" AFTER INSERT ON "messages"
      BEGIN
        UPDATE "conversations" SET "last_message_at" = NEW."sent_at"
         WHERE "id" = NEW."conversation_id"
           AND ("last_message_at" IS NULL OR "last_message_at" < NEW."sent_at");
      END;
      PRAGMA foreign_keys=ON;
      PRAGMA defer_foreign_keys=OFF;
      """;

  private static final String UNDECLARED_DELETE =
      """
      ALTER TABLE conversations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
      DELETE FROM messages
       WHERE id % 2 = 0 AND id NOT IN (SELECT message_id FROM attachments);
      """;

  private static final String DECLARED_PRUNE =
      "-- flotilla:allows-row-loss messages, attachments\n"
          + "DELETE FROM attachments WHERE message_id IN\n"
          + "  (SELECT id FROM messages WHERE sent_at < '"
          + RETENTION_CUTOFF
          + "');\n"
          + "DELETE FROM messages WHERE sent_at < '"
          + RETENTION_CUTOFF
          + "';\n";

  @TempDir static Path work;
  private RunningSuite suite;
  private List<DeviceId> rebuilt;
  private List<DeviceId> purged;
  private List<DeviceId> pruned;

  @BeforeAll
  void startTheSuite() throws Exception {
    suite = RunningSuite.in(work);
    Path sets = work.resolve("sets");
    MigrationScript v1 =
        ChatFleet.v1Of(
            suite.push(
                REBUILD,
                ChatFleet.writeSet(
                    sets.resolve("chat"), Map.of("V2__archived_conversations.sql", ORM_REBUILD))));
    suite.push(
        PURGE,
        ChatFleet.writeSet(
            sets.resolve("chat-purge"), Map.of("V2__pinned_conversations.sql", UNDECLARED_DELETE)));
    suite.push(
        PRUNE,
        ChatFleet.writeSet(
            sets.resolve("chat-prune"), Map.of("V2__retention.sql", DECLARED_PRUNE)));

    List<DeviceId> all =
        IntStream.rangeClosed(1, 12).mapToObj(i -> DeviceId.of("chat-%02d".formatted(i))).toList();
    ChatFleet.generate(suite.fleet(), all, v1, 20261122);
    rebuilt = all.subList(0, 4);
    purged = all.subList(4, 8);
    pruned = all.subList(8, 12);

    suite.startServices();
    suite.awaitInventoryOf(all, LONG);
  }

  @AfterAll
  void stopTheSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void anOrmStyleTableRebuildKeepsEveryChildRow() throws Exception {
    Map<DeviceId, Map<String, Long>> counts = new TreeMap<>();
    Map<DeviceId, List<String>> conversations = new TreeMap<>();
    Map<DeviceId, List<String>> messages = new TreeMap<>();
    Map<DeviceId, List<String>> attachments = new TreeMap<>();
    Map<DeviceId, List<String>> schema = new TreeMap<>();
    for (DeviceId device : rebuilt) {
      Path db = db(device);
      assertThat(DeviceFiles.version(db)).isEqualTo(1);
      counts.put(device, DeviceFiles.rowCounts(db));
      assertThat(counts.get(device)).allSatisfy((table, rows) -> assertThat(rows).isPositive());
      conversations.put(device, ChatFleet.rows(db, "conversations"));
      messages.put(device, ChatFleet.rows(db, "messages"));
      attachments.put(device, ChatFleet.rows(db, "attachments"));
      schema.put(device, ChatFleet.schemaObjects(db));
    }

    RolloutId rollout = start(REBUILD, rebuilt);

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).as("%s", endsOf(rollout)).isEqualTo(rebuilt.size());
    for (DeviceId device : rebuilt) {
      Path db = db(device);
      DeviceFinished end = suite.finishOf(rollout, device);
      assertThat(end.outcome()).as("%s: %s", device, end.reasons()).isEqualTo(DeviceOutcome.DONE);
      assertThat(end.version()).isEqualTo(VersionId.of(2));
      assertThat(DeviceFiles.version(db)).isEqualTo(2);
      assertThat(DeviceFiles.rowCounts(db)).as("rows of %s", device).isEqualTo(counts.get(device));
      assertThat(ChatFleet.rows(db, "messages"))
          .as("messages of %s", device)
          .isEqualTo(messages.get(device));
      assertThat(ChatFleet.rows(db, "attachments"))
          .as("attachments of %s", device)
          .isEqualTo(attachments.get(device));
      // Every conversation is kept as it was, with the new column at its default.
      assertThat(ChatFleet.rows(db, "conversations"))
          .as("conversations of %s", device)
          .isEqualTo(conversations.get(device).stream().map(row -> row + " 0").toList());
      assertThat(ChatFleet.columns(db, "conversations")).endsWith("archived");
      assertThat(ChatFleet.schemaObjects(db)).isEqualTo(schema.get(device));
      assertThat(ChatFleet.foreignKeyViolations(db)).isEmpty();
      assertThat(DeviceFiles.integrityCheck(db)).containsExactly("ok");
      // The application's rollback journal stays its choice.
      assertThat(ChatFleet.journalMode(db)).isEqualTo("delete");
    }
  }

  @Test
  void anUndeclaredDeleteLeavesEveryDeviceAtItsSourceVersion() throws Exception {
    Map<DeviceId, List<String>> dumps = new TreeMap<>();
    for (DeviceId device : purged) {
      assertThat(DeviceFiles.version(db(device))).isEqualTo(1);
      dumps.put(device, SqlDump.of(ChatFleet.readOnly(db(device))));
    }

    RolloutId rollout = start(PURGE, purged);

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done())
        .as(
            "devices migrated by a V2 that deleted messages it did not declare: %s",
            endsOf(rollout))
        .isZero();
    for (DeviceId device : purged) {
      DeviceFinished end = suite.finishOf(rollout, device);
      assertThat(suite.stepsFor(rollout, device)).contains(Step.MIGRATE);
      assertThat(end.outcome())
          .as("%s: %s", device, end.reasons())
          .isIn(DeviceOutcome.ROLLED_BACK, DeviceOutcome.FAILED);
      assertThat(String.join(" ", end.reasons())).contains("messages");
      assertThat(DeviceFiles.version(db(device))).isEqualTo(1);
      assertThat(SqlDump.of(ChatFleet.readOnly(db(device))))
          .as("the dump of %s", device)
          .isEqualTo(dumps.get(device));
      assertThat(ChatFleet.journalMode(db(device))).isEqualTo("delete");
    }
  }

  @Test
  void aDeclaredPurgeIsApplied() throws Exception {
    Map<DeviceId, Map<String, Long>> counts = new TreeMap<>();
    Map<DeviceId, List<String>> keptMessages = new TreeMap<>();
    Map<DeviceId, List<String>> keptAttachments = new TreeMap<>();
    for (DeviceId device : pruned) {
      Path db = db(device);
      counts.put(device, DeviceFiles.rowCounts(db));
      Set<Long> recent =
          ChatFleet.ids(db, "SELECT id FROM messages WHERE sent_at >= '" + RETENTION_CUTOFF + "'");
      keptMessages.put(device, keptOf(ChatFleet.rows(db, "messages"), recent));
      keptAttachments.put(
          device,
          keptOf(
              ChatFleet.rows(db, "attachments"),
              ChatFleet.ids(
                  db,
                  "SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id"
                      + " WHERE m.sent_at >= '"
                      + RETENTION_CUTOFF
                      + "'")));
      // The purge has old rows of both tables to remove, and recent rows to keep.
      assertThat(keptMessages.get(device).size())
          .isPositive()
          .isLessThan(counts.get(device).get("messages").intValue());
      assertThat(keptAttachments.get(device).size())
          .isPositive()
          .isLessThan(counts.get(device).get("attachments").intValue());
    }

    RolloutId rollout = start(PRUNE, pruned);

    RolloutFinished finished = awaitFinished(rollout);
    assertThat(finished.counts().done()).as("%s", endsOf(rollout)).isEqualTo(pruned.size());
    for (DeviceId device : pruned) {
      Path db = db(device);
      DeviceFinished end = suite.finishOf(rollout, device);
      assertThat(end.outcome()).as("%s: %s", device, end.reasons()).isEqualTo(DeviceOutcome.DONE);
      assertThat(DeviceFiles.version(db)).isEqualTo(2);
      assertThat(ChatFleet.rows(db, "messages")).isEqualTo(keptMessages.get(device));
      assertThat(ChatFleet.rows(db, "attachments")).isEqualTo(keptAttachments.get(device));
      Map<String, Long> after = DeviceFiles.rowCounts(db);
      assertThat(after.get("users")).isEqualTo(counts.get(device).get("users"));
      assertThat(after.get("conversations")).isEqualTo(counts.get(device).get("conversations"));
      assertThat(ChatFleet.foreignKeyViolations(db)).isEmpty();
    }
  }

  private static List<String> keptOf(List<String> rows, Set<Long> keptIds) {
    return rows.stream().filter(row -> keptIds.contains(ChatFleet.idOf(row))).toList();
  }

  private RolloutId start(MigrationSetId set, List<DeviceId> devices) {
    return suite.start(
        "it-rows",
        set,
        2,
        devices,
        RolloutPolicy.DEFAULT.withMaxInFlight(devices.size()).withStepTimeoutSeconds(120));
  }

  private RolloutFinished awaitFinished(RolloutId rollout) {
    return suite.awaitFinished(rollout, LONG);
  }

  /** How each device of the rollout ended and why, for failure messages. */
  private List<String> endsOf(RolloutId rollout) {
    return suite.eventsOf(rollout).stream()
        .filter(DeviceFinished.class::isInstance)
        .map(DeviceFinished.class::cast)
        .map(f -> f.deviceId().value() + " " + f.outcome() + " " + f.reasons())
        .toList();
  }

  private Path db(DeviceId device) {
    return ChatFleet.db(suite.fleet(), device);
  }
}
