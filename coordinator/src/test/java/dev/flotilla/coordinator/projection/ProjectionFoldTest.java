package dev.flotilla.coordinator.projection;

import static dev.flotilla.coordinator.projection.DeciderLogs.T0;
import static dev.flotilla.coordinator.projection.DeciderLogs.TWO_WAVES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.codec.MessageTypes;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.coordinator.saga.RolloutStatus;
import dev.flotilla.coordinator.saga.SagaScenario;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Given what the decider writes, then rows: the projection without a database. */
class ProjectionFoldTest {
  private static final RolloutPolicy ONE_AT_A_TIME =
      RolloutPolicy.DEFAULT.withMaxInFlight(1).withStepTimeoutSeconds(60);

  private final SagaScenario r = DeciderLogs.scenario("r-1");

  @Test
  void anAcceptedRolloutRunsWithEveryDevicePendingAndNoWaveYet() {
    r.start(TWO_WAVES, "rv-1", "rv-2");

    InMemoryRows accepted = InMemoryRows.after(r.log.subList(0, 1)); // the acceptance alone

    RolloutRow rollout = accepted.rollout(r);
    assertThat(rollout.status()).isEqualTo(RolloutStatus.RUNNING);
    assertThat(rollout.migrationSet()).isEqualTo("coachiq");
    assertThat(rollout.targetVersion()).isEqualTo(VersionId.of(5));
    assertThat(rollout.deviceCount()).isEqualTo(2);
    assertThat(rollout.waveCount()).isEqualTo(2);
    assertThat(rollout.currentWave()).isZero();
    assertThat(rollout.acceptedAt()).isEqualTo(T0);
    assertThat(accepted.devices.values())
        .extracting(RolloutDeviceRow::deviceId, RolloutDeviceRow::stage, RolloutDeviceRow::wave)
        .containsExactly(
            tuple("rv-1", DeviceStage.PENDING, null), tuple("rv-2", DeviceStage.PENDING, null));

    InMemoryRows started = InMemoryRows.after(r.log);
    assertThat(started.rollout(r).currentWave()).isEqualTo(1);
    assertThat(started.devices.values())
        .extracting(RolloutDeviceRow::deviceId, RolloutDeviceRow::stage, RolloutDeviceRow::wave)
        .containsExactly(
            tuple("rv-1", DeviceStage.SAFETY_CHECK, 1), tuple("rv-2", DeviceStage.PENDING, null));
  }

