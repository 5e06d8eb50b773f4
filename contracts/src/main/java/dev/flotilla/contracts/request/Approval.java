package dev.flotilla.contracts.request;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an operator must approve each wave before it starts, and who may. */
public enum Approval {
  @JsonProperty("none")
  NONE,
  /** Each wave after the first waits for an approval, by anyone with the approver role. */
  @JsonProperty("between-waves")
  BETWEEN_WAVES,
  /**
   * As {@link #BETWEEN_WAVES}, and the approver must not be who asked for the rollout: two people
   * for every wave that goes on.
   */
  @JsonProperty("four-eyes")
  FOUR_EYES;

  /** Whether each wave after the first waits for an approval. */
  public boolean betweenWaves() {
    return this != NONE;
  }

  /** Whether {@code approver} may approve a wave of a rollout {@code requester} asked for. */
  public boolean allows(String approver, String requester) {
    return this != FOUR_EYES || !approver.equals(requester);
  }
}
