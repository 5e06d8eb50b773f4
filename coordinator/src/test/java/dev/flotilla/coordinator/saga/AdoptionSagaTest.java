package dev.flotilla.coordinator.saga;

import static dev.flotilla.coordinator.saga.SagaScenario.devices;
import static dev.flotilla.coordinator.saga.SagaScenario.dispatchedSteps;
import static dev.flotilla.coordinator.saga.SagaScenario.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Databases without Flotilla's history: what the rollout tells the workers, and their refusals. */
class AdoptionSagaTest {
  private final SagaScenario scenario = new SagaScenario();
  private final RolloutPolicy policy = RolloutPolicy.DEFAULT.withMaxInFlight(1);

  @Test
  void theRolloutsAdoptionPolicyTravelsWithTheSafetyCheckAndTheMigration() {
    scenario.start(policy.withAdoptExisting(false), devices(1));
    assertThat(((RunSafetyCheck) scenario.pending("rv-01")).adopt()).isFalse();
    scenario.reply("rv-01", SagaScenario::success);
    scenario.reply("rv-01", SagaScenario::success);

    assertThat(((ApplyMigrations) scenario.pending("rv-01")).adopt()).isFalse();
  }

  @Test
  void byDefaultTheWorkersAdopt() {
    scenario.start(policy, devices(1));

    assertThat(((RunSafetyCheck) scenario.pending("rv-01")).adopting()).isTrue();
  }

  @Test
  void anUnknownSchemaAtTheSafetyCheckSkipsTheDevice() {
    scenario.start(policy, devices(1));

    List<RolloutEvent> events = scenario.reply("rv-01", AdoptionSagaTest::unknownSchemaCheck);

    assertThat(ofType(events, DeviceFinished.class))
        .singleElement()
        .satisfies(finished -> assertThat(finished.outcome()).isEqualTo(DeviceOutcome.SKIPPED));
  }

  @Test
  void aMigrationRefusingAnAdoptedDatabaseThatChangedFailsItUntouched() {
    scenario.start(policy, devices(1));
    scenario.reply("rv-01", SagaScenario::success); // safety check
    scenario.reply("rv-01", SagaScenario::success); // backup

    List<RolloutEvent> events = scenario.reply("rv-01", AdoptionSagaTest::changedSinceItsCheck);

    assertThat(dispatchedSteps(events)).as("no rollback, no restore: nothing changed").isEmpty();
    assertThat(ofType(events, DeviceFinished.class))
        .singleElement()
        .satisfies(finished -> assertThat(finished.outcome()).isEqualTo(DeviceOutcome.FAILED));
  }

  private static WorkerReply unknownSchemaCheck(WorkerCommand c, int n) {
    return new SafetyCheckFailed(
        SagaScenario.replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        SagaScenario.T0,
        List.of(
            SafetyReason.permanent(
                Failure.UNKNOWN_SCHEMA,
                "schema matches no version of set coachiq; closest is V3 (1 difference)")));
  }

  private static WorkerReply changedSinceItsCheck(WorkerCommand c, int n) {
    return new MigrationFailed(
        SagaScenario.replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        SagaScenario.T0,
        VersionId.ZERO,
        null,
        new Failure(
            FailureKind.BUSINESS,
            "the database has no Flotilla history and its version cannot be told: ...; nothing"
                + " was applied",
            Failure.UNKNOWN_SCHEMA));
  }
}
