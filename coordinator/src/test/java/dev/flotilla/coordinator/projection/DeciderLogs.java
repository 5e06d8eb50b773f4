package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.Approval;
import dev.flotilla.contracts.request.OnThreshold;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.coordinator.saga.SagaScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Logs written by the real decider, for the folds that read them: what they are fed is what the
 * coordinator writes, never an event sequence made up by hand.
 */
final class DeciderLogs {
  static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  /** Two waves, the second after approval; one device at a time; at most one failure in two. */
  static final RolloutPolicy TWO_WAVES =
      RolloutPolicy.DEFAULT
          .withWaves(List.of(50, 100))
          .withApproval(Approval.BETWEEN_WAVES)
          .withMaxInFlight(2)
          .withStepTimeoutSeconds(60)
          .withFailureThreshold(0.5, OnThreshold.HALT);

  private DeciderLogs() {}

  static SagaScenario scenario(String rolloutId) {
    return new SagaScenario(RolloutId.of(rolloutId), T0);
  }

  /**
   * A rollout that meets every rollout-wide event: a deferral, a pause refused and resumed, a step
   * timed out, an approved wave, a halt, an abort, and its end.
   */
  static SagaScenario eventful(String rolloutId) {
    SagaScenario s = scenario(rolloutId);
    s.start(TWO_WAVES, "rv-1", "rv-2", "rv-3", "rv-4");
    s.later(Duration.ofSeconds(1));
    s.reply("rv-1", SagaScenario::moving); // deferred: the vehicle is moving
    s.succeed("rv-2");
    s.pause("ops@example.com");
    s.pause("ops@example.com"); // refused: already paused
    s.resume("ops@example.com");
    s.tickAt(s.now.plusSeconds(31)); // rv-1 is due: its safety check again
    s.reply("rv-1", SagaScenario::success); // safe: its backup is sent, and never answered
    s.tickAt(s.now.plusSeconds(61)); // the backup timed out: rv-1 failed; wave 2 awaits approval
    s.approve(2, "lead@example.com");
    s.reply("rv-3", SagaScenario::success);
    s.reply("rv-3", SagaScenario::failure); // its backup failed: two failures in three, halted
    s.abort("ops@example.com");
    s.reply("rv-4", SagaScenario::success); // safe, but the rollout was aborted: skipped
    return s;
  }

  /** A request refused, then corrected under the same rollout id and carried through. */
  static SagaScenario rejectedThenCorrected(String rolloutId) {
    SagaScenario s = scenario(rolloutId);
    s.requestUnknown("rv-9");
    s.later(Duration.ofMinutes(1));
    s.start(RolloutPolicy.DEFAULT.withStepTimeoutSeconds(60), "rv-1");
    s.succeed("rv-1");
    return s;
  }
}
