package dev.flotilla.contracts.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.device.DeviceConditions;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.WaveApproved;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fixed example of every answer of the coordinator's HTTP API: the subjects of the view golden
 * files, and what the coordinator's tests build from rows to prove it writes exactly these.
 */
public final class ViewSamples {
  private ViewSamples() {}

  public static final Instant OPENED = Instant.parse("2026-11-22T10:15:30Z");
  public static final Instant UPDATED = Instant.parse("2026-11-22T10:16:02.125Z");
  public static final Instant FINISHED = Instant.parse("2026-11-22T10:20:45Z");

  public static final String ROLLOUT = "r-2026-11-22-a";
  public static final String DEVICE = "rv-0001";

  /** Waiting for the approval of its second wave: one device done, two pending. */
  public static final RolloutSummary AWAITING =
      new RolloutSummary(
          ROLLOUT,
          "AWAITING_APPROVAL",
          "wave 2 awaits approval",
          "coachiq",
          VersionId.of(5),
          "ops@example.com",
          false,
          3,
          2,
          1,
          OPENED,
          OPENED,
          null,
          new Outcomes(1, 0, 0, 0, 0, 1),
          List.of(),
          12,
          UPDATED,
          RolloutLinks.of(ROLLOUT));

  /** A finished dry run to a version written as a timestamp (a string in JSON). */
  public static final RolloutSummary FINISHED_DRY_RUN =
      new RolloutSummary(
          "r-2026-11-21-b",
          "FINISHED",
          null,
          "tenantdb",
          VersionId.parse("20240605131359"),
          "ci@example.com",
          true,
          2,
          1,
          1,
          OPENED,
          OPENED,
          FINISHED,
          new Outcomes(1, 0, 0, 1, 0, 2),
          List.of(),
          9,
          FINISHED,
          RolloutLinks.of("r-2026-11-21-b"));

  public static final RolloutSummary REJECTED =
      new RolloutSummary(
          "r-2026-11-20-c",
          "REJECTED",
          "migrationSet: 'coachiq' has no version 7",
          null,
          null,
          "ops@example.com",
          false,
          0,
          0,
          0,
          OPENED,
          null,
          OPENED,
          new Outcomes(0, 0, 0, 0, 0, 0),
          List.of("migrationSet: 'coachiq' has no version 7"),
          1,
          OPENED,
          RolloutLinks.of("r-2026-11-20-c"));

  public static final RolloutList ROLLOUTS =
      new RolloutList(List.of(AWAITING, FINISHED_DRY_RUN, REJECTED));

  public static final RolloutDetail DETAIL =
      RolloutDetail.of(
          AWAITING,
          stages(DeviceStage.DONE, 1, DeviceStage.PENDING, 2),
          List.of(
              new WaveProgress(
                  1, "STARTED", 1, null, null, null, OPENED, stages(DeviceStage.DONE, 1)),
              new WaveProgress(
                  2, "AWAITING_APPROVAL", 0, UPDATED, null, null, null, StageCounts.NONE)),
          2,
          null);

  /** A finished dry run: one device would migrate, the other would be skipped. */
  public static final RolloutDetail DRY_RUN_DETAIL =
      RolloutDetail.of(
          FINISHED_DRY_RUN,
          stages(DeviceStage.DONE, 1, DeviceStage.SKIPPED, 1),
          List.of(
              new WaveProgress(
                  1,
                  "STARTED",
                  2,
                  null,
                  null,
                  null,
                  OPENED,
                  stages(DeviceStage.DONE, 1, DeviceStage.SKIPPED, 1))),
          0,
          new Rehearsal(2, 1, 37, 37, 81920, 90112, 8192, 172032, 172032));

  public static final RolloutDevice DONE_DEVICE =
      new RolloutDevice(
          ROLLOUT,
          DEVICE,
          DeviceStage.DONE,
          1,
          VersionId.of(5),
          "rv-0001-3f2a9c1b",
          List.of(),
          UPDATED);

  public static final RolloutDevice DEFERRED_DEVICE =
      new RolloutDevice(
          ROLLOUT,
          "rv-0002",
          DeviceStage.DEFERRED,
          null,
          VersionId.parse("1.1"),
          null,
          List.of("vehicle-moving (the vehicle is moving)"),
          UPDATED);

  public static final RolloutDevices DEVICES_OF_ROLLOUT =
      new RolloutDevices(ROLLOUT, List.of(DONE_DEVICE, DEFERRED_DEVICE));

