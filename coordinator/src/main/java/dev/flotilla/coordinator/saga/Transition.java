package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.MessageId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a device does next after a reply or a timeout: one cell of the device saga's table ({@link
 * DeviceSteps}, and the table beside the saga's diagram in the README).
 */
sealed interface Transition {
  /** Writes the events of this transition for {@code saga}, caused by {@code cause}. */
  void take(DeviceSaga saga, MessageId cause, Decision decision);

  /** What this transition becomes when it ends a wait that went on too long. */
  default Transition afterGivingUp(String why) {
    return this;
  }

  /** Sends the device's next command. */
  record Dispatch(Step step) implements Transition {
    @Override
    public void take(DeviceSaga saga, MessageId cause, Decision decision) {
      decision.dispatch(saga, step, cause);
    }
  }

  /**
   * Awaits the reply of {@code command}, which the answered command {@code carriedBy} took to its
   * worker: recorded as dispatched, nothing sent.
   */
  record AwaitCarried(WorkerCommand command, CommandId carriedBy) implements Transition {
    @Override
    public void take(DeviceSaga saga, MessageId cause, Decision decision) {
      decision.dispatchCarried(command, carriedBy, cause);
    }
  }

  /** Ends the device's saga; {@code reasons} are added to the problems it met on its way. */
  record Finish(DeviceOutcome outcome, List<String> reasons) implements Transition {
    public Finish {
      reasons = List.copyOf(reasons);
    }

    @Override
    public void take(DeviceSaga saga, MessageId cause, Decision decision) {
      decision.finish(saga, outcome, cause, reasons.toArray(String[]::new));
    }

    /** The device ends as it would have without waiting, and says how long it waited. */
    @Override
    public Transition afterGivingUp(String why) {
      List<String> more = new ArrayList<>(reasons);
      more.add(why);
      return new Finish(outcome, more);
    }
  }

  /**
   * The device waits, for transient {@code reasons}, and takes up {@code retryStep} later (null:
   * starts over from its safety check); past the policy's give-up time it takes {@code giveUp}.
   */
  record Defer(List<String> reasons, Step retryStep, Transition giveUp) implements Transition {
    public Defer {
      reasons = List.copyOf(reasons);
    }

    @Override
    public void take(DeviceSaga saga, MessageId cause, Decision decision) {
      DeviceSteps.retryLater(saga, cause, this, decision);
    }
  }
}
