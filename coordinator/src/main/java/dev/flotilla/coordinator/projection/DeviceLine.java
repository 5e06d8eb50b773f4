package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.ControlRefused;
import dev.flotilla.contracts.event.DeviceDeferred;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.RolloutAborted;
import dev.flotilla.contracts.event.RolloutAccepted;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.event.RolloutFinished;
import dev.flotilla.contracts.event.RolloutHalted;
import dev.flotilla.contracts.event.RolloutPaused;
import dev.flotilla.contracts.event.RolloutRejected;
import dev.flotilla.contracts.event.RolloutResumed;
import dev.flotilla.contracts.event.StepCompleted;
import dev.flotilla.contracts.event.StepDispatched;
import dev.flotilla.contracts.event.StepTimedOut;
import dev.flotilla.contracts.event.WaveApproved;
import dev.flotilla.contracts.event.WaveAwaitingApproval;
import dev.flotilla.contracts.event.WaveStarted;
import dev.flotilla.contracts.id.DeviceId;
import java.util.Optional;

/**
 * What an event about one device says in that device's history.
 *
 * @param step the saga step concerned (its wire name); null for a deferral or the device's end
 * @param result {@code dispatched}, {@code succeeded}, {@code failed}, {@code timed-out}, {@code
 *     deferred}, or the outcome of a finished device
 * @param version the device's schema version after this, when the event says; else null
 */
record DeviceLine(DeviceId device, String step, String result, VersionId version) {

  /** The line of an event about one device; empty for rollout-wide events. */
  static Optional<DeviceLine> of(RolloutEvent event) {
    return event.accept(READER);
  }

  private static final RolloutEvent.Visitor<Optional<DeviceLine>> READER =
      new RolloutEvent.Visitor<>() {
        @Override
        public Optional<DeviceLine> visit(StepDispatched dispatched) {
          return line(
              dispatched.command().deviceId(),
              dispatched.command().step().wireName(),
              "dispatched",
              null);
        }

        @Override
        public Optional<DeviceLine> visit(StepCompleted completed) {
          return line(
              completed.reply().deviceId(),
              completed.reply().step().wireName(),
              completed.reply().succeeded() ? "succeeded" : "failed",
              ReplyFacts.of(completed.reply()).version());
        }

        @Override
        public Optional<DeviceLine> visit(StepTimedOut timedOut) {
          return line(timedOut.deviceId(), timedOut.step().wireName(), "timed-out", null);
        }

        @Override
        public Optional<DeviceLine> visit(DeviceDeferred deferred) {
          return line(deferred.deviceId(), null, "deferred", null);
        }

        @Override
        public Optional<DeviceLine> visit(DeviceFinished finished) {
          return line(finished.deviceId(), null, finished.outcome().name(), finished.version());
        }

        @Override
        public Optional<DeviceLine> visit(RolloutAccepted accepted) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(RolloutRejected rejected) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(WaveStarted started) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(WaveAwaitingApproval awaiting) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(WaveApproved approved) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(RolloutPaused paused) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(RolloutResumed resumed) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(RolloutHalted halted) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(RolloutAborted aborted) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(ControlRefused refused) {
          return Optional.empty();
        }

        @Override
        public Optional<DeviceLine> visit(RolloutFinished finished) {
          return Optional.empty();
        }
      };

  private static Optional<DeviceLine> line(
      DeviceId device, String step, String result, VersionId version) {
    return Optional.of(new DeviceLine(device, step, result, version));
  }
}