  public static final DeviceDetail DEVICE_DETAIL =
      new DeviceDetail(
          DEVICE,
          VersionId.of(5),
          List.of(DONE_DEVICE),
          List.of(
              new HistoryEntry(
                  ROLLOUT,
                  2,
                  OPENED,
                  "StepDispatched",
                  "safety-check",
                  "dispatched",
                  null,
                  "safety-check dispatched"),
              new HistoryEntry(
                  ROLLOUT,
                  11,
                  UPDATED,
                  "DeviceFinished",
                  null,
                  "DONE",
                  VersionId.of(5),
                  "DONE at version 5")),
          DeviceDetail.DeviceLinks.of(DEVICE));

  public static final AuditPage AUDIT =
      new AuditPage(
          List.of(
              new AuditEntry(
                  ROLLOUT,
                  7,
                  null,
                  "WaveApproved",
                  UPDATED,
                  "00000000-0000-4000-8000-000000000001",
                  "wave 2 approved by lead@example.com",
                  json(new MessageCodec().encodeToString(Samples.ALL.get(WaveApproved.class))))),
          "7");

  public static final Health HEALTH =
      new Health(
          "UP",
          new Health.Projection(true, 1234, new TreeMap<>(Map.of(0, 120L, 1, 0L, 2, 7L)), null));

  public static final FleetInventory FLEET =
      new FleetInventory(
          List.of(
              new FleetDevice(
                  DEVICE,
                  VersionId.of(5),
                  90112L,
                  new DeviceConditions(true, 0, List.of()),
                  List.of("canary", "west"),
                  UPDATED,
                  null,
                  null),
              new FleetDevice(
                  "rv-0002",
                  VersionId.of(2),
                  81920L,
                  new DeviceConditions(false, 1, List.of("slide-out-extending")),
                  List.of(),
                  OPENED,
                  ROLLOUT,
                  DeviceStage.DEFERRED),
              new FleetDevice("rv-0003", null, null, null, List.of(), OPENED, null, null),
              new FleetDevice(
                  "tenant-17",
                  VersionId.parse("1.1"),
                  40960L,
                  null,
                  List.of(),
                  OPENED,
                  null,
                  null)),
          List.of(
              new VersionCount(VersionId.of(5), 1),
              new VersionCount(VersionId.of(2), 1),
              new VersionCount(VersionId.parse("1.1"), 1),
              new VersionCount(null, 1)));

  public static final Accepted ACCEPTED =
      Accepted.of(
          ROLLOUT, "PauseRollout", "00000000-0000-4000-8000-000000000002", "ops@example.com");

  public static final ProblemDetail PROBLEM =
      new ProblemDetail(
          "about:blank",
          "Bad Request",
          400,
          "limit: '0' is not a whole number from 1 to 1000",
          "/audit",
          "limit");

  public static final Probes PROBES =
      new Probes(
          "migration-worker",
          true,
          false,
          List.of(
              new Probes.Probe("flotilla-migration-worker", true, true, "ready"),
              new Probes.Probe(
                  "flotilla-migration-worker-dry-runs",
                  true,
                  false,
                  "no poll for 41 s (the broker may be out of reach)")));

  public static final IssuedToken ISSUED_TOKEN =
      new IssuedToken(
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl",
          "6b0f3c1e-4d2a-4c55-9a3e-2f1d7c9b8a10",
          "alice",
          List.of("operator", "approver"),
          Instant.parse("2027-03-07T09:00:00Z"));

  /**
   * Every sample answer by the name of its golden file: its type's name, and a second form of an
   * answer after a dot ({@code RolloutDetail.dry-run}).
   */
  public static final Map<String, View> ALL = all();

  private static Map<String, View> all() {
    Map<String, View> all = new LinkedHashMap<>();
    for (View view :
        List.of(
            ROLLOUTS,
            DETAIL,
            DEVICES_OF_ROLLOUT,
            DEVICE_DETAIL,
            FLEET,
            AUDIT,
            HEALTH,
            PROBES,
            ACCEPTED,
            ISSUED_TOKEN,
            PROBLEM)) {
      all.put(view.getClass().getSimpleName(), view);
    }
    all.put("RolloutDetail.dry-run", DRY_RUN_DETAIL);
    return all;
  }

  private static StageCounts stages(Object... stageThenCount) {
    Map<DeviceStage, Integer> counts = new LinkedHashMap<>();
    for (int i = 0; i < stageThenCount.length; i += 2) {
      counts.put((DeviceStage) stageThenCount[i], (Integer) stageThenCount[i + 1]);
    }
    return new StageCounts(counts);
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
