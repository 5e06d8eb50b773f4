package dev.flotilla.coordinator.saga;

import static dev.flotilla.coordinator.saga.SagaScenario.dispatchedSteps;
import static dev.flotilla.coordinator.saga.SagaScenario.ofType;
import static dev.flotilla.coordinator.saga.SagaScenario.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.WorkerReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An operator's restore as a saga of one device: safety check → a fresh backup (which first finds
 * the backup to put back) → the restore → DONE at the restored backup's version, every step an
 * event, and both backups named where it ends.
 */
class RestoreSagaTest {
  private static final String DEVICE = "rv-1";
  private static final BackupId WANTED = BackupId.of("rv-1-yesterday");
  private static final BackupId FRESH = BackupId.of("rv-1-b1");

  private final SagaScenario scenario = new SagaScenario();

  private static DeviceFinished finish(List<RolloutEvent> events) {
    List<DeviceFinished> finishes = ofType(events, DeviceFinished.class);
    assertThat(finishes).as("finished in %s", types(events)).hasSize(1);
    return finishes.get(0);
  }

  private static <C extends WorkerCommand> C dispatched(List<RolloutEvent> events, Class<C> type) {
    List<StepDispatched> sent = ofType(events, StepDispatched.class);
    assertThat(sent).as("dispatched in %s", types(events)).hasSize(1);
    return type.cast(sent.get(0).command());
  }

  /** The restore's own step failing with {@code failure}. */
  private static WorkerReply restoreFailing(WorkerCommand c, int n, Failure failure) {
    return new RestoreFailed(
        SagaScenario.replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        SagaScenario.T0,
        ((RestoreBackup) c).backupId(),
        failure);
  }

  @Nested
  class TheRestore {
    @Test
    void isAcceptedAsARolloutOfOneDeviceThatNamesNoMigration() {
      List<RolloutEvent> events = scenario.startRestore(DEVICE, WANTED.value());

      RolloutAccepted accepted = (RolloutAccepted) events.get(0);
      assertThat(accepted.restoring()).isTrue();
      assertThat(accepted.migrationSet()).isNull();
      assertThat(accepted.targetVersion()).isNull();
      assertThat(accepted.devices()).containsExactly(DeviceId.of(DEVICE));
      assertThat(accepted.restore().backupId()).isEqualTo(WANTED);
      assertThat(accepted.restore().madeBefore()).isEqualTo(SagaScenario.T0);
      assertThat(accepted.policy().stepTimeoutSeconds()).isEqualTo(60);
      RunSafetyCheck check = dispatched(events, RunSafetyCheck.class);
      assertThat(check.restoring()).isTrue();
      assertThat(check.migrationSet()).isNull();
      assertThat(check.targetVersion()).isNull();
    }

