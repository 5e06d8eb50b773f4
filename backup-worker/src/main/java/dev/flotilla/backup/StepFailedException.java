package dev.flotilla.backup;

import dev.flotilla.contracts.reply.Failure;

/** A step stopped for a reason it could name; becomes the failure reply as it is. */
final class StepFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Failure failure;

  StepFailedException(Failure failure) {
    super(failure.reason());
    this.failure = failure;
  }

  static StepFailedException of(Failure failure) {
    return new StepFailedException(failure);
  }

  static StepFailedException business(String reason) {
    return new StepFailedException(Failure.business(reason));
  }

  static StepFailedException infrastructure(String reason) {
    return new StepFailedException(Failure.infrastructure(reason));
  }

  Failure failure() {
    return failure;
  }
}
