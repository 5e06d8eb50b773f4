package dev.flotilla.coordinator.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.coordinator.saga.RolloutStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Given events, then rows: the projection without a database. */
class ProjectionFoldTest {
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  private static final RolloutPolicy TWO_WAVES =
      RolloutPolicy.DEFAULT.withWaves(List.of(50, 100)).withApproval(Approval.BETWEEN_WAVES);

  @Test
  void anAcceptedRolloutRunsWithEveryDevicePendingAndNoWaveYet() {
    EventScript r = new EventScript("r-1", T0).accepted(TWO_WAVES, "rv-1", "rv-2");

    InMemoryRows rows = InMemoryRows.after(r.events());

    RolloutRow rollout = rows.rollout(r);
    assertThat(rollout.status()).isEqualTo(RolloutStatus.RUNNING);
    assertThat(rollout.migrationSet()).isEqualTo("coachiq");
    assertThat(rollout.targetVersion()).isEqualTo(5);
    assertThat(rollout.deviceCount()).isEqualTo(2);
    assertThat(rollout.waveCount()).isEqualTo(2);
    assertThat(rollout.currentWave()).isZero();
    assertThat(rollout.acceptedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(rows.devices.values())
        .extracting(RolloutDeviceRow::deviceId, RolloutDeviceRow::stage, RolloutDeviceRow::wave)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("rv-1", DeviceStage.PENDING, null),
            org.assertj.core.groups.Tuple.tuple("rv-2", DeviceStage.PENDING, null));
  }

  @Test
  void aRejectedRolloutKeepsEveryReasonAndHasNoDevices() {
    EventScript r = new EventScript("r-bad", T0).rejected("no set 'x'", "no device 'y'");

    InMemoryRows rows = InMemoryRows.after(r.events());

    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.REJECTED);
    assertThat(rows.rollout(r).rejectionReasons().values())
        .containsExactly("no set 'x'", "no device 'y'");
    assertThat(rows.rollout(r).finishedAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(rows.devices).isEmpty();
  }

  @Test
  void aDeviceFollowsItsStepsAndKeepsTheVersionAndBackupTheRepliesReport() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(TWO_WAVES, "rv-1", "rv-2")
            .waveStarted(1, "rv-1")
            .dispatched("rv-1", Step.SAFETY_CHECK)
            .safe("rv-1", 2)
            .dispatched("rv-1", Step.BACKUP)
            .backedUp("rv-1", 2)
            .dispatched("rv-1", Step.MIGRATE);

    InMemoryRows rows = InMemoryRows.after(r.events());

