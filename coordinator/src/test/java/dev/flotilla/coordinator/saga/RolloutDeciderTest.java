package dev.flotilla.coordinator.saga;

import static dev.flotilla.coordinator.saga.SagaScenario.dispatchedSteps;
import static dev.flotilla.coordinator.saga.SagaScenario.types;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.VerifyMigration;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.control.RejectRequest;
import dev.flotilla.contracts.device.RowBaseline;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.request.UpdateRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RolloutDeciderTest {
  private final SagaScenario scenario = new SagaScenario();

  private DeviceFinished lastFinish(List<RolloutEvent> events) {
    return events.stream()
        .filter(DeviceFinished.class::isInstance)
        .map(DeviceFinished.class::cast)
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no DeviceFinished in " + types(events)));
  }

  @Nested
  class Requests {
    /**
     * Judged where every request is judged, an acceptance starts nothing: the rollout's own
     * coordinator starts it once it has the acceptance, and only once.
     */
    @Test
    void anAcceptanceStartsNothingTheAdmissionStartsTheFirstWaveOnce() {
      RolloutState initial = scenario.state;
      List<RolloutEvent> judged =
          RolloutDecider.decide(
              new RolloutInput.Requested(
                  SagaScenario.request(2, "rv-1", "rv-2"), SagaScenario.fleet("rv-1", "rv-2")),
              initial,
              SagaScenario.T0);
      assertThat(types(judged)).containsExactly(RolloutAccepted.class);
      RolloutAccepted accepted = (RolloutAccepted) judged.get(0);

      RolloutState owned = RolloutDecider.admitted(initial, accepted);
      List<RolloutEvent> started =
          RolloutDecider.decide(new RolloutInput.Admitted(accepted), owned, SagaScenario.T0);
      assertThat(dispatchedSteps(started)).containsExactly(Step.SAFETY_CHECK, Step.SAFETY_CHECK);
      assertThat(started.get(0).sequence()).isEqualTo(accepted.sequence() + 1);

      for (RolloutEvent event : started) {
        owned = RolloutDecider.evolve(owned, event);
      }
      // Read back from the log after a restart, then announced again: folded once, started once.
      assertThat(RolloutDecider.admitted(owned, accepted)).isSameAs(owned);
      assertThat(RolloutDecider.decide(new RolloutInput.Admitted(accepted), owned, SagaScenario.T0))
          .isEmpty();
    }

    @Test
    void anAcceptedRequestStartsSafetyChecksUpToMaxInFlight() {
      List<RolloutEvent> events = scenario.start(2, "rv-1", "rv-2", "rv-3");

      assertThat(events.get(0)).isInstanceOf(RolloutAccepted.class);
      assertThat(dispatchedSteps(events)).containsExactly(Step.SAFETY_CHECK, Step.SAFETY_CHECK);
      assertThat(scenario.state.inFlight()).isEqualTo(2);
      assertThat(events).extracting(RolloutEvent::sequence).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aRequestForAnUnknownSetIsRejectedAndStartsNothing() {
      UpdateRequest request = SagaScenario.request(5, "rv-1");
      UpdateRequest unknownSet =
          new UpdateRequest(
              request.rolloutId(),
              MigrationSetId.of("nope"),
              VersionId.of(5),
              request.selector(),
              request.policy(),
              request.requestedBy(),
              request.messageId(),
              request.occurredAt());

      List<RolloutEvent> events =
          scenario.when(new RolloutInput.Requested(unknownSet, SagaScenario.fleet("rv-1")));

      assertThat(types(events)).containsExactly(RolloutRejected.class);
      assertThat(((RolloutRejected) events.get(0)).reasons())
          .singleElement()
          .asString()
          .contains("'nope' is not in the catalogue");
    }

    @Test
    void aRejectionListsEveryProblemAtOnce() {
      UpdateRequest request = SagaScenario.request(5, "rv-1", "rv-9");
      UpdateRequest tooFar =
          new UpdateRequest(
              request.rolloutId(),
              request.migrationSet(),
              VersionId.of(7),
              request.selector(),
              request.policy(),
              request.requestedBy(),
              request.messageId(),
              request.occurredAt());

      List<RolloutEvent> events =
          scenario.when(new RolloutInput.Requested(tooFar, SagaScenario.fleet("rv-1")));

      assertThat(((RolloutRejected) events.get(0)).reasons())
          .anySatisfy(r -> assertThat(r).contains("has no version 7"))
          .anySatisfy(r -> assertThat(r).contains("not in the device inventory: [rv-9]"));
    }

    @Test
    void anUnreadableRequestIsRejectedWithItsReason() {
      RejectRequest unreadable =
          new RejectRequest(
              scenario.state.rolloutId(),
              List.of("policy.maxInFlite: is not a field of RolloutPolicy"),
              "ops@example.com",
              MessageId.random(),
              SagaScenario.T0);

      List<RolloutEvent> events = scenario.when(new RolloutInput.Controlled(unreadable));

      assertThat(types(events)).containsExactly(RolloutRejected.class);
      RolloutRejected rejected = (RolloutRejected) events.get(0);
      assertThat(rejected.reasons())
          .containsExactly(
              "unreadable request: policy.maxInFlite: is not a field of RolloutPolicy");
      assertThat(rejected.requestedBy()).isEqualTo("ops@example.com");
      // Fixed and published again under the same id, the request is judged afresh.
      assertThat(scenario.start(5, "rv-1").get(0)).isInstanceOf(RolloutAccepted.class);
    }

    @Test
    void anUnreadableCopyOfAnAcceptedRequestChangesNothing() {
      scenario.start(5, "rv-1");
      RejectRequest unreadable =
          new RejectRequest(
              scenario.state.rolloutId(),
              List.of("garbled"),
              null,
              MessageId.random(),
              SagaScenario.T0);

      assertThat(scenario.when(new RolloutInput.Controlled(unreadable))).isEmpty();
      assertThat(scenario.state.running()).isTrue();
    }

    @Test
    void theSameRequestTwiceChangesNothingTheSecondTime() {
      scenario.start(5, "rv-1");

      assertThat(scenario.start(5, "rv-1")).isEmpty();
    }

    @Test
    void aRolloutOfAllDevicesTakesTheWholeInventoryInOrder() {
      UpdateRequest request = SagaScenario.request(5, "rv-1");
      UpdateRequest all =
          new UpdateRequest(
              request.rolloutId(),
              request.migrationSet(),
              VersionId.of(5),
              dev.flotilla.contracts.request.Selector.everyDevice(),
              request.policy(),
              request.requestedBy(),
              request.messageId(),
              request.occurredAt());

      List<RolloutEvent> events =
          scenario.when(new RolloutInput.Requested(all, SagaScenario.fleet("rv-2", "rv-1")));

      assertThat(((RolloutAccepted) events.get(0)).devices())
          .containsExactly(DeviceId.of("rv-1"), DeviceId.of("rv-2"));
    }
  }

  @Nested
  class TheHappyPath {
    @Test
    void eachSuccessLeadsToTheNextStepAndTheDeviceEndsDone() {
      scenario.start(1, "rv-1");

      assertThat(dispatchedSteps(scenario.reply("rv-1", SagaScenario::success)))
          .containsExactly(Step.BACKUP);
      assertThat(dispatchedSteps(scenario.reply("rv-1", SagaScenario::success)))
          .containsExactly(Step.MIGRATE);
      assertThat(dispatchedSteps(scenario.reply("rv-1", SagaScenario::success)))
          .containsExactly(Step.VERIFY);
      List<RolloutEvent> last = scenario.reply("rv-1", SagaScenario::success);

      assertThat(types(last))
          .containsExactly(StepCompleted.class, DeviceFinished.class, RolloutFinished.class);
      DeviceFinished finished = lastFinish(last);
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.DONE);
      assertThat(finished.version()).isEqualTo(VersionId.of(5));
      assertThat(finished.backupId()).isEqualTo(BackupId.of("rv-1-b1"));
      assertThat(((RolloutFinished) last.get(2)).counts())
          .isEqualTo(new RolloutCounts(1, 0, 0, 0, 0));
    }

    @Test
    void aFinishedDeviceFreesItsSlotForTheNextOne() {
      scenario.start(1, "rv-1", "rv-2");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);

      List<RolloutEvent> events = scenario.reply("rv-1", SagaScenario::success);

      assertThat(dispatchedSteps(events)).containsExactly(Step.SAFETY_CHECK);
      assertThat(
              events.stream()
                  .filter(StepDispatched.class::isInstance)
                  .map(e -> ((StepDispatched) e).command().deviceId()))
          .containsExactly(DeviceId.of("rv-2"));
    }

    @Test
    void theRolloutFinishesOnlyWhenEveryDeviceHasEnded() {
      scenario.start(2, "rv-1", "rv-2", "rv-3");
      scenario.succeed("rv-1");
      scenario.succeed("rv-2");
      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.RUNNING);

      scenario.succeed("rv-3");

      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.FINISHED);
      assertThat(scenario.state.counts().done()).isEqualTo(3);
    }
  }

  @Nested
  class FailuresAndCompensation {
    @Test
    void anUnsafeDeviceIsSkippedWithEveryReason() {
      scenario.start(1, "rv-1");

      DeviceFinished finished = lastFinish(scenario.reply("rv-1", SagaScenario::failure));

      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.SKIPPED);
      assertThat(finished.reasons())
          .singleElement()
          .asString()
          .contains("corrupt-database")
          .contains("vehicle-moving");
    }

    @Test
    void aFailedBackupFailsTheDeviceUntouched() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);

      DeviceFinished finished = lastFinish(scenario.reply("rv-1", SagaScenario::failure));

      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.FAILED);
      assertThat(finished.version()).isEqualTo(VersionId.of(2));
      assertThat(finished.reasons())
          .containsExactly("backup: backup-unsound: the test restore failed its checks");
    }

    @Test
    void aFailedMigrationIsRolledBackToTheSourceVersion() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);

      List<RolloutEvent> events = scenario.reply("rv-1", SagaScenario::failure);

      assertThat(dispatchedSteps(events)).containsExactly(Step.ROLLBACK);
      assertThat(((RollbackMigrations) scenario.pending("rv-1")).toVersion())
          .isEqualTo(VersionId.of(2));

      DeviceFinished finished = lastFinish(scenario.reply("rv-1", SagaScenario::success));
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.ROLLED_BACK);
      assertThat(finished.version()).isEqualTo(VersionId.of(2));
      assertThat(finished.reasons()).containsExactly("migrate: migrate broke");
    }

    @Test
    void aFailedRollbackRestoresTheBackup() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::failure);

      scenario.reply("rv-1", SagaScenario::failure);

      WorkerCommand restore = scenario.pending("rv-1");
      assertThat(restore).isInstanceOf(RestoreBackup.class);
      assertThat(((RestoreBackup) restore).backupId()).isEqualTo(BackupId.of("rv-1-b1"));
      assertThat(((RestoreBackup) restore).sha256()).isEqualTo(SagaScenario.SHA);
      assertThat(lastFinish(scenario.reply("rv-1", SagaScenario::success)).outcome())
          .isEqualTo(DeviceOutcome.ROLLED_BACK);
    }

    @Test
    void aMigrationCarriesItsVerificationWhichIsAwaitedWithoutBeingSentAgain() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      ApplyMigrations migrate = (ApplyMigrations) scenario.pending("rv-1");
      VerifyMigration carried = migrate.verifyAfter();
      assertThat(carried).isNotNull();
      assertThat(carried.commandId().value()).endsWith("/rv-1/verify/4");
      assertThat(carried.rowBaseline())
          .isEqualTo(new RowBaseline(VersionId.of(2), SagaScenario.ROWS));

      List<RolloutEvent> applied = scenario.reply("rv-1", SagaScenario::success);

      StepDispatched verify = SagaScenario.ofType(applied, StepDispatched.class).get(0);
      assertThat(verify.command()).isEqualTo(carried);
      assertThat(verify.carriedBy()).isEqualTo(migrate.commandId());
      assertThat(verify.sentOnItsOwn()).isFalse();
      assertThat(scenario.pending("rv-1")).isEqualTo(carried);
      assertThat(lastFinish(scenario.reply("rv-1", SagaScenario::success)).outcome())
          .isEqualTo(DeviceOutcome.DONE);
    }

    @Test
    void verifyComparesTheDeviceWithTheRowsItsBackupHeld() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);

      VerifyMigration verify = (VerifyMigration) scenario.pending("rv-1");
      assertThat(verify.rowBaseline())
          .isEqualTo(new RowBaseline(VersionId.of(2), SagaScenario.ROWS));
    }

    @Test
    void aMigrationThatCommittedALossIsRestoredNotRolledBack() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);

      assertThat(dispatchedSteps(scenario.reply("rv-1", SagaScenario::committedFailure)))
          .containsExactly(Step.RESTORE);
      DeviceFinished finished = lastFinish(scenario.reply("rv-1", SagaScenario::success));
      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.ROLLED_BACK);
      assertThat(finished.reasons()).anyMatch(reason -> reason.contains("messages: 1200 rows → 0"));
    }

    @Test
    void aFailedVerificationRestoresTheBackup() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);

      assertThat(dispatchedSteps(scenario.reply("rv-1", SagaScenario::failure)))
          .containsExactly(Step.RESTORE);
    }

    @Test
    void aFailedRestoreNeedsAttentionAndNamesTheBackup() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::failure);

      DeviceFinished finished = lastFinish(scenario.reply("rv-1", SagaScenario::failure));

      assertThat(finished.outcome()).isEqualTo(DeviceOutcome.NEEDS_ATTENTION);
      assertThat(finished.backupId()).isEqualTo(BackupId.of("rv-1-b1"));
      assertThat(finished.version()).isNull();
      assertThat(finished.reasons()).hasSize(2);
    }

    @Test
    void oneDeviceFailingDoesNotStopTheOthers() {
      scenario.start(2, "rv-1", "rv-2");
      scenario.reply("rv-1", SagaScenario::failure);
      scenario.succeed("rv-2");

      assertThat(scenario.state.status()).isEqualTo(RolloutStatus.FINISHED);
      assertThat(scenario.state.counts()).isEqualTo(new RolloutCounts(1, 0, 0, 1, 0));
    }
  }

  @Nested
  class RepliesThatDoNotMatch {
    @Test
    void aDuplicateReplyChangesNothing() {
      scenario.start(1, "rv-1");
      WorkerCommand check = scenario.pending("rv-1");
      var reply = SagaScenario.success(check, 1);
      scenario.when(new RolloutInput.Replied(reply));

      assertThat(scenario.when(new RolloutInput.Replied(reply))).isEmpty();
    }

    @Test
    void aReplyToAStepThatTimedOutIsIgnored() {
      scenario.start(1, "rv-1");
      WorkerCommand check = scenario.pending("rv-1");
      scenario.now = check.deadline();
      scenario.when(new RolloutInput.Ticked());

      assertThat(scenario.when(new RolloutInput.Replied(SagaScenario.success(check, 1)))).isEmpty();
    }
  }

  @Nested
  class Deadlines {
    @Test
    void nothingTimesOutBeforeItsDeadline() {
      scenario.start(1, "rv-1");
      scenario.now = scenario.pending("rv-1").deadline().minusMillis(1);

      assertThat(scenario.when(new RolloutInput.Ticked())).isEmpty();
    }

    @Test
    void aTimedOutSafetyCheckSkipsTheDevice() {
      scenario.start(1, "rv-1");
      scenario.now = scenario.pending("rv-1").deadline();

      List<RolloutEvent> events = scenario.when(new RolloutInput.Ticked());

      assertThat(types(events))
          .containsExactly(StepTimedOut.class, DeviceFinished.class, RolloutFinished.class);
      assertThat(lastFinish(events).outcome()).isEqualTo(DeviceOutcome.SKIPPED);
      assertThat(lastFinish(events).reasons())
          .containsExactly("safety-check: timed out without a reply");
    }

    @Test
    void aTimedOutBackupFailsTheDevice() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.now = scenario.pending("rv-1").deadline();

      assertThat(lastFinish(scenario.when(new RolloutInput.Ticked())).outcome())
          .isEqualTo(DeviceOutcome.FAILED);
    }

    @Test
    void aTimedOutMigrationIsRolledBackBecauseItMayHaveSucceeded() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.now = scenario.pending("rv-1").deadline();

      assertThat(dispatchedSteps(scenario.when(new RolloutInput.Ticked())))
          .containsExactly(Step.ROLLBACK);
    }

    @Test
    void aTimedOutVerificationOrRollbackRestores() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.now = scenario.pending("rv-1").deadline();
      assertThat(dispatchedSteps(scenario.when(new RolloutInput.Ticked())))
          .containsExactly(Step.RESTORE);

      scenario.now = scenario.pending("rv-1").deadline();
      List<RolloutEvent> events = scenario.when(new RolloutInput.Ticked());
      assertThat(lastFinish(events).outcome()).isEqualTo(DeviceOutcome.NEEDS_ATTENTION);
    }

    @Test
    void aTimedOutRollbackRestores() {
      scenario.start(1, "rv-1");
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::success);
      scenario.reply("rv-1", SagaScenario::failure);
      scenario.now = scenario.pending("rv-1").deadline();

      assertThat(dispatchedSteps(scenario.when(new RolloutInput.Ticked())))
          .containsExactly(Step.RESTORE);
    }

    @Test
    void deadlinesComeFromThePolicy() {
      scenario.start(1, "rv-1");

      assertThat(scenario.pending("rv-1").deadline()).isEqualTo(SagaScenario.T0.plusSeconds(60));
    }
  }

  @Nested
  class TheLogIsTheTruth {
    @Test
    void replayingTheLogGivesTheLiveState() {
      scenario.start(2, "rv-1", "rv-2", "rv-3");
      scenario.succeed("rv-1");
      scenario.reply("rv-2", SagaScenario::success);
      scenario.reply("rv-2", SagaScenario::failure);
      scenario.reply("rv-3", SagaScenario::success);

      RolloutState replayed = RolloutState.initial(SagaScenario.ROLLOUT);
      for (RolloutEvent event : scenario.log) {
        replayed = RolloutDecider.evolve(replayed, event);
      }

      assertThat(replayed).isEqualTo(scenario.state);
    }

    @Test
    void decidingTwiceFromTheSameStateGivesTheSameEvents() {
      scenario.start(3, "rv-1", "rv-2");
      var input = new RolloutInput.Replied(SagaScenario.success(scenario.pending("rv-1"), 7));

      assertThat(RolloutDecider.decide(input, scenario.state, scenario.now))
          .isEqualTo(RolloutDecider.decide(input, scenario.state, scenario.now));
    }

    @Test
    void sequencesHaveNoGapsOrDuplicates() {
      scenario.start(2, "rv-1", "rv-2", "rv-3");
      scenario.succeed("rv-1");
      scenario.succeed("rv-2");
      scenario.succeed("rv-3");

      assertThat(scenario.log)
          .extracting(RolloutEvent::sequence)
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, scenario.log.size()).boxed().toList());
      assertThat(Map.of("done", scenario.state.counts().done())).containsEntry("done", 3);
    }
  }
}
