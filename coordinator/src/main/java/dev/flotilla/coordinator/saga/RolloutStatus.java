package dev.flotilla.coordinator.saga;

/** The life of a rollout as a whole. */
public enum RolloutStatus {
  /** No event yet: the rollout id is unused. */
  NEW,
  REJECTED,
  RUNNING,
  FINISHED
}
