package dev.flotilla.coordinator.saga;

import static dev.flotilla.coordinator.saga.SagaScenario.devices;
import static dev.flotilla.coordinator.saga.SagaScenario.dispatchedSteps;
import static dev.flotilla.coordinator.saga.SagaScenario.ofType;
import static dev.flotilla.coordinator.saga.SagaScenario.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.control.AbortRollout;
import dev.flotilla.contracts.control.ApproveWave;
import dev.flotilla.contracts.control.PauseRollout;
import dev.flotilla.contracts.control.ResumeRollout;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.RolloutResumed;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.event.WaveStarted;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RolloutSteeringTest {
  private final SagaScenario scenario = new SagaScenario();
  private static final RolloutPolicy POLICY =
      RolloutPolicy.DEFAULT.withMaxInFlight(50).withStepTimeoutSeconds(60);

  private static PauseRollout pause() {
    return new PauseRollout(
        SagaScenario.ROLLOUT, "ops", MessageId.derivedFrom("pause"), SagaScenario.T0);
  }

  private static ResumeRollout resume() {
    return new ResumeRollout(
        SagaScenario.ROLLOUT, "ops", MessageId.derivedFrom("resume"), SagaScenario.T0);
  }

  private static AbortRollout abort() {
    return new AbortRollout(
        SagaScenario.ROLLOUT, "ops", MessageId.derivedFrom("abort"), SagaScenario.T0);
  }

  private static ApproveWave approve(int wave) {
    return approve(wave, "ops");
  }

  private static ApproveWave approve(int wave, String by) {
    return new ApproveWave(
        SagaScenario.ROLLOUT,
        wave,
        by,
        MessageId.derivedFrom("approve" + wave + by),
        SagaScenario.T0);
  }

  private void succeedAllBusy() {
    for (String device : scenario.busyDevices()) {
      scenario.succeed(device);
    }
  }

  @Nested
  class Waves {
    @Test
    void aCanaryWaveStartsOnlyItsOwnDevices() {
      List<RolloutEvent> events =
          scenario.start(POLICY.withWaves(List.of(10, 50, 100)), devices(20));

      WaveStarted first = ofType(events, WaveStarted.class).get(0);
      assertThat(first.wave()).isEqualTo(1);
      assertThat(first.devices()).containsExactly(DeviceId.of("rv-01"), DeviceId.of("rv-02"));
      assertThat(dispatchedSteps(events)).hasSize(2);
    }

    @Test
    void theNextWaveStartsWhenEveryDeviceOfTheLastHasEnded() {
      scenario.start(POLICY.withWaves(List.of(10, 50, 100)), devices(20));
      scenario.succeed("rv-01");
      List<RolloutEvent> afterFirst = scenario.reply("rv-02", SagaScenario::success);
      assertThat(ofType(afterFirst, WaveStarted.class)).isEmpty();

      scenario.succeed("rv-02");

      assertThat(scenario.state.standing().wave()).isEqualTo(2);
      assertThat(scenario.busyDevices()).hasSize(8);
      succeedAllBusy();
      assertThat(scenario.state.standing().wave()).isEqualTo(3);
      succeedAllBusy();
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.FINISHED);
      assertThat(scenario.state.counts().done()).isEqualTo(20);
    }

    @Test
    void everyWaveHasAtLeastOneDeviceEvenInATinyFleet() {
      scenario.start(POLICY.withWaves(List.of(1, 10, 50, 100)), devices(3));
      for (int wave = 1; scenario.state.running(); wave++) {
        assertThat(scenario.state.standing().wave()).isEqualTo(wave);
        succeedAllBusy();
      }
      assertThat(ofType(scenario.log, WaveStarted.class))
          .extracting(w -> w.devices().size())
          .containsExactly(1, 1, 1);
    }

    @Test
    void withApprovalTheNextWaveWaitsForAnOperator() {
      scenario.start(
          POLICY.withWaves(List.of(50, 100)).withApproval(Approval.BETWEEN_WAVES), devices(4));
      succeedAllBusy();

      assertThat(ofType(scenario.log, WaveAwaitingApproval.class))
          .singleElement()
          .extracting(WaveAwaitingApproval::wave)
          .isEqualTo(2);
      assertThat(scenario.busyDevices()).isEmpty();
      assertThat(scenario.when(new RolloutInput.Ticked())).isEmpty();

      List<RolloutEvent> approved = scenario.control(approve(2));

      assertThat(types(approved)).startsWith(WaveApproved.class, WaveStarted.class);
      assertThat(scenario.busyDevices()).containsExactly("rv-03", "rv-04");
    }

    @Test
    void withFourEyesTheRequesterCannotApproveAndSomeoneElseCan() {
      scenario.start(
          POLICY.withWaves(List.of(50, 100)).withApproval(Approval.FOUR_EYES), devices(4));
      succeedAllBusy();
      assertThat(ofType(scenario.log, WaveAwaitingApproval.class)).hasSize(1);

      List<RolloutEvent> byRequester = scenario.control(approve(2, "ops@example.com"));

      assertThat(types(byRequester)).containsExactly(ControlRefused.class);
      assertThat(((ControlRefused) byRequester.get(0)).reason())
          .isEqualTo(
              "four eyes: ops@example.com asked for this rollout, so someone else must approve"
                  + " its waves");
      assertThat(scenario.busyDevices()).isEmpty();

      List<RolloutEvent> bySomeoneElse = scenario.control(approve(2, "lead@example.com"));

      assertThat(types(bySomeoneElse)).startsWith(WaveApproved.class, WaveStarted.class);
      assertThat(((WaveApproved) bySomeoneElse.get(0)).requestedBy()).isEqualTo("lead@example.com");
      assertThat(scenario.busyDevices()).containsExactly("rv-03", "rv-04");
    }

    @Test
    void approvingAWaveThatIsNotWaitingIsRefusedAndChangesNothing() {
      scenario.start(
          POLICY.withWaves(List.of(50, 100)).withApproval(Approval.BETWEEN_WAVES), devices(4));

      List<RolloutEvent> events = scenario.control(approve(2));

      assertThat(types(events)).containsExactly(ControlRefused.class);
      assertThat(((ControlRefused) events.get(0)).reason()).contains("not waiting for approval");
      assertThat(scenario.busyDevices()).containsExactly("rv-01", "rv-02");
    }
  }

  @Nested
  class PauseResumeAbort {
    @Test
    void aPausedRolloutStartsNoDeviceButLetsThoseInFlightFinish() {
      scenario.start(POLICY.withMaxInFlight(1), devices(3));
      assertThat(types(scenario.control(pause()))).containsExactly(RolloutPaused.class);

      scenario.succeed("rv-01");

      assertThat(scenario.state.sagas().get(DeviceId.of("rv-01")).stage())
          .isEqualTo(DeviceStage.DONE);
      assertThat(scenario.busyDevices()).isEmpty();
      assertThat(scenario.when(new RolloutInput.Ticked())).isEmpty();

      List<RolloutEvent> resumed = scenario.control(resume());
      assertThat(types(resumed)).startsWith(RolloutResumed.class);
      assertThat(scenario.busyDevices()).containsExactly("rv-02");
    }

    @Test
    void pausingTwiceIsRefused() {
      scenario.start(POLICY, devices(2));
      scenario.control(pause());

      assertThat(types(scenario.control(pause()))).containsExactly(ControlRefused.class);
    }

    @Test
    void anAbortSkipsDevicesNotStartedAndTheRolloutEndsWhenThoseInFlightHaveFinished() {
      scenario.start(POLICY.withMaxInFlight(1), devices(3));
      scenario.reply("rv-01", SagaScenario::success); // rv-01 is taking its backup

      List<RolloutEvent> aborted = scenario.control(abort());

      assertThat(aborted.get(0)).isInstanceOf(RolloutAborted.class);
      assertThat(ofType(aborted, DeviceFinished.class))
          .extracting(DeviceFinished::deviceId, DeviceFinished::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(DeviceId.of("rv-02"), DeviceOutcome.SKIPPED),
              org.assertj.core.groups.Tuple.tuple(DeviceId.of("rv-03"), DeviceOutcome.SKIPPED));
      assertThat(scenario.state.running()).isTrue();

      // The backup in flight finishes, and the device is not migrated after all.
      List<RolloutEvent> last = scenario.reply("rv-01", SagaScenario::success);
      assertThat(dispatchedSteps(last)).isEmpty();
      assertThat(types(last)).endsWith(DeviceFinished.class, RolloutFinished.class);
      assertThat(scenario.state.counts().skipped()).isEqualTo(3);
    }

    @Test
    void aMigrationInFlightWhenAbortedIsCarriedThrough() {
      scenario.start(POLICY.withMaxInFlight(1), devices(2));
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success); // migrating now

      scenario.control(abort());
      scenario.succeed("rv-01");

      // It has ended, and stays aborted: so the API shows it.
      assertThat(scenario.state.running()).isFalse();
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.ABORTED);
      assertThat(scenario.state.counts().done()).isEqualTo(1);
      assertThat(scenario.state.counts().skipped()).isEqualTo(1);
    }

    @Test
    void controlOfAnUnknownRolloutIsRefused() {
      assertThat(types(scenario.control(pause()))).containsExactly(ControlRefused.class);
    }
  }

  @Nested
  class FailureThreshold {
    @Test
    void passingTheThresholdHaltsTheRolloutAndInFlightDevicesFinish() {
      scenario.start(
          POLICY.withMaxInFlight(2).withFailureThreshold(0.3, OnThreshold.HALT), devices(6));
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::failure); // backup fails: rv-01 FAILED

      assertThat(ofType(scenario.log, RolloutHalted.class))
          .singleElement()
          .satisfies(h -> assertThat(h.failureRate()).isEqualTo(1.0));
      assertThat(scenario.busyDevices()).containsExactly("rv-02");
      scenario.succeed("rv-02");
      assertThat(scenario.busyDevices()).isEmpty();
      assertThat(scenario.state.running()).isTrue();

      scenario.control(resume());
      assertThat(scenario.busyDevices()).containsExactly("rv-03", "rv-04");
    }

    @Test
    void aBelowThresholdFailureRateDoesNotHalt() {
      scenario.start(
          POLICY.withMaxInFlight(1).withFailureThreshold(0.5, OnThreshold.HALT), devices(4));
      scenario.succeed("rv-01");
      scenario.reply("rv-02", SagaScenario::success);
      scenario.reply("rv-02", SagaScenario::failure);

      assertThat(ofType(scenario.log, RolloutHalted.class)).isEmpty();
      assertThat(scenario.busyDevices()).containsExactly("rv-03");
    }

    @Test
    void withRollbackTheMigratedDevicesAreRolledBackAndTheRestSkipped() {
      scenario.start(
          POLICY.withMaxInFlight(1).withFailureThreshold(0.4, OnThreshold.ROLLBACK), devices(4));
      scenario.succeed("rv-01");
      scenario.reply("rv-02", SagaScenario::success);
      List<RolloutEvent> events = scenario.reply("rv-02", SagaScenario::failure);

      assertThat(types(events)).contains(RolloutHalted.class, RolloutAborted.class);
      assertThat(ofType(events, StepDispatched.class))
          .extracting(d -> d.command().deviceId(), d -> d.command().step())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(DeviceId.of("rv-01"), Step.ROLLBACK));
      assertThat(scenario.state.counts().done()).isZero();

      scenario.reply("rv-01", SagaScenario::success);
      // It has ended, and stays aborted: so the API shows it.
      assertThat(scenario.state.running()).isFalse();
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.ABORTED);
      assertThat(scenario.state.counts())
          .isEqualTo(new dev.flotilla.contracts.event.RolloutCounts(0, 1, 1, 2, 0));
    }

    @Test
    void withRollbackDevicesStillMigratingOrVerifyingAreRolledBackTooNotLeftMigrated() {
      scenario.start(
          POLICY.withMaxInFlight(4).withFailureThreshold(0.2, OnThreshold.ROLLBACK), devices(4));
      for (String device : List.of("rv-01", "rv-02", "rv-03", "rv-04")) {
        scenario.reply(device, SagaScenario::success); // safety check
      }
      scenario.reply("rv-02", SagaScenario::success); // backed up, migrating
      scenario.reply("rv-03", SagaScenario::success); // backed up, migrating
      scenario.reply("rv-03", SagaScenario::success); // migrated, verifying
      scenario.reply("rv-04", SagaScenario::success); // backed up, migrating
      scenario.reply("rv-04", SagaScenario::success); // migrated, verifying
      scenario.reply("rv-04", SagaScenario::ioFailure); // its verification deferred, to repeat

      List<RolloutEvent> tripped = scenario.reply("rv-01", SagaScenario::failure); // backup fails
      assertThat(types(tripped)).contains(RolloutHalted.class, RolloutAborted.class);

      // The migrating one answers: rolled back, not verified.
      assertThat(dispatchedSteps(scenario.reply("rv-02", SagaScenario::success)))
          .containsExactly(Step.ROLLBACK);
      // The verifying one passes: rolled back, not done.
      assertThat(dispatchedSteps(scenario.reply("rv-03", SagaScenario::success)))
          .containsExactly(Step.ROLLBACK);
      // The deferred verification still runs (its database was migrated), then rolls back.
      assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(30))))
          .containsExactly(Step.VERIFY);
      assertThat(dispatchedSteps(scenario.reply("rv-04", SagaScenario::success)))
          .containsExactly(Step.ROLLBACK);
      for (String device : List.of("rv-02", "rv-03", "rv-04")) {
        scenario.reply(device, SagaScenario::success); // rolled back
      }

      assertThat(scenario.state.running()).isFalse();
      assertThat(ofType(scenario.log, DeviceFinished.class))
          .extracting(f -> f.deviceId().value(), DeviceFinished::outcome)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("rv-01", DeviceOutcome.FAILED),
              org.assertj.core.groups.Tuple.tuple("rv-02", DeviceOutcome.ROLLED_BACK),
              org.assertj.core.groups.Tuple.tuple("rv-03", DeviceOutcome.ROLLED_BACK),
              org.assertj.core.groups.Tuple.tuple("rv-04", DeviceOutcome.ROLLED_BACK));
    }
  }

  @Nested
  class Deferral {
    private final RolloutPolicy policy = POLICY.withSafetyRetry(30, 200);

    @Test
    void aDeviceUnsafeForTransientReasonsIsDeferredAndFreesItsSlot() {
      scenario.start(policy.withMaxInFlight(1), devices(2));

      List<RolloutEvent> events = scenario.reply("rv-01", SagaScenario::moving);

      DeviceDeferred deferred = ofType(events, DeviceDeferred.class).get(0);
      assertThat(deferred.retryAt()).isEqualTo(SagaScenario.T0.plusSeconds(30));
      assertThat(deferred.reasons()).singleElement().asString().contains("vehicle-moving");
      assertThat(scenario.busyDevices()).containsExactly("rv-02");
    }

    @Test
    void aMigrationThatCouldNotTakeTheLockDefersTheDeviceAndItStartsOverLater() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::success); // safety check
      scenario.reply("rv-01", SagaScenario::success); // backup

      List<RolloutEvent> events = scenario.reply("rv-01", SagaScenario::busy);

      assertThat(dispatchedSteps(events)).isEmpty();
      DeviceDeferred deferred = ofType(events, DeviceDeferred.class).get(0);
      assertThat(deferred.reasons())
          .singleElement()
          .asString()
          .startsWith("migrate: database-busy");
      assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(30))))
          .containsExactly(Step.SAFETY_CHECK);
      scenario.succeed("rv-01");
      assertThat(scenario.state.counts().done()).isEqualTo(1);
    }

    @Test
    void aBackupThatCouldNotReadForTheApplicationsLockDefersTheDevice() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::success); // safety check

      List<RolloutEvent> events = scenario.reply("rv-01", SagaScenario::busyBackup);

      assertThat(ofType(events, DeviceDeferred.class)).hasSize(1);
      assertThat(ofType(events, DeviceFinished.class)).isEmpty();
    }

    @Test
    void aBackupThatHitAnIoErrorIsTakenAgainLaterAndTheDeviceCompletes() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::success); // safety check

      List<RolloutEvent> events = scenario.reply("rv-01", SagaScenario::ioFailure);

      DeviceDeferred deferred = ofType(events, DeviceDeferred.class).get(0);
      assertThat(deferred.retryStep()).isNull();
      assertThat(deferred.reasons()).singleElement().asString().startsWith("backup: (io:");
      assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(30))))
          .containsExactly(Step.SAFETY_CHECK);
      scenario.succeed("rv-01");
      assertThat(scenario.state.counts().done()).isEqualTo(1);
    }

    @Test
    void aVerificationThatCouldNotRunIsRepeatedNotRestored() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success); // migrated

      List<RolloutEvent> events = scenario.reply("rv-01", SagaScenario::ioFailure);

      assertThat(ofType(events, DeviceDeferred.class).get(0).retryStep()).isEqualTo(Step.VERIFY);
      assertThat(dispatchedSteps(events)).isEmpty();
      List<RolloutEvent> retried = scenario.tickAt(SagaScenario.T0.plusSeconds(30));
      assertThat(dispatchedSteps(retried)).containsExactly(Step.VERIFY);
      // The first verification rode with the migration; this one goes to the worker itself.
      assertThat(ofType(retried, StepDispatched.class).get(0).sentOnItsOwn()).isTrue();
      scenario.succeed("rv-01");
      assertThat(scenario.state.counts().done()).isEqualTo(1);
    }

    @Test
    void aVerificationThatNeverRunsIsRestoredAtTheGiveUpTime() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::ioFailure); // retry at +30
      scenario.tickAt(SagaScenario.T0.plusSeconds(30));
      scenario.reply("rv-01", SagaScenario::ioFailure); // retry at +90
      scenario.tickAt(SagaScenario.T0.plusSeconds(90));

      List<RolloutEvent> third = scenario.reply("rv-01", SagaScenario::ioFailure); // +210 > 200

      assertThat(dispatchedSteps(third)).containsExactly(Step.RESTORE);
    }

    @Test
    void aRestoreThatHitAnIoErrorIsTriedAgainEvenInAnAbortedRollout() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::failure); // verification failed: restore
      scenario.reply("rv-01", SagaScenario::ioFailure);
      scenario.control(new AbortRollout(SagaScenario.ROLLOUT, "ops", null, null));

      assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(30))))
          .containsExactly(Step.RESTORE);
      assertThat(
              ofType(scenario.reply("rv-01", SagaScenario::success), DeviceFinished.class)
                  .get(0)
                  .outcome())
          .isEqualTo(DeviceOutcome.ROLLED_BACK);
    }

    @Test
    void theRolloutsLockWaitTravelsWithTheMigrateCommand() {
      scenario.start(policy.withLockWaitSeconds(7), devices(1));
      scenario.reply("rv-01", SagaScenario::success);
      scenario.reply("rv-01", SagaScenario::success);

      assertThat(((ApplyMigrations) scenario.pending("rv-01")).lockWaitSeconds()).isEqualTo(7);
    }

    @Test
    void aDeferredDeviceIsCheckedAgainWhenDueAndCompletesOnceSafe() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::moving);
      assertThat(scenario.tickAt(SagaScenario.T0.plusSeconds(29))).isEmpty();

      assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(30))))
          .containsExactly(Step.SAFETY_CHECK);
      scenario.succeed("rv-01");

      assertThat(scenario.state.counts().done()).isEqualTo(1);
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.FINISHED);
    }

    @Test
    void theWaitDoublesAndTheDeviceIsSkippedAtTheGiveUpTime() {
      scenario.start(policy, devices(1));
      scenario.reply("rv-01", SagaScenario::moving); // retry at +30
      scenario.tickAt(SagaScenario.T0.plusSeconds(30));
      List<RolloutEvent> second = scenario.reply("rv-01", SagaScenario::moving);
      assertThat(ofType(second, DeviceDeferred.class).get(0).retryAt())
          .isEqualTo(SagaScenario.T0.plusSeconds(30 + 60));
      scenario.tickAt(SagaScenario.T0.plusSeconds(90));
      List<RolloutEvent> third = scenario.reply("rv-01", SagaScenario::moving); // +120 > 200

      DeviceFinished finished = ofType(third, DeviceFinished.class).get(0);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.SKIPPED);
      assertThat(finished.reasons())
          .anySatisfy(r -> assertThat(r).contains("gave up after 3 safety checks"));
    }

    @Test
    void aPermanentReasonSkipsAtOnceEvenBesideTransientOnes() {
      scenario.start(policy, devices(1));

      List<RolloutEvent> events = scenario.reply("rv-01", SagaScenario::failure);

      assertThat(ofType(events, DeviceDeferred.class)).isEmpty();
      assertThat(ofType(events, DeviceFinished.class).get(0).outcome())
          .isEqualTo(DeviceOutcome.SKIPPED);
    }
  }

  @Nested
  class DryRun {
    @Test
    void aDryRunRehearsesTheMigrationWithoutBackupAndLeavesTheVersion() {
      scenario.start(POLICY.withDryRun(true), devices(1));

      List<RolloutEvent> afterCheck = scenario.reply("rv-01", SagaScenario::success);
      assertThat(dispatchedSteps(afterCheck)).containsExactly(Step.MIGRATE);
      assertThat(((ApplyMigrations) scenario.pending("rv-01")).dryRun()).isTrue();
      assertThat(((ApplyMigrations) scenario.pending("rv-01")).verifyAfter()).isNull();

      List<RolloutEvent> end = scenario.reply("rv-01", SagaScenario::rehearsed);
      DeviceFinished finished = ofType(end, DeviceFinished.class).get(0);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.DONE);
      assertThat(finished.version()).isEqualTo(VersionId.of(2));
      assertThat(finished.reasons()).singleElement().asString().startsWith("dry run: 2→5");
    }

    @Test
    void aFailedRehearsalFailsTheDeviceWithNothingToUndo() {
      scenario.start(POLICY.withDryRun(true), devices(1));
      scenario.reply("rv-01", SagaScenario::success);

      List<RolloutEvent> end = scenario.reply("rv-01", SagaScenario::failure);

      assertThat(dispatchedSteps(end)).isEmpty();
      assertThat(ofType(end, DeviceFinished.class).get(0).outcome())
          .isEqualTo(DeviceOutcome.FAILED);
    }
  }

  @Nested
  class OneRolloutPerDevice {
    @Test
    void aRequestForADeviceInAnotherActiveRolloutIsRejected() {
      var fleet =
          new FleetSnapshot(
              SagaScenario.fleet("rv-01", "rv-02").catalogue(),
              SagaScenario.fleet("rv-01", "rv-02").devices(),
              Map.of(DeviceId.of("rv-02"), RolloutId.of("r-other")));

      List<RolloutEvent> events =
          scenario.when(
              new RolloutInput.Requested(SagaScenario.request(POLICY, "rv-01", "rv-02"), fleet));

      assertThat(types(events)).containsExactly(RolloutRejected.class);
      assertThat(((RolloutRejected) events.get(0)).reasons())
          .anySatisfy(r -> assertThat(r).contains("rv-02 (in r-other)"));
    }
  }
}
