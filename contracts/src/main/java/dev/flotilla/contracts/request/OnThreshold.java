package dev.flotilla.contracts.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a rollout does when its failure rate crosses the threshold. */
public enum OnThreshold {
  /** Start no new devices; the ones in flight finish. */
  @JsonProperty("halt")
  HALT,
  /** Halt, and roll back the devices already migrated. */
  @JsonProperty("rollback")
  ROLLBACK
}
