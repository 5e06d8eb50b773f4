package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.command.Step;

/** The reply to a {@code VERIFY} command. */
public sealed interface VerifyResult extends WorkerReply
    permits VerificationPassed, VerificationFailed {
  @Override
  default Step step() {
    return Step.VERIFY;
  }
}
