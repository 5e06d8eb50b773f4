package dev.flotilla.coordinator.saga;

import static dev.flotilla.coordinator.saga.SagaScenario.devices;
import static dev.flotilla.coordinator.saga.SagaScenario.dispatchedSteps;
import static dev.flotilla.coordinator.saga.SagaScenario.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A device that starts driving between its safety check and its migration. */
class LateDrivingTest {
  private final SagaScenario scenario = new SagaScenario();
  private final RolloutPolicy policy = RolloutPolicy.DEFAULT.withMaxInFlight(1);

  @Test
  void aMigrationRefusedForTheDevicesStateDefersItAndItStartsOverFromItsSafetyCheck() {
    scenario.start(policy, devices(1));
    scenario.reply("rv-01", SagaScenario::success); // safety check
    scenario.reply("rv-01", SagaScenario::success); // backup

    List<RolloutEvent> events = scenario.reply("rv-01", LateDrivingTest::startedDriving);

    assertThat(dispatchedSteps(events)).as("no rollback, no restore: nothing changed").isEmpty();
    DeviceDeferred deferred = ofType(events, DeviceDeferred.class).get(0);
    assertThat(deferred.retryStep()).isNull();
    assertThat(deferred.reasons()).singleElement().asString().contains("unsafe-device-state");
    assertThat(dispatchedSteps(scenario.tickAt(SagaScenario.T0.plusSeconds(30))))
        .containsExactly(Step.SAFETY_CHECK);
    scenario.succeed("rv-01");
    assertThat(scenario.state.counts().done()).isEqualTo(1);
  }

  @Test
  void theRolloutsStateAgeLimitTravelsWithTheSafetyCheckAndTheMigration() {
    scenario.start(policy.withMaxStateAgeSeconds(42), devices(1));
    assertThat(((RunSafetyCheck) scenario.pending("rv-01")).maxStateAgeSeconds()).isEqualTo(42);
    scenario.reply("rv-01", SagaScenario::success);
    scenario.reply("rv-01", SagaScenario::success);

    assertThat(((ApplyMigrations) scenario.pending("rv-01")).maxStateAgeSeconds()).isEqualTo(42);
  }

  /** The migrate step's last look found the vehicle driving: nothing applied. */
  private static WorkerReply startedDriving(WorkerCommand c, int n) {
    return new MigrationFailed(
        SagaScenario.replyId(n),
        c.commandId(),
        c.rolloutId(),
        c.deviceId(),
        c.messageId(),
        SagaScenario.T0,
        VersionId.of(2),
        null,
        new Failure(
            FailureKind.INFRASTRUCTURE,
            "just before migrating, the device was no longer safe: vehicle-moving (the vehicle is"
                + " not parked)",
            Failure.UNSAFE_DEVICE_STATE));
  }
}
