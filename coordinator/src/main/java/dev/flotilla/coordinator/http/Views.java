package dev.flotilla.coordinator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.view.AuditEntry;
import dev.flotilla.contracts.view.AuditPage;
import dev.flotilla.contracts.view.DeviceDetail;
import dev.flotilla.contracts.view.Health;
import dev.flotilla.contracts.view.HistoryEntry;
import dev.flotilla.contracts.view.Outcomes;
import dev.flotilla.contracts.view.Rehearsal;
import dev.flotilla.contracts.view.RolloutDetail;
import dev.flotilla.contracts.view.RolloutDevice;
import dev.flotilla.contracts.view.RolloutDevices;
import dev.flotilla.contracts.view.RolloutLinks;
import dev.flotilla.contracts.view.RolloutList;
import dev.flotilla.contracts.view.RolloutSummary;
import dev.flotilla.contracts.view.StageCounts;
import dev.flotilla.contracts.view.WaveProgress;
import dev.flotilla.coordinator.projection.AuditRow;
import dev.flotilla.coordinator.projection.DeviceHistoryRow;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.RehearsalTotals;
import dev.flotilla.coordinator.projection.RolloutDeviceRow;
import dev.flotilla.coordinator.projection.RolloutRow;
import dev.flotilla.coordinator.projection.StageCount;
import dev.flotilla.coordinator.projection.WaveRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Rows as the API's answers ({@code dev.flotilla.contracts.view}). Pure. */
final class Views {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  static RolloutList rollouts(List<RolloutRow> rows) {
    return new RolloutList(rows.stream().map(Views::rollout).toList());
  }

  static RolloutSummary rollout(RolloutRow r) {
    return new RolloutSummary(
        r.rolloutId(),
        r.status().name(),
        r.statusDetail(),
        r.migrationSet(),
        r.targetVersion(),
        r.requestedBy(),
        r.dryRun(),
        r.deviceCount(),
        r.waveCount(),
        r.currentWave(),
        r.openedAt(),
        r.acceptedAt(),
        r.finishedAt(),
        new Outcomes(
            r.done(), r.failed(), r.rolledBack(), r.skipped(), r.needsAttention(), r.ended()),
        r.rejectionReasons().values(),
        r.lastSequence(),
        r.updatedAt(),
        RolloutLinks.of(r.rolloutId()));
  }

  /**
   * The rollout with its devices counted by stage, overall and per wave, and for a dry run what its
   * rehearsals found.
   *
   * @param rehearsals a dry run's; ignored for a real rollout
   */
  static RolloutDetail rolloutDetail(
      RolloutRow r,
      List<WaveRow> waves,
      List<StageCount> byStage,
      List<StageCount> byWave,
      RehearsalTotals rehearsals) {
    Map<Integer, Map<DeviceStage, Integer>> stagesOfWave = new TreeMap<>();
    int notInAWave = 0;
    for (StageCount count : byWave) {
      if (count.wave() == null) {
        notInAWave += count.devices();
      } else {
        stagesOfWave
            .computeIfAbsent(count.wave(), w -> new LinkedHashMap<>())
            .put(count.stage(), count.devices());
      }
    }
    List<WaveProgress> waveViews =
        waves.stream()
            .map(
                w ->
                    new WaveProgress(
                        w.wave(),
                        w.state().name(),
                        w.deviceCount(),
                        w.awaitingSince(),
                        w.approvedBy(),
                        w.approvedAt(),
                        w.startedAt(),
                        new StageCounts(stagesOfWave.getOrDefault(w.wave(), Map.of()))))
            .toList();
    return RolloutDetail.of(
        rollout(r),
        stageCounts(byStage),
        waveViews,
        notInAWave,
        r.dryRun() ? rehearsal(r.deviceCount(), rehearsals) : null);
  }

  static Rehearsal rehearsal(int devices, RehearsalTotals t) {
    return new Rehearsal(
        devices,
        t.rehearsed(),
        t.migrateMillis(),
        t.slowestMillis(),
        t.sizeBeforeBytes(),
        t.sizeAfterBytes(),
        t.sizeAfterBytes() - t.sizeBeforeBytes(),
        t.diskNeededBytes(),
        t.largestDiskNeededBytes());
  }

  static RolloutDevices devicesOf(String rolloutId, List<RolloutDeviceRow> rows) {
    return new RolloutDevices(rolloutId, rows.stream().map(Views::device).toList());
  }

  static RolloutDevice device(RolloutDeviceRow d) {
    return new RolloutDevice(
        d.rolloutId(),
        d.deviceId(),
        d.stage(),
        d.wave(),
        d.version(),
        d.backupId(),
        d.reasons().values(),
        d.updatedAt());
  }

  static DeviceDetail deviceDetail(
      String deviceId,
      VersionId currentVersion,
      List<RolloutDeviceRow> rollouts,
      List<DeviceHistoryRow> history) {
    return new DeviceDetail(
        deviceId,
        currentVersion,
        rollouts.stream().map(Views::device).toList(),
        history.stream().map(Views::historyEntry).toList(),
        DeviceDetail.DeviceLinks.of(deviceId));
  }

  static HistoryEntry historyEntry(DeviceHistoryRow h) {
    return new HistoryEntry(
        h.rolloutId(),
        h.sequence(),
        h.occurredAt(),
        h.event(),
        h.step(),
        h.result(),
        h.version(),
        h.summary());
  }

  static AuditPage auditPage(List<AuditRow> rows, String next) {
    return new AuditPage(rows.stream().map(Views::auditEntry).toList(), next);
  }

  static AuditEntry auditEntry(AuditRow a) {
    return new AuditEntry(
        a.rolloutId(),
        a.sequence(),
        a.deviceId(),
        a.type(),
        a.occurredAt(),
        a.causationId(),
        a.summary(),
        tree(a.eventJson()));
  }

  static Health health(ProjectionHealth health) {
    return new Health(
        health.healthy() ? "UP" : "DOWN",
        new Health.Projection(
            health.following(),
            health.eventsApplied(),
            new TreeMap<>(health.appliedOffsets()),
            health.lastFailure()));
  }

  private static StageCounts stageCounts(List<StageCount> counts) {
    Map<DeviceStage, Integer> byStage = new LinkedHashMap<>();
    counts.forEach(c -> byStage.put(c.stage(), c.devices()));
    return new StageCounts(byStage);
  }

  /** The event as the codec wrote it into the audit trail. */
  private static JsonNode tree(String eventJson) {
    try {
      return JSON.readTree(eventJson);
    } catch (IOException e) {
      throw new UncheckedIOException("an audit row holds no JSON event", e);
    }
  }
}
