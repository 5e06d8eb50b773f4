package dev.flotilla.coordinator.http;

import static dev.flotilla.contracts.view.ViewSamples.FINISHED;
import static dev.flotilla.contracts.view.ViewSamples.OPENED;
import static dev.flotilla.contracts.view.ViewSamples.UPDATED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.Samples;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.view.View;
import dev.flotilla.contracts.view.ViewCodec;
import dev.flotilla.contracts.view.ViewSamples;
import dev.flotilla.coordinator.projection.AuditRow;
import dev.flotilla.coordinator.projection.DeviceHistoryRow;
import dev.flotilla.coordinator.projection.ProjectionHealth;
import dev.flotilla.coordinator.projection.Reasons;
import dev.flotilla.coordinator.projection.RehearsalTotals;
import dev.flotilla.coordinator.projection.RolloutDeviceRow;
import dev.flotilla.coordinator.projection.RolloutRow;
import dev.flotilla.coordinator.projection.StageCount;
import dev.flotilla.coordinator.projection.WaveRow;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The API writes exactly what the view golden files of {@code contracts} pin: rows standing for the
 * samples there, turned into answers here, equal the samples and encode to the golden JSON.
 */
class ViewsTest {
  private static final String ROLLOUT = ViewSamples.ROLLOUT;
  private final ViewCodec codec = new ViewCodec();
  private final ObjectMapper json = new ObjectMapper();

  private static final RolloutRow AWAITING =
      new RolloutRow(
          ROLLOUT,
          RolloutStatus.AWAITING_APPROVAL,
          "wave 2 awaits approval",
          "coachiq",
          VersionId.of(5),
          "ops@example.com",
          false,
          3,
          2,
          1,
          2,
          false,
          false,
          false,
          OPENED,
          OPENED,
          null,
          1,
          0,
          0,
          0,
          0,
          Reasons.NONE,
          12,
          UPDATED);

  private static final RolloutRow FINISHED_DRY_RUN =
      new RolloutRow(
          "r-2026-11-21-b",
          RolloutStatus.FINISHED,
          null,
          "tenantdb",
          VersionId.parse("20240605131359"),
          "ci@example.com",
          true,
          2,
          1,
          1,
          0,
          false,
          false,
          false,
          OPENED,
          OPENED,
          FINISHED,
          1,
          0,
          0,
          1,
          0,
          Reasons.NONE,
          9,
          FINISHED);

  private static final RolloutRow REJECTED =
      new RolloutRow(
          "r-2026-11-20-c",
          RolloutStatus.REJECTED,
          "migrationSet: 'coachiq' has no version 7",
          null,
          null,
          "ops@example.com",
          false,
          0,
          0,
          0,
          0,
          false,
          false,
          false,
          OPENED,
          null,
          OPENED,
          0,
          0,
          0,
          0,
          0,
          Reasons.of(List.of("migrationSet: 'coachiq' has no version 7")),
          1,
          OPENED);

  private static final RolloutDeviceRow DONE =
      new RolloutDeviceRow(
          ROLLOUT,
          "rv-0001",
          DeviceStage.DONE,
          1,
          VersionId.of(5),
          "rv-0001-3f2a9c1b",
          Reasons.NONE,
          UPDATED);

  private static final RolloutDeviceRow DEFERRED =
      new RolloutDeviceRow(
          ROLLOUT,
          "rv-0002",
          DeviceStage.DEFERRED,
          null,
          VersionId.parse("1.1"),
          null,
          Reasons.of(List.of("vehicle-moving (the vehicle is moving)")),
          UPDATED);

  @Test
  void theRolloutList() throws IOException {
    pinned(Views.rollouts(List.of(AWAITING, FINISHED_DRY_RUN, REJECTED)), ViewSamples.ROLLOUTS);
  }

