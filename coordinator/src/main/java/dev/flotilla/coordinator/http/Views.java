package dev.flotilla.coordinator.http;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.coordinator.projection.AuditRow;
import dev.flotilla.coordinator.projection.DeviceHistoryRow;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.RolloutDeviceRow;
import dev.flotilla.coordinator.projection.RolloutRow;
import dev.flotilla.coordinator.projection.StageCount;
import dev.flotilla.coordinator.projection.WaveRow;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows as JSON for the HTTP API. Pure. */
final class Views {
  private Views() {}

  static JsonObject rollouts(List<RolloutRow> rows) {
    return new JsonObject().put("rollouts", array(rows.stream().map(Views::rollout).toList()));
  }

  static JsonObject rollout(RolloutRow r) {
    return new JsonObject()
        .put("rolloutId", r.rolloutId())
        .put("status", r.status().name())
        .put("statusDetail", r.statusDetail())
        .put("migrationSet", r.migrationSet())
        .put("targetVersion", json(r.targetVersion()))
        .put("requestedBy", r.requestedBy())
        .put("dryRun", r.dryRun())
        .put("devices", r.deviceCount())
        .put("waves", r.waveCount())
        .put("currentWave", r.currentWave())
        .put("openedAt", time(r.openedAt()))
        .put("acceptedAt", time(r.acceptedAt()))
        .put("finishedAt", time(r.finishedAt()))
        .put(
            "outcomes",
            new JsonObject()
                .put("done", r.done())
                .put("failed", r.failed())
                .put("rolledBack", r.rolledBack())
                .put("skipped", r.skipped())
                .put("needsAttention", r.needsAttention())
                .put("ended", r.ended()))
        .put("rejectionReasons", new JsonArray(r.rejectionReasons().values()))
        .put("lastSequence", r.lastSequence())
        .put("updatedAt", time(r.updatedAt()))
        .put(
            "links",
            new JsonObject()
                .put("self", "/rollouts/" + r.rolloutId())
                .put("devices", "/rollouts/" + r.rolloutId() + "/devices")
                .put("audit", "/audit?rollout=" + r.rolloutId()));
  }

  /** The rollout with its devices counted by stage, overall and per wave. */
  static JsonObject rolloutDetail(
      RolloutRow r, List<WaveRow> waves, List<StageCount> byStage, List<StageCount> byWave) {
    Map<Integer, JsonObject> stagesOfWave = new TreeMap<>();
    int notInAWave = 0;
    for (StageCount count : byWave) {
      if (count.wave() == null) {
        notInAWave += count.devices();
      } else {
        stagesOfWave
            .computeIfAbsent(count.wave(), w -> new JsonObject())
            .put(count.stage().name(), count.devices());
      }
    }
    JsonArray waveViews = new JsonArray();
    for (WaveRow w : waves) {
      waveViews.add(
          new JsonObject()
              .put("wave", w.wave())
              .put("state", w.state().name())
              .put("devices", w.deviceCount())
              .put("awaitingSince", time(w.awaitingSince()))
              .put("approvedBy", w.approvedBy())
              .put("approvedAt", time(w.approvedAt()))
              .put("startedAt", time(w.startedAt()))
              .put("byStage", stagesOfWave.getOrDefault(w.wave(), new JsonObject())));
    }
    return rollout(r)
        .put("byStage", stageCounts(byStage))
        .put("byWave", waveViews)
        .put("notYetInAWave", notInAWave);
  }

  static JsonObject devicesOf(String rolloutId, List<RolloutDeviceRow> rows) {
    return new JsonObject()
        .put("rolloutId", rolloutId)
        .put("devices", array(rows.stream().map(Views::device).toList()));
  }

  static JsonObject device(RolloutDeviceRow d) {
    return new JsonObject()
        .put("rolloutId", d.rolloutId())
        .put("deviceId", d.deviceId())
        .put("stage", d.stage().name())
        .put("wave", d.wave())
        .put("version", json(d.version()))
        .put("backupId", d.backupId())
        .put("reasons", new JsonArray(d.reasons().values()))
        .put("updatedAt", time(d.updatedAt()));
  }

  static JsonObject deviceDetail(
      String deviceId,
      VersionId currentVersion,
      List<RolloutDeviceRow> rollouts,
      List<DeviceHistoryRow> history) {
    return new JsonObject()
        .put("deviceId", deviceId)
        .put("currentVersion", json(currentVersion))
        .put("rollouts", array(rollouts.stream().map(Views::device).toList()))
        .put("history", array(history.stream().map(Views::historyEntry).toList()))
        .put("links", new JsonObject().put("audit", "/audit?device=" + deviceId));
  }

  static JsonObject historyEntry(DeviceHistoryRow h) {
    return new JsonObject()
        .put("rolloutId", h.rolloutId())
        .put("sequence", h.sequence())
        .put("occurredAt", time(h.occurredAt()))
        .put("event", h.event())
        .put("step", h.step())
        .put("result", h.result())
        .put("version", json(h.version()))
        .put("summary", h.summary());
  }

  static JsonObject auditPage(List<AuditRow> rows, String next) {
    return new JsonObject()
        .put("items", array(rows.stream().map(Views::auditEntry).toList()))
        .put("next", next);
  }

  static JsonObject auditEntry(AuditRow a) {
    return new JsonObject()
        .put("rolloutId", a.rolloutId())
        .put("sequence", a.sequence())
        .put("deviceId", a.deviceId())
        .put("type", a.type())
        .put("occurredAt", time(a.occurredAt()))
        .put("causationId", a.causationId())
        .put("summary", a.summary())
        .put("event", new JsonObject(a.eventJson()));
  }

  static JsonObject health(ProjectionHealth health) {
    JsonObject offsets = new JsonObject();
    new TreeMap<>(health.appliedOffsets()).forEach((p, o) -> offsets.put(String.valueOf(p), o));
    return new JsonObject()
        .put("status", health.healthy() ? "UP" : "DOWN")
        .put(
            "projection",
            new JsonObject()
                .put("following", health.following())
                .put("eventsApplied", health.eventsApplied())
                .put("appliedOffsets", offsets)
                .put("lastFailure", health.lastFailure()));
  }

  private static JsonObject stageCounts(List<StageCount> counts) {
    JsonObject json = new JsonObject();
    counts.forEach(c -> json.put(c.stage().name(), c.devices()));
    return json;
  }

  private static JsonArray array(List<JsonObject> items) {
    return new JsonArray(List.copyOf(items));
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  /** A version as messages write it: a number for a plain int, else its text. */
  private static Object json(VersionId version) {
    return version == null ? null : version.jsonValue();
  }
}
