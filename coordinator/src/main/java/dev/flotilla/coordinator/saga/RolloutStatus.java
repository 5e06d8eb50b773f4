package dev.flotilla.coordinator.saga;

/**
 * Where a rollout as a whole stands: the one word for it that the decider steers by and that people
 * see (the HTTP API, {@code flotilla status}); the names are part of the public surface. {@link
 * RolloutStanding} folds it from the events.
 */
public enum RolloutStatus {
  /** No event yet: the rollout id is unused. */
  NEW,
  RUNNING,
  /** An operator paused it: no device starts; those in flight finish. */
  PAUSED,
  /** The failure threshold stopped it until an operator resumes it. */
  HALTED,
  /** A wave waits for an operator's approval. */
  AWAITING_APPROVAL,
  /** Every device has ended. */
  FINISHED,
  /** The request was refused; no device was touched. */
  REJECTED,
  /** Stopped for good: devices not begun were skipped. It stays aborted when its last one ends. */
  ABORTED
}
