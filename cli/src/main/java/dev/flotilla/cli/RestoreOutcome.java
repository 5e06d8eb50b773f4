package dev.flotilla.cli;

import dev.flotilla.contracts.view.AuditEntry;
import dev.flotilla.contracts.view.RolloutDetail;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * How an operator's restore ended, read from what the coordinator's API shows of its rollout: the
 * rollout's status, and its events (the audit trail), which name the backup put back, the version
 * the device is at, and the backup that keeps the database the restore replaced. Pure.
 *
 * @param status the rollout's status ({@code FINISHED}, {@code REJECTED}, {@code ABORTED})
 * @param outcome the device's end ({@code DONE}, {@code FAILED}, …); null when it never started
 * @param restoredBackupId the backup the restore put back, or was to put back; null when none was
 *     found
 * @param version the device's version once restored; null unless it was
 * @param replacedStateBackupId the fresh backup of the database as it was; null when none was taken
 * @param reasons why it ended so: the rejection's reasons, or the device's
 */
record RestoreOutcome(
    String rolloutId,
    String deviceId,
    String status,
    String outcome,
    String restoredBackupId,
    Object version,
    String replacedStateBackupId,
    List<String> reasons) {

  RestoreOutcome {
    reasons = List.copyOf(reasons);
  }

  boolean restored() {
    return "DONE".equals(outcome);
  }

  /**
   * @param rollout {@code GET /rollouts/{id}}, once it has ended
   * @param audit the items of {@code GET /audit?rollout={id}}, oldest first
   */
  static RestoreOutcome of(String deviceId, RolloutDetail rollout, List<AuditEntry> audit) {
    String outcome = null;
    String restoredBackupId = null;
    Object version = null;
    String keptIn = null;
    List<String> reasons = new ArrayList<>();
    for (AuditEntry item : audit) {
      JsonObject event =
          item.event() == null ? new JsonObject() : new JsonObject(item.event().toString());
      switch (item.type()) {
        case "StepDispatched" -> {
          JsonObject command = event.getJsonObject("command", new JsonObject());
          if ("RestoreBackup".equals(command.getString("type"))) {
            restoredBackupId = command.getString("backupId");
          }
        }
        case "StepCompleted" -> {
          JsonObject reply = event.getJsonObject("reply", new JsonObject());
          if ("BackupCompleted".equals(reply.getString("type"))) {
            keptIn = reply.getString("backupId");
            JsonObject toRestore = reply.getJsonObject("toRestore");
            if (toRestore != null) {
              restoredBackupId = toRestore.getString("backupId");
            }
          } else if ("Restored".equals(reply.getString("type"))) {
            restoredBackupId = reply.getString("backupId");
            keptIn = reply.getString("replacedStateBackupId", keptIn);
          }
        }
        case "DeviceFinished" -> {
          outcome = event.getString("outcome");
          version = event.getValue("version");
          event.getJsonArray("reasons", new JsonArray()).forEach(r -> reasons.add((String) r));
        }
        default -> {
          // the rest of the trail says nothing of the outcome
        }
      }
    }
    if (reasons.isEmpty()) {
      reasons.addAll(rollout.rejectionReasons());
    }
    if (reasons.isEmpty() && outcome == null && rollout.statusDetail() != null) {
      reasons.add(rollout.statusDetail());
    }
    boolean done = "DONE".equals(outcome);
    return new RestoreOutcome(
        rollout.rolloutId(),
        deviceId,
        rollout.status(),
        outcome,
        restoredBackupId,
        done ? version : null,
        keptIn,
        reasons);
  }

  /** For people: what happened, where the old database is, and how to see every step. */
  List<String> describe() {
    List<String> lines = new ArrayList<>();
    if (restored()) {
      lines.add(
          "Restored "
              + deviceId
              + " from backup "
              + restoredBackupId
              + ": the device is at version "
              + version
              + ".");
      lines.add("The database it replaced is kept in backup " + replacedStateBackupId + ".");
    } else {
      lines.add(
          deviceId
              + " was not restored ("
              + (outcome == null ? "rollout " + status : outcome)
              + ")"
              + (restoredBackupId == null ? "" : " from backup " + restoredBackupId)
              + ":");
      reasons.forEach(reason -> lines.add("  " + reason));
      if (replacedStateBackupId != null) {
        lines.add("The database as it was is kept in backup " + replacedStateBackupId + ".");
      }
    }
    lines.add("Every step: flotilla audit --rollout " + rolloutId);
    return lines;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("rolloutId", rolloutId)
        .put("deviceId", deviceId)
        .put("restored", restored())
        .put("status", status)
        .put("outcome", outcome)
        .put("restoredBackupId", restoredBackupId)
        .put("version", version)
        .put("replacedStateBackupId", replacedStateBackupId)
        .put("reasons", new JsonArray(reasons));
  }
}
