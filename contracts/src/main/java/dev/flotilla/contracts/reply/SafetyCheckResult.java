package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.command.Step;

/** The reply to a {@code SAFETY_CHECK} command. */
public sealed interface SafetyCheckResult extends WorkerReply
    permits SafetyCheckPassed, SafetyCheckFailed {
  @Override
  default Step step() {
    return Step.SAFETY_CHECK;
  }
}
