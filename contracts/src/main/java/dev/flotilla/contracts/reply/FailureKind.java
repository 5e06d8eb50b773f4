package dev.flotilla.contracts.reply;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a step failed, which decides what the coordinator does next. */
public enum FailureKind {
  /** The work itself failed on this device's data (a script error, a failed check): compensate. */
  @JsonProperty("business")
  BUSINESS,
  /** The surroundings failed (disk, I/O, a missing file): the device's data was not judged. */
  @JsonProperty("infrastructure")
  INFRASTRUCTURE
}
