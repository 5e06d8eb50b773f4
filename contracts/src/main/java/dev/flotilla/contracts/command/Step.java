package dev.flotilla.contracts.command;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The steps of a device saga, each executed by a worker listening on its own command topic. */
public enum Step {
  @JsonProperty("safety-check")
  SAFETY_CHECK("safety-check"),
  @JsonProperty("backup")
  BACKUP("backup"),
  @JsonProperty("migrate")
  MIGRATE("migrate"),
  @JsonProperty("verify")
  VERIFY("verify"),
  @JsonProperty("rollback")
  ROLLBACK("rollback"),
  @JsonProperty("restore")
  RESTORE("restore");

  private final String wireName;

  Step(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in topic names and command ids, e.g. {@code safety-check}. */
  public String wireName() {
    return wireName;
  }
}