    @Test
    void backsTheDatabaseUpAsItIsThenPutsTheChosenBackupBackAndEndsDoneAtItsVersion() {
      scenario.startRestore(DEVICE, WANTED.value());

      TakeBackup backup =
          dispatched(scenario.reply(DEVICE, SagaScenario::success), TakeBackup.class);
      assertThat(backup.toRestore().backupId()).isEqualTo(WANTED);
      RestoreBackup restore =
          dispatched(scenario.reply(DEVICE, SagaScenario::success), RestoreBackup.class);
      assertThat(restore.backupId()).isEqualTo(WANTED);
      assertThat(restore.sha256()).isEqualTo("b".repeat(64));
      assertThat(restore.replacedStateBackupId()).isEqualTo(FRESH);
      List<RolloutEvent> last = scenario.reply(DEVICE, SagaScenario::success);

      DeviceFinished finished = finish(last);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.DONE);
      assertThat(finished.version()).isEqualTo(SagaScenario.RESTORED_VERSION);
      assertThat(finished.backupId())
          .as("the backup that keeps the replaced state")
          .isEqualTo(FRESH);
      assertThat(finished.reasons())
          .singleElement()
          .asString()
          .contains("restored backup " + WANTED)
          .contains("as ops@example.com asked")
          .contains("kept in backup " + FRESH);
      assertThat(ofType(last, RolloutFinished.class)).hasSize(1);
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.FINISHED);
      assertThat(dispatchedSteps(scenario.log))
          .containsExactly(Step.SAFETY_CHECK, Step.BACKUP, Step.RESTORE);
    }

    @Test
    void withoutABackupIdAsksForTheNewestMadeBeforeItWasAccepted() {
      scenario.later(Duration.ofMinutes(5));
      scenario.startRestore(DEVICE, null);

      TakeBackup backup =
          dispatched(scenario.reply(DEVICE, SagaScenario::success), TakeBackup.class);
      assertThat(backup.toRestore().backupId()).isNull();
      assertThat(backup.toRestore().madeBefore()).isEqualTo(scenario.now);
      RestoreBackup restore =
          dispatched(scenario.reply(DEVICE, SagaScenario::success), RestoreBackup.class);
      assertThat(restore.backupId()).as("what the worker found").isEqualTo(BackupId.of("rv-1-b0"));
    }

    @Test
    void replayingItsLogGivesTheSameState() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.succeed(DEVICE);

      RolloutState replayed = RolloutState.initial(SagaScenario.ROLLOUT);
      for (RolloutEvent event : scenario.log) {
        replayed = RolloutDecider.evolve(replayed, event);
      }

      assertThat(replayed).isEqualTo(scenario.state);
      assertThat(replayed.restoring()).isTrue();
    }
  }

  @Nested
  class WhatStopsIt {
    @Test
    void aDeviceThatIsDrivingIsDeferredAndCheckedAgainAsForAMigration() {
      scenario.startRestore(DEVICE, WANTED.value());

      List<RolloutEvent> events = scenario.reply(DEVICE, SagaScenario::moving);

      assertThat(ofType(events, DeviceDeferred.class)).hasSize(1);
      assertThat(scenario.state.sagas().get(DeviceId.of(DEVICE)).retryStep()).isNull();
      List<RolloutEvent> later = scenario.tickAt(SagaScenario.T0.plusSeconds(31));
      assertThat(dispatchedSteps(later)).containsExactly(Step.SAFETY_CHECK);
      assertThat(dispatched(later, RunSafetyCheck.class).restoring()).isTrue();
    }

    @Test
    void aPermanentlyUnsafeDeviceIsSkippedUntouched() {
      scenario.startRestore(DEVICE, WANTED.value());

      List<RolloutEvent> events = scenario.reply(DEVICE, SagaScenario::failure);

      assertThat(finish(events).outcome()).isEqualTo(DeviceOutcome.SKIPPED);
      assertThat(dispatchedSteps(scenario.log)).containsExactly(Step.SAFETY_CHECK);
    }

    @Test
    void aBackupThatIsNotThereFailsTheDeviceBeforeAnythingIsTouched() {
      scenario.startRestore(DEVICE, "rv-1-nope");
      scenario.reply(DEVICE, SagaScenario::success);

      List<RolloutEvent> events =
          scenario.reply(
              DEVICE,
              (c, n) ->
                  new BackupFailed(
                      SagaScenario.replyId(n),
                      c.commandId(),
                      c.rolloutId(),
                      c.deviceId(),
                      c.messageId(),
                      SagaScenario.T0,
                      new Failure(
                          FailureKind.BUSINESS,
                          "backup-not-found: rv-1 has no backup rv-1-nope",
                          Failure.BACKUP_NOT_FOUND)));

      DeviceFinished finished = finish(events);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.FAILED);
      assertThat(finished.backupId()).isNull();
      assertThat(finished.reasons()).anySatisfy(r -> assertThat(r).contains("backup-not-found"));
      assertThat(dispatchedSteps(scenario.log)).doesNotContain(Step.RESTORE);
    }

    @Test
    void aFreshBackupThatFailsLeavesTheDeviceUntouchedAndFailed() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);

      List<RolloutEvent> events = scenario.reply(DEVICE, SagaScenario::failure);

      assertThat(finish(events).outcome()).isEqualTo(DeviceOutcome.FAILED);
      assertThat(dispatchedSteps(scenario.log)).containsExactly(Step.SAFETY_CHECK, Step.BACKUP);
    }

    @Test
    void aFreshBackupTheDiskOrALockStoppedStartsOverFromTheSafetyCheck() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);

      List<RolloutEvent> events = scenario.reply(DEVICE, SagaScenario::ioFailure);

      assertThat(ofType(events, DeviceDeferred.class))
          .singleElement()
          .satisfies(d -> assertThat(d.retryStep()).isNull());
      assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(31))))
          .containsExactly(Step.SAFETY_CHECK);
    }

    @Test
    void aFailedRestoreNeedsAttentionNamingBothBackups() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);
      scenario.reply(DEVICE, SagaScenario::success);

      List<RolloutEvent> events =
          scenario.reply(
              DEVICE,
              (c, n) ->
                  restoreFailing(
                      c, n, Failure.business("restored-unsound: the restored database failed")));

      DeviceFinished finished = finish(events);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.NEEDS_ATTENTION);
      assertThat(finished.backupId()).isEqualTo(FRESH);
      assertThat(finished.reasons())
          .anySatisfy(r -> assertThat(r).contains("restored-unsound"))
          .anySatisfy(
              r ->
                  assertThat(r)
                      .contains("backup " + WANTED + " was not restored")
                      .contains("kept in backup " + FRESH));
    }

    @Test
    void aRestoreItsSurroundingsStoppedIsRepeatedThenNeedsAttentionAtTheGiveUpTime() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);
      scenario.reply(DEVICE, SagaScenario::success);

      List<RolloutEvent> deferred = scenario.reply(DEVICE, SagaScenario::ioFailure);
      assertThat(ofType(deferred, DeviceDeferred.class))
          .singleElement()
          .satisfies(d -> assertThat(d.retryStep()).isEqualTo(Step.RESTORE));
      RestoreBackup again =
          dispatched(scenario.tickAt(SagaScenario.T0.plusSeconds(31)), RestoreBackup.class);
      assertThat(again.backupId()).isEqualTo(WANTED);
      assertThat(again.replacedStateBackupId()).isEqualTo(FRESH);

      scenario.now = SagaScenario.T0.plus(Duration.ofHours(2));
      DeviceFinished finished = finish(scenario.reply(DEVICE, SagaScenario::ioFailure));
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.NEEDS_ATTENTION);
      assertThat(finished.reasons())
          .anySatisfy(r -> assertThat(r).contains("kept in backup " + FRESH))
          .anySatisfy(r -> assertThat(r).startsWith("gave up after"));
    }

    @Test
    void aRestoreWithoutAReplyByItsDeadlineNeedsAttentionNamingBothBackups() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);
      scenario.reply(DEVICE, SagaScenario::success);

      List<RolloutEvent> events = scenario.tickAt(SagaScenario.T0.plusSeconds(61));

      assertThat(ofType(events, StepTimedOut.class)).hasSize(1);
      DeviceFinished finished = finish(events);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.NEEDS_ATTENTION);
      assertThat(finished.reasons())
          .anySatisfy(r -> assertThat(r).contains("backup " + WANTED + " was not restored"));
    }

    @Test
    void anAbortBeforeTheBackupAnsweredSkipsTheDeviceWithoutRestoring() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);
      scenario.abort("ops@example.com");

      List<RolloutEvent> events = scenario.reply(DEVICE, SagaScenario::success);

      assertThat(finish(events).outcome()).isEqualTo(DeviceOutcome.SKIPPED);
      assertThat(dispatchedSteps(scenario.log)).doesNotContain(Step.RESTORE);
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.ABORTED);
    }

    @Test
    void anAbortWhileTheRestoreRunsLetsItFinish() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);
      scenario.reply(DEVICE, SagaScenario::success);
      scenario.abort("ops@example.com");

      List<RolloutEvent> events = scenario.reply(DEVICE, SagaScenario::success);

      assertThat(finish(events).outcome()).isEqualTo(DeviceOutcome.DONE);
    }
  }

  @Nested
  class TheRequest {
    @Test
    void seenAgainUnderItsRolloutIdChangesNothing() {
      scenario.startRestore(DEVICE, WANTED.value());

      assertThat(scenario.startRestore(DEVICE, WANTED.value())).isEmpty();
      assertThat(scenario.startRestore(DEVICE, null)).isEmpty();
    }

    @Test
    void aDuplicateReplyChangesNothing() {
      scenario.startRestore(DEVICE, WANTED.value());
      scenario.reply(DEVICE, SagaScenario::success);
      WorkerCommand backup = scenario.pending(DEVICE);
      WorkerReply reply = SagaScenario.success(backup, 900);
      scenario.when(new RolloutInput.Replied(reply));

      assertThat(scenario.when(new RolloutInput.Replied(reply))).isEmpty();
    }

    @Test
    void forADeviceInAnotherActiveRolloutIsRejectedTouchingNothing() {
      FleetSnapshot busy =
          new FleetSnapshot(
              SagaScenario.catalogue(5),
              Map.of(DeviceId.of(DEVICE), List.of("west")),
              Map.of(DeviceId.of(DEVICE), RolloutId.of("r-migrating")));

      List<RolloutEvent> events =
          scenario.when(
              new RolloutInput.Requested(
                  SagaScenario.restoreRequest(SagaScenario.ROLLOUT, DEVICE, WANTED.value()), busy));

      assertThat(types(events)).containsExactly(RolloutRejected.class);
      assertThat(((RolloutRejected) events.get(0)).reasons())
          .singleElement()
          .asString()
          .contains("already in an active rollout")
          .contains("r-migrating");
    }

    @Test
    void forADeviceTheInventoryDoesNotKnowIsRejected() {
      List<RolloutEvent> events =
          scenario.when(
              new RolloutInput.Requested(
                  SagaScenario.restoreRequest(SagaScenario.ROLLOUT, "rv-9", null),
                  SagaScenario.fleet(DEVICE)));

      assertThat(types(events)).containsExactly(RolloutRejected.class);
      assertThat(((RolloutRejected) events.get(0)).reasons())
          .singleElement()
          .asString()
          .contains("rv-9 is not in the device inventory");
    }

    @Test
    void aDeviceBeingRestoredIsBusyForAMigrationUntilItsRestoreEnds() {
      scenario.startRestore(DEVICE, WANTED.value());
      FleetSnapshot restoring =
          new FleetSnapshot(
              SagaScenario.catalogue(5),
              Map.of(DeviceId.of(DEVICE), List.of("west")),
              Map.of(DeviceId.of(DEVICE), SagaScenario.ROLLOUT));
      SagaScenario migration = new SagaScenario(RolloutId.of("r-next"), SagaScenario.T0);

      List<RolloutEvent> events =
          migration.when(
              new RolloutInput.Requested(
                  SagaScenario.request(
                      RolloutId.of("r-next"),
                      dev.flotilla.contracts.request.RolloutPolicy.DEFAULT,
                      DEVICE),
                  restoring));

      assertThat(types(events)).containsExactly(RolloutRejected.class);
    }
  }
}
