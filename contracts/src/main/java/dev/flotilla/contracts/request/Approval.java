package dev.flotilla.contracts.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an operator must approve each wave before it starts. */
public enum Approval {
  @JsonProperty("none")
  NONE,
  @JsonProperty("between-waves")
  BETWEEN_WAVES
}