  @Test
  void aRolloutWithItsWaves() throws IOException {
    pinned(
        Views.rolloutDetail(
            AWAITING,
            List.of(
                new WaveRow(ROLLOUT, 1, WaveRow.State.STARTED, 1, null, null, null, OPENED),
                new WaveRow(
                    ROLLOUT, 2, WaveRow.State.AWAITING_APPROVAL, 0, UPDATED, null, null, null)),
            List.of(
                new StageCount(null, DeviceStage.DONE, 1),
                new StageCount(null, DeviceStage.PENDING, 2)),
            List.of(
                new StageCount(null, DeviceStage.PENDING, 2),
                new StageCount(1, DeviceStage.DONE, 1)),
            new RehearsalTotals(0, 0, 0, 0, 0, 0, 0)),
        ViewSamples.DETAIL);
  }

  @Test
  void aDryRunWithWhatItsRehearsalsFound() throws IOException {
    pinned(
        Views.rolloutDetail(
            FINISHED_DRY_RUN,
            List.of(
                new WaveRow(
                    "r-2026-11-21-b", 1, WaveRow.State.STARTED, 2, null, null, null, OPENED)),
            List.of(
                new StageCount(null, DeviceStage.DONE, 1),
                new StageCount(null, DeviceStage.SKIPPED, 1)),
            List.of(
                new StageCount(1, DeviceStage.DONE, 1), new StageCount(1, DeviceStage.SKIPPED, 1)),
            new RehearsalTotals(1, 37, 37, 81920, 90112, 172032, 172032)),
        ViewSamples.DRY_RUN_DETAIL,
        "RolloutDetail.dry-run");
  }

  @Test
  void theDevicesOfARollout() throws IOException {
    pinned(Views.devicesOf(ROLLOUT, List.of(DONE, DEFERRED)), ViewSamples.DEVICES_OF_ROLLOUT);
  }

  @Test
  void aDeviceWithItsHistory() throws IOException {
    pinned(
        Views.deviceDetail(
            "rv-0001",
            VersionId.of(5),
            List.of(DONE),
            List.of(
                new DeviceHistoryRow(
                    ROLLOUT,
                    2,
                    "rv-0001",
                    OPENED,
                    "StepDispatched",
                    "safety-check",
                    "dispatched",
                    null,
                    "safety-check dispatched"),
                new DeviceHistoryRow(
                    ROLLOUT,
                    11,
                    "rv-0001",
                    UPDATED,
                    "DeviceFinished",
                    null,
                    "DONE",
                    VersionId.of(5),
                    "DONE at version 5"))),
        ViewSamples.DEVICE_DETAIL);
  }

  @Test
  void aPageOfTheAuditTrailCarriesEachEventAsItIsOnTheLog() throws IOException {
    String event = new MessageCodec().encodeToString(Samples.ALL.get(WaveApproved.class));
    pinned(
        Views.auditPage(
            List.of(
                new AuditRow(
                    ROLLOUT,
                    7,
                    null,
                    "WaveApproved",
                    UPDATED,
                    "00000000-0000-4000-8000-000000000001",
                    "wave 2 approved by lead@example.com",
                    event)),
            "7"),
        ViewSamples.AUDIT);
  }

  @Test
  void health() throws IOException {
    pinned(
        Views.health(new ProjectionHealth(true, 1234, Map.of(2, 7L, 0, 120L, 1, 0L), null)),
        ViewSamples.HEALTH);
  }

  @Test
  void aProblemLeavesOutAFieldItDoesNotName() throws IOException {
    pinned(
        Problem.badField("limit", "limit: '0' is not a whole number from 1 to 1000")
            .toView("/audit"),
        ViewSamples.PROBLEM);
    assertThat(codec.encodeToString(Problem.notFound("no rollout x").toView("/rollouts/x")))
        .doesNotContain("field");
  }

  private void pinned(View answer, View sample) throws IOException {
    pinned(answer, sample, sample.getClass().getSimpleName());
  }

  private void pinned(View answer, View sample, String name) throws IOException {
    assertThat(answer).isEqualTo(sample);
    String golden = "golden/view/" + name + ".json";
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(golden)) {
      assertThat(in).as(golden).isNotNull();
      assertThat(json.readTree(codec.encode(answer))).isEqualTo(json.readTree(in));
    }
  }
}