  @Test
  void aRejectedRolloutKeepsEveryReasonAndHasNoDevices() {
    r.requestUnknown("rv-8", "rv-9");

    InMemoryRows rows = InMemoryRows.after(r.log);

    RolloutRejected rejected = (RolloutRejected) r.log.get(0);
    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.REJECTED);
    assertThat(rows.rollout(r).rejectionReasons().values())
        .isNotEmpty()
        .containsExactlyElementsOf(rejected.reasons());
    assertThat(rows.rollout(r).statusDetail()).isEqualTo(String.join("; ", rejected.reasons()));
    assertThat(rows.rollout(r).finishedAt()).isEqualTo(T0);
    assertThat(rows.devices).isEmpty();
  }

  @Test
  void aRejectedRolloutIdUsedAgainShowsTheRolloutItStarted() {
    SagaScenario corrected = DeciderLogs.rejectedThenCorrected("r-again");

    RolloutRow rollout = InMemoryRows.after(corrected.log).rollout(corrected);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.FINISHED);
    assertThat(rollout.rejectionReasons().values()).isEmpty();
    assertThat(rollout.migrationSet()).isEqualTo("coachiq");
    assertThat(rollout.acceptedAt()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
    assertThat(rollout.deviceCount()).isEqualTo(1);
    assertThat(rollout.done()).isEqualTo(1);
    assertThat(rollout.lastSequence()).isEqualTo(corrected.log.size());
  }

  @Test
  void aDeviceFollowsItsStepsAndKeepsTheVersionAndBackupTheRepliesReport() {
    r.start(TWO_WAVES, "rv-1", "rv-2");
    r.reply("rv-1", SagaScenario::success); // safe, at version 2
    r.reply("rv-1", SagaScenario::success); // backed up

    InMemoryRows rows = InMemoryRows.after(r.log);

    RolloutDeviceRow device = rows.device(r, "rv-1");
    assertThat(device.stage()).isEqualTo(DeviceStage.MIGRATE);
    assertThat(device.wave()).isEqualTo(1);
    assertThat(device.version()).isEqualTo(VersionId.of(2));
    assertThat(device.backupId()).isEqualTo("rv-1-b1");
    assertThat(rows.device(r, "rv-2").wave()).isNull();
    assertThat(rows.rollout(r).currentWave()).isEqualTo(1);
  }

  @Test
  void finishedDevicesAreCountedByOutcomeAndARollbackAfterDoneMovesTheCount() {
    r.start(ONE_AT_A_TIME.withFailureThreshold(0.4, OnThreshold.ROLLBACK), "rv-1", "rv-2");
    r.succeed("rv-1");
    r.reply("rv-2", SagaScenario::success);
    r.reply("rv-2", SagaScenario::success);
    r.reply("rv-2", SagaScenario::failure); // the migration fails: rolled back
    r.reply("rv-2", SagaScenario::success); // one failure in two: the threshold rolls back rv-1

    InMemoryRows beforeTheThreshold = InMemoryRows.after(upToFinishOf("rv-2"));
    assertThat(beforeTheThreshold.rollout(r).done()).isEqualTo(1);
    assertThat(beforeTheThreshold.rollout(r).rolledBack()).isEqualTo(1);

    r.succeed("rv-1");
    InMemoryRows rows = InMemoryRows.after(r.log);
    assertThat(rows.rollout(r).done()).isZero();
    assertThat(rows.rollout(r).rolledBack()).isEqualTo(2);
    assertThat(rows.rollout(r).ended()).isEqualTo(2);
    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(rows.device(r, "rv-1").version()).isEqualTo(VersionId.of(2));
    assertThat(rows.device(r, "rv-2").reasons().values()).containsExactly("migrate: migrate broke");
  }

  @Test
  void aWaveWaitsForApprovalThenRunsWhenApprovedAndStarted() {
    r.start(TWO_WAVES, "rv-1", "rv-2");
    r.succeed("rv-1");

    InMemoryRows rows = InMemoryRows.after(r.log);
    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.AWAITING_APPROVAL);
    assertThat(rows.rollout(r).statusDetail()).isEqualTo("wave 2 awaits approval");
    assertThat(rows.waves.get("r-1/2").state()).isEqualTo(WaveRow.State.AWAITING_APPROVAL);

    r.approve(2, "lead@example.com");
    rows = InMemoryRows.after(r.log);

    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.RUNNING);
    assertThat(rows.rollout(r).currentWave()).isEqualTo(2);
    WaveRow second = rows.waves.get("r-1/2");
    assertThat(second.state()).isEqualTo(WaveRow.State.STARTED);
    assertThat(second.approvedBy()).isEqualTo("lead@example.com");
    assertThat(second.deviceCount()).isEqualTo(1);
    assertThat(second.awaitingSince()).isNotNull();
    assertThat(rows.device(r, "rv-2").wave()).isEqualTo(2);
    assertThat(rows.device(r, "rv-2").stage()).isEqualTo(DeviceStage.SAFETY_CHECK);
  }

  @Test
  void resumingAPauseWhileAWaveAwaitsApprovalLeavesItAwaitingApproval() {
    r.start(TWO_WAVES, "rv-1", "rv-2");
    r.succeed("rv-1");
    r.pause("ops");

    assertThat(InMemoryRows.after(r.log).rollout(r).status()).isEqualTo(RolloutStatus.PAUSED);

    r.resume("ops");
    assertThat(InMemoryRows.after(r.log).rollout(r).status())
        .isEqualTo(RolloutStatus.AWAITING_APPROVAL);
  }

  @Test
  void aWaveApprovedWhilePausedStartsNothingAndShowsPausedUntilResumed() {
    r.start(TWO_WAVES, "rv-1", "rv-2");
    r.succeed("rv-1");
    r.pause("ops");
    r.approve(2, "lead@example.com");

    InMemoryRows rows = InMemoryRows.after(r.log);
    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.PAUSED);
    assertThat(rows.rollout(r).currentWave()).isEqualTo(2);
    assertThat(rows.device(r, "rv-2").stage()).isEqualTo(DeviceStage.PENDING);

    r.resume("ops");
    rows = InMemoryRows.after(r.log);
    assertThat(rows.rollout(r).status()).isEqualTo(RolloutStatus.RUNNING);
    assertThat(rows.device(r, "rv-2").stage()).isEqualTo(DeviceStage.SAFETY_CHECK);
  }

  @Test
  void pauseHaltAndResumeShowInTheStatusWithWhoAndWhy() {
    r.start(ONE_AT_A_TIME.withFailureThreshold(0.1, OnThreshold.HALT), "rv-1", "rv-2");
    r.pause("ops@x");
    assertThat(InMemoryRows.after(r.log).rollout(r))
        .extracting(RolloutRow::status, RolloutRow::statusDetail)
        .containsExactly(RolloutStatus.PAUSED, "paused by ops@x");

    r.resume("ops@x");
    r.reply("rv-1", SagaScenario::success);
    r.reply("rv-1", SagaScenario::failure); // its backup failed: one failure in one
    assertThat(InMemoryRows.after(r.log).rollout(r))
        .extracting(RolloutRow::status, RolloutRow::statusDetail)
        .containsExactly(
            RolloutStatus.HALTED, "halted: failure rate 100.0% passed the threshold 10.0% (halt)");

    r.resume("ops@x");
    assertThat(InMemoryRows.after(r.log).rollout(r))
        .extracting(RolloutRow::status, RolloutRow::statusDetail)
        .containsExactly(RolloutStatus.RUNNING, "resumed by ops@x");
  }

  @Test
  void anAbortedRolloutStaysAbortedWhenItsLastDeviceEnds() {
    r.start(ONE_AT_A_TIME, "rv-1", "rv-2");
    r.reply("rv-1", SagaScenario::success);
    r.reply("rv-1", SagaScenario::success); // migrating now
    r.later(Duration.ofSeconds(5));
    r.abort("ops"); // rv-2 never began: skipped; rv-1 is migrating and finishes
    r.later(Duration.ofSeconds(5));
    r.succeed("rv-1");

    RolloutRow rollout = InMemoryRows.after(r.log).rollout(r);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.ABORTED);
    assertThat(rollout.statusDetail()).isEqualTo("aborted by ops");
    assertThat(rollout.finishedAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(rollout.skipped()).isEqualTo(1);
    assertThat(rollout.done()).isEqualTo(1);
  }

  @Test
  void aFinishedRolloutIsFinished() {
    r.start(ONE_AT_A_TIME, "rv-1");
    r.succeed("rv-1");

    RolloutRow rollout = InMemoryRows.after(r.log).rollout(r);

    assertThat(rollout.status()).isEqualTo(RolloutStatus.FINISHED);
    assertThat(rollout.statusDetail()).isNull();
    assertThat(rollout.finishedAt()).isNotNull();
    assertThat(rollout.lastSequence()).isEqualTo(r.log.size());
  }

  @Test
  void aDeferredDeviceShowsWhyAndIsCheckedAgainLater() {
    r.start(ONE_AT_A_TIME, "rv-1");
    r.reply("rv-1", SagaScenario::moving);

    InMemoryRows rows = InMemoryRows.after(r.log);
    assertThat(rows.device(r, "rv-1").stage()).isEqualTo(DeviceStage.DEFERRED);
    assertThat(rows.device(r, "rv-1").reasons().values())
        .containsExactly("vehicle-moving (the vehicle is moving)");

    r.tickAt(T0.plusSeconds(30));
    assertThat(InMemoryRows.after(r.log).device(r, "rv-1").stage())
        .isEqualTo(DeviceStage.SAFETY_CHECK);
  }

  @Test
  void everyEventIsAuditedOnceWithItsJsonAndDeviceEventsGoToTheHistory() {
    r.start(ONE_AT_A_TIME, "rv-1");
    r.reply("rv-1", SagaScenario::moving);
    r.tickAt(T0.plusSeconds(30)); // checked again
    r.tickAt(T0.plusSeconds(91)); // no answer: skipped, and the rollout ends
    r.pause("ops");

    InMemoryRows rows = InMemoryRows.after(r.log);

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
            "DeviceFinished",
            "RolloutFinished",
            "ControlRefused")
        .containsExactlyElementsOf(
            r.log.stream().map(e -> MessageTypes.of(e.getClass()).name()).toList());
    assertThat(rows.audit)
        .extracting(AuditRow::sequence)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(rows.audit)
        .extracting(AuditRow::deviceId)
        .containsExactly(null, null, "rv-1", "rv-1", "rv-1", "rv-1", "rv-1", "rv-1", null, null);
    MessageCodec codec = new MessageCodec();
    assertThat(codec.decode(rows.audit.get(3).eventJson(), RolloutEvent.class))
        .isEqualTo(r.log.get(3));
    assertThat(rows.audit.get(9).summary())
        .isEqualTo("refused PauseRollout from ops: the rollout is finished");
    assertThat(rows.history)
        .extracting(DeviceHistoryRow::result)
        .containsExactly("dispatched", "failed", "deferred", "dispatched", "timed-out", "SKIPPED");
    assertThat(rows.history).extracting(DeviceHistoryRow::step).contains("safety-check");
  }

  @Test
  void anEventSeenAgainChangesNothing() {
    r.start(ONE_AT_A_TIME, "rv-1");
    r.succeed("rv-1");
    InMemoryRows rows = InMemoryRows.after(r.log);
    RolloutEvent last = r.log.get(r.log.size() - 1);

    assertThat(rows.apply(last)).isEmpty();
    assertThat(rows.apply(upToFinishOf("rv-1").get(upToFinishOf("rv-1").size() - 1))).isEmpty();
    assertThat(rows.rollout(r).done()).isEqualTo(1);
  }

  @Test
  void eventsOfARolloutNeverSeenOpenAreOnlyAudited() {
    r.start(ONE_AT_A_TIME, "rv-1"); // accepted, wave 1 started, safety check dispatched
    InMemoryRows rows = new InMemoryRows();

    r.log.subList(1, 3).forEach(rows::apply); // the log's start is gone

    assertThat(rows.rollouts).isEmpty();
    assertThat(rows.devices).isEmpty();
    assertThat(rows.audit).hasSize(2);
    assertThat(rows.history).hasSize(1);
  }

  @Test
  void aDeviceHistoryRecordsTheVersionTheRepliesAndTheEndReport() {
    r.start(ONE_AT_A_TIME, "rv-1");
    r.succeed("rv-1");

    InMemoryRows rows = InMemoryRows.after(r.log);

    assertThat(rows.history)
        .extracting(DeviceHistoryRow::result, DeviceHistoryRow::version)
        .containsExactly(
            tuple("dispatched", null),
            tuple("succeeded", VersionId.of(2)),
            tuple("dispatched", null),
            tuple("succeeded", VersionId.of(2)),
            tuple("dispatched", null),
            tuple("succeeded", VersionId.of(5)),
            tuple("dispatched", null),
            tuple("succeeded", VersionId.of(5)),
            tuple("DONE", VersionId.of(5)));
    assertThat(rows.history.get(8).summary()).isEqualTo("rv-1: DONE at version 5, backup rv-1-b1");
  }

  @Test
  void aDryRunKeepsWhatEachRehearsalFoundAndARealRunKeepsNone() {
    r.start(ONE_AT_A_TIME.withDryRun(true), "rv-1", "rv-2");
    r.reply("rv-1", SagaScenario::success);
    r.reply("rv-1", SagaScenario::rehearsed);
    r.reply("rv-2", SagaScenario::success);
    r.reply("rv-2", SagaScenario::rehearsed);

    InMemoryRows rows = InMemoryRows.after(r.log);

    assertThat(rows.rehearsals.values())
        .extracting(
            RehearsalRow::deviceId,
            RehearsalRow::durationMillis,
            RehearsalRow::sizeBeforeBytes,
            RehearsalRow::sizeAfterBytes,
            RehearsalRow::diskNeededBytes)
        .containsExactly(
            tuple("rv-1", 40L, 4096L, 5120L, 9216L), tuple("rv-2", 40L, 4096L, 5120L, 9216L));
    assertThat(rows.device(r, "rv-1").version()).isEqualTo(VersionId.of(2));

    SagaScenario real = DeciderLogs.scenario("r-real");
    real.start(ONE_AT_A_TIME, "rv-1");
    real.succeed("rv-1");
    assertThat(InMemoryRows.after(real.log).rehearsals).isEmpty();
  }

  /** The log up to and with the end of {@code device}'s first saga. */
  private List<RolloutEvent> upToFinishOf(String device) {
    Predicate<RolloutEvent> end =
        e -> e instanceof DeviceFinished f && f.deviceId().value().equals(device);
    int at = 0;
    while (!end.test(r.log.get(at))) {
      at++;
    }
    return r.log.subList(0, at + 1);
  }
}
