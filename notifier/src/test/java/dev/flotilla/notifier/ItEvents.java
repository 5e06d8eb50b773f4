package dev.flotilla.notifier;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutCounts;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Fresh events of one rollout for the integration tests: every one a new message id. */
final class ItEvents {
  private final RolloutId rollout;
  private long sequence;

  private ItEvents(RolloutId rollout) {
    this.rollout = rollout;
  }

  /** The events of a rollout no other test uses. */
  static ItEvents newRollout() {
    return new ItEvents(RolloutId.of("r-it-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  RolloutId rollout() {
    return rollout;
  }

  RolloutAccepted accepted() {
    return new RolloutAccepted(
        MessageId.random(),
        rollout,
        ++sequence,
        MessageId.random(),
        now(),
        MigrationSetId.of("coachiq"),
        VersionId.of(5),
        List.of(DeviceId.of("rv-0001"), DeviceId.of("rv-0002")),
        RolloutPolicy.DEFAULT,
        "ops@example.com");
  }

  StepDispatched dispatched(String device) {
    MessageId eventId = MessageId.random();
    RunSafetyCheck command =
        new RunSafetyCheck(
            MessageId.random(),
            CommandId.of("c-" + UUID.randomUUID()),
            rollout,
            DeviceId.of(device),
            eventId,
            now(),
            now().plusSeconds(300),
            MigrationSetId.of("coachiq"),
            VersionId.of(5),
            false);
    return new StepDispatched(eventId, rollout, ++sequence, MessageId.random(), now(), command);
  }

  WaveAwaitingApproval awaitingApproval(int wave) {
    return new WaveAwaitingApproval(
        MessageId.random(), rollout, ++sequence, MessageId.random(), now(), wave);
  }

  DeviceFinished deviceFinished(String device, DeviceOutcome outcome) {
    return new DeviceFinished(
        MessageId.random(),
        rollout,
        ++sequence,
        MessageId.random(),
        now(),
        DeviceId.of(device),
        outcome,
        VersionId.of(5),
        null,
        List.of());
  }

  RolloutHalted halted() {
    return new RolloutHalted(
        MessageId.random(),
        rollout,
        ++sequence,
        MessageId.random(),
        now(),
        0.5,
        0.05,
        OnThreshold.HALT);
  }

  RolloutAborted aborted(String reason) {
    return new RolloutAborted(
        MessageId.random(),
        rollout,
        ++sequence,
        MessageId.random(),
        now(),
        "ops@example.com",
        reason);
  }

  RolloutFinished finished() {
    return new RolloutFinished(
        MessageId.random(),
        rollout,
        ++sequence,
        MessageId.random(),
        now(),
        new RolloutCounts(1, 0, 0, 0, 1));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
