package dev.flotilla.contracts.event;

/** Where a device saga ends. Every device of a rollout ends in exactly one of these. */
public enum DeviceOutcome {
  /** At the target version, verified. */
  DONE,
  /** A step failed before the database was changed; the database is untouched. */
  FAILED,
  /** Returned to its original version with its data intact (undo scripts or a restore). */
  ROLLED_BACK,
  /** Never started: not safe to migrate, for the reasons given. The database is untouched. */
  SKIPPED,
  /** Could not be brought back automatically; the named backup holds its data. */
  NEEDS_ATTENTION
}