    RolloutDeviceRow device = rows.device(r, "rv-1");
    assertThat(device.stage()).isEqualTo(DeviceStage.MIGRATE);
    assertThat(device.wave()).isEqualTo(1);
    assertThat(device.version()).isEqualTo(2);
    assertThat(device.backupId()).isEqualTo("b-rv-1");
    assertThat(rows.device(r, "rv-2").wave()).isNull();
    assertThat(rows.rollout(r).currentWave()).isEqualTo(1);
  }

  @Test
  void finishedDevicesAreCountedByOutcomeAndARollbackAfterDoneMovesTheCount() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1", "rv-2")
            .waveStarted(1, "rv-1", "rv-2")
            .migratedAllTheWay("rv-1")
            .dispatched("rv-2", Step.SAFETY_CHECK)
            .safe("rv-2", 2)
            .dispatched("rv-2", Step.BACKUP)
            .backedUp("rv-2", 2)
            .dispatched("rv-2", Step.MIGRATE)
            .migrationFailed("rv-2", 2, "no such column: odometer")
            .finished("rv-2", DeviceOutcome.ROLLED_BACK, 2, "no such column: odometer");

    InMemoryRows rows = InMemoryRows.after(r.events());
    assertThat(rows.rollout(r).done()).isEqualTo(1);
    assertThat(rows.rollout(r).rolledBack()).isEqualTo(1);

    // The threshold rolls back a device that was already done: it leaves the done count.
    r.halted(0.5, 0.1, OnThreshold.ROLLBACK)
        .aborted("flotilla")
        .dispatched("rv-1", Step.ROLLBACK)
        .rolledBack("rv-1", 2)
        .finished("rv-1", DeviceOutcome.ROLLED_BACK, 2);
    rows = InMemoryRows.after(r.events());

    assertThat(rows.rollout(r).done()).isZero();
    assertThat(rows.rollout(r).rolledBack()).isEqualTo(2);
    assertThat(rows.rollout(r).ended()).isEqualTo(2);
    assertThat(rows.device(r, "rv-1").version()).isEqualTo(2);
    assertThat(rows.device(r, "rv-2").reasons().values())
        .containsExactly("no such column: odometer");
  }

  @Test
  void aWaveWaitsForApprovalThenRunsWhenApprovedAndStarted() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(TWO_WAVES, "rv-1", "rv-2")
            .waveStarted(1, "rv-1")
            .migratedAllTheWay("rv-1")
            .awaitingApproval(2);

    InMemoryRows rows = InMemoryRows.after(r.events());
    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.AWAITING_APPROVAL);
    assertThat(rows.waves.get("r-1/2").state()).isEqualTo(WaveRow.State.AWAITING_APPROVAL);

    r.approved(2, "lead@example.com").waveStarted(2, "rv-2");
    rows = InMemoryRows.after(r.events());

    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.RUNNING);
    assertThat(rows.rollout(r).currentWave()).isEqualTo(2);
    WaveRow second = rows.waves.get("r-1/2");
    assertThat(second.state()).isEqualTo(WaveRow.State.STARTED);
    assertThat(second.approvedBy()).isEqualTo("lead@example.com");
    assertThat(second.deviceCount()).isEqualTo(1);
    assertThat(second.awaitingSince()).isNotNull();
    assertThat(rows.device(r, "rv-2").wave()).isEqualTo(2);
  }

  @Test
  void resumingAPauseWhileAWaveAwaitsApprovalLeavesItAwaitingApproval() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(TWO_WAVES, "rv-1", "rv-2")
            .waveStarted(1, "rv-1")
            .migratedAllTheWay("rv-1")
            .awaitingApproval(2)
            .paused("ops");

    assertThat(InMemoryRows.after(r.events()).rollout(r).status()).isEqualTo(RolloutStatus.PAUSED);

    r.resumed("ops");
    assertThat(InMemoryRows.after(r.events()).rollout(r).status())
        .isEqualTo(RolloutStatus.AWAITING_APPROVAL);
  }

  @Test
  void pauseHaltAndResumeShowInTheStatusWithWhoAndWhy() {
    EventScript r =
        new EventScript("r-1", T0).accepted(RolloutPolicy.DEFAULT, "rv-1").paused("ops@x");
    assertThat(InMemoryRows.after(r.events()).rollout(r))
        .extracting(RolloutRow::status, RolloutRow::statusDetail)
        .containsExactly(RolloutStatus.PAUSED, "paused by ops@x");

    r.resumed("ops@x").halted(0.25, 0.1, OnThreshold.HALT);
    assertThat(InMemoryRows.after(r.events()).rollout(r))
        .extracting(RolloutRow::status, RolloutRow::statusDetail)
        .containsExactly(
            RolloutStatus.HALTED, "halted: failure rate 25.0% passed the threshold 10.0% (halt)");

    r.resumed("ops@x");
    assertThat(InMemoryRows.after(r.events()).rollout(r).status()).isEqualTo(RolloutStatus.RUNNING);
  }

  @Test
  void anAbortedRolloutStaysAbortedWhenItsLastDeviceEnds() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .aborted("ops")
            .finished("rv-1", DeviceOutcome.SKIPPED, 2, "not started: rollout aborted by ops")
            .rolloutFinished(new RolloutCounts(0, 0, 0, 1, 0));

    RolloutRow rollout = InMemoryRows.after(r.events()).rollout(r);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(rollout.statusDetail()).isEqualTo("aborted by ops");
    assertThat(rollout.finishedAt()).isEqualTo(T0.plusSeconds(4));
    assertThat(rollout.skipped()).isEqualTo(1);
  }

  @Test
  void aFinishedRolloutIsFinished() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .waveStarted(1, "rv-1")
            .migratedAllTheWay("rv-1")
            .rolloutFinished(new RolloutCounts(1, 0, 0, 0, 0));

    RolloutRow rollout = InMemoryRows.after(r.events()).rollout(r);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.FINISHED);
    assertThat(rollout.finishedAt()).isNotNull();
    assertThat(rollout.lastSequence()).isEqualTo(r.events().size());
  }

  @Test
  void aDeferredDeviceShowsWhyAndIsCheckedAgainLater() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .waveStarted(1, "rv-1")
            .dispatched("rv-1", Step.SAFETY_CHECK)
            .unsafe("rv-1", "driving")
            .deferred("rv-1", 1, "vehicle-moving: the vehicle is driving");

    InMemoryRows rows = InMemoryRows.after(r.events());
    assertThat(rows.device(r, "rv-1").stage()).isEqualTo(DeviceStage.DEFERRED);
    assertThat(rows.device(r, "rv-1").reasons().values())
        .containsExactly("vehicle-moving: the vehicle is driving");

    r.dispatched("rv-1", Step.SAFETY_CHECK);
    assertThat(InMemoryRows.after(r.events()).device(r, "rv-1").stage())
        .isEqualTo(DeviceStage.SAFETY_CHECK);
  }

  @Test
  void everyEventIsAuditedOnceWithItsJsonAndDeviceEventsGoToTheHistory() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .waveStarted(1, "rv-1")
            .dispatched("rv-1", Step.SAFETY_CHECK)
            .unsafe("rv-1", "driving")
            .deferred("rv-1", 1, "vehicle-moving")
            .dispatched("rv-1", Step.SAFETY_CHECK)
            .timedOut("rv-1")
            .refused(PauseRollout.class, "already paused", "ops");

    InMemoryRows rows = InMemoryRows.after(r.events());

    assertThat(rows.audit).hasSize(r.events().size());
    assertThat(rows.audit)
        .extracting(AuditRow::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    assertThat(rows.audit)
        .extracting(AuditRow::type)
        .containsExactly(
            "RolloutAccepted",
            "WaveStarted",
            "StepDispatched",
            "StepCompleted",
            "DeviceDeferred",
            "StepDispatched",
            "StepTimedOut",
            "ControlRefused");
    assertThat(rows.audit)
        .extracting(AuditRow::deviceId)
        .containsExactly(null, null, "rv-1", "rv-1", "rv-1", "rv-1", "rv-1", null);
    MessageCodec codec = new MessageCodec();
    assertThat(codec.decode(rows.audit.get(3).eventJson(), RolloutEvent.class))
        .isEqualTo(r.events().get(3));
    assertThat(rows.audit.get(7).summary())
        .isEqualTo("refused PauseRollout from ops: already paused");
    assertThat(rows.history)
        .extracting(DeviceHistoryRow::result)
        .containsExactly("dispatched", "failed", "deferred", "dispatched", "timed-out");
    assertThat(rows.history).extracting(DeviceHistoryRow::step).contains("safety-check");
  }

  @Test
  void anEventSeenAgainChangesNothing() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .waveStarted(1, "rv-1")
            .migratedAllTheWay("rv-1");
    InMemoryRows rows = InMemoryRows.after(r.events());
    RolloutEvent finished = r.events().get(r.events().size() - 1);

    assertThat(rows.apply(finished)).isEmpty();
    assertThat(rows.rollout(r).done()).isEqualTo(1);
  }

  @Test
  void eventsOfARolloutNeverSeenOpenAreOnlyAudited() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .waveStarted(1, "rv-1")
            .dispatched("rv-1", Step.SAFETY_CHECK);
    InMemoryRows rows = new InMemoryRows();

    r.events().subList(1, 3).forEach(rows::apply); // the log's start is gone

    assertThat(rows.rollouts).isEmpty();
    assertThat(rows.devices).isEmpty();
    assertThat(rows.audit).hasSize(2);
    assertThat(rows.history).hasSize(1);
  }

  @Test
  void aDeviceHistoryRecordsTheVersionTheRepliesAndTheEndReport() {
    EventScript r =
        new EventScript("r-1", T0)
            .accepted(RolloutPolicy.DEFAULT, "rv-1")
            .waveStarted(1, "rv-1")
            .migratedAllTheWay("rv-1");

    InMemoryRows rows = InMemoryRows.after(r.events());

    assertThat(rows.history)
        .extracting(DeviceHistoryRow::result, DeviceHistoryRow::version)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("dispatched", null),
            org.assertj.core.groups.Tuple.tuple("succeeded", 2),
            org.assertj.core.groups.Tuple.tuple("dispatched", null),
            org.assertj.core.groups.Tuple.tuple("succeeded", 2),
            org.assertj.core.groups.Tuple.tuple("dispatched", null),
            org.assertj.core.groups.Tuple.tuple("succeeded", 5),
            org.assertj.core.groups.Tuple.tuple("dispatched", null),
            org.assertj.core.groups.Tuple.tuple("succeeded", 5),
            org.assertj.core.groups.Tuple.tuple("DONE", 5));
    assertThat(rows.history.get(8).summary()).isEqualTo("rv-1: DONE at version 5, backup b-rv-1");
  }
}
