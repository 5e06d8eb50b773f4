package dev.flotilla.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.view.AuditEntry;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.ViewCodec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a restore ended, as the command reads it from the API's rollout and audit trail. */
class RestoreOutcomeTest {
  private static final String DEVICE = "rv-0001";

  private static final ViewCodec VIEWS = new ViewCodec();

  private static JsonObject rollout(String status) {
    JsonObject outcomes = new JsonObject();
    List.of("done", "failed", "rolledBack", "skipped", "needsAttention", "ended")
        .forEach(count -> outcomes.put(count, 0));
    return new JsonObject()
        .put("rolloutId", "restore-rv-0001-x")
        .put("status", status)
        .put("dryRun", false)
        .put("devices", 1)
        .put("waves", 1)
        .put("currentWave", 1)
        .put("lastSequence", 9)
        .put("notYetInAWave", 0)
        .put("outcomes", outcomes)
        .put("byWave", new JsonArray())
        .put("finishedAt", "2026-12-06T10:00:00Z")
        .put("rejectionReasons", new JsonArray());
  }

  /** What {@code GET /rollouts/{id}} answers, read as the command reads it. */
  private static RolloutDetail detail(JsonObject rollout) {
    return VIEWS.decode(rollout.encode(), RolloutDetail.class);
  }

  private static AuditEntry item(String type, JsonObject event) {
    return VIEWS.decode(
        new JsonObject()
            .put("rolloutId", "restore-rv-0001-x")
            .put("sequence", 1)
            .put("type", type)
            .put("event", event)
            .encode(),
        AuditEntry.class);
  }

  private static AuditEntry completed(JsonObject reply) {
    return item("StepCompleted", new JsonObject().put("reply", reply));
  }

  private static final AuditEntry FRESH_BACKUP =
      completed(
          new JsonObject()
              .put("type", "BackupCompleted")
              .put("backupId", "rv-0001-fresh")
              .put("toRestore", new JsonObject().put("backupId", "rv-0001-old")));

  @Test
  void aDoneDeviceNamesTheBackupPutBackItsVersionAndWhereTheOldDatabaseWent() {
    RestoreOutcome outcome =
        RestoreOutcome.of(
            DEVICE,
            detail(rollout("FINISHED")),
            List.of(
                FRESH_BACKUP,
                completed(
                    new JsonObject()
                        .put("type", "Restored")
                        .put("backupId", "rv-0001-old")
                        .put("version", 1)
                        .put("replacedStateBackupId", "rv-0001-fresh")),
                item(
                    "DeviceFinished",
                    new JsonObject()
                        .put("outcome", "DONE")
                        .put("version", 1)
                        .put("backupId", "rv-0001-fresh")
                        .put("reasons", new JsonArray().add("restored backup rv-0001-old")))));

    assertThat(outcome.restored()).isTrue();
    assertThat(outcome.describe())
        .startsWith(
            "Restored rv-0001 from backup rv-0001-old: the device is at version 1.",
            "The database it replaced is kept in backup rv-0001-fresh.");
    assertThat(outcome.toJson().getString("replacedStateBackupId")).isEqualTo("rv-0001-fresh");
    assertThat(outcome.toJson().getValue("version")).isEqualTo(1);
  }

  @Test
  void aFailedRestoreSaysWhyAndWhereTheDatabaseIsKept() {
    RestoreOutcome outcome =
        RestoreOutcome.of(
            DEVICE,
            detail(rollout("FINISHED")),
            List.of(
                FRESH_BACKUP,
                item(
                    "DeviceFinished",
                    new JsonObject()
                        .put("outcome", "NEEDS_ATTENTION")
                        .put(
                            "reasons",
                            new JsonArray()
                                .add("restore: restored-unsound: the restored database failed")))));

    assertThat(outcome.restored()).isFalse();
    assertThat(outcome.version()).isNull();
    assertThat(String.join("\n", outcome.describe()))
        .contains("rv-0001 was not restored (NEEDS_ATTENTION) from backup rv-0001-old:")
        .contains("restored-unsound")
        .contains("The database as it was is kept in backup rv-0001-fresh.");
  }

  @Test
  void aRejectedRestoreGivesTheRejectionsReasons() {
    JsonObject rejected =
        rollout("REJECTED")
            .put(
                "rejectionReasons",
                new JsonArray().add("deviceId: the device is already in an active rollout"));

    RestoreOutcome outcome = RestoreOutcome.of(DEVICE, detail(rejected), List.of());

    assertThat(outcome.restored()).isFalse();
    assertThat(outcome.describe())
        .contains(
            "rv-0001 was not restored (rollout REJECTED):",
            "  deviceId: the device is already in an active rollout");
    assertThat(outcome.toJson().getBoolean("restored")).isFalse();
  }
}
