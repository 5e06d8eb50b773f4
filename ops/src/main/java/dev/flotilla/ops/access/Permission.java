package dev.flotilla.ops.access;

/** What a request does, as far as who may send it goes. */
public enum Permission {
  /** Reads rollouts, devices, the audit and the event streams. */
  READ,
  /** Creates, pauses and resumes rollouts. */
  OPERATE,
  /** Approves a rollout's next wave. */
  APPROVE,
  /** Aborts rollouts, restores devices, issues tokens. */
  ADMINISTER
}
