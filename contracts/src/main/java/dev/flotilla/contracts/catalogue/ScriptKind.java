package dev.flotilla.contracts.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The three kinds of file in a migration set folder, told apart by their Flyway-style prefix. */
public enum ScriptKind {
  /** {@code V<n>__desc.sql}: brings the schema from version n-1 to n. */
  @JsonProperty("migrate")
  MIGRATE("V"),
  /** {@code U<n>__desc.sql}: undoes version n. */
  @JsonProperty("undo")
  UNDO("U"),
  /** {@code C<n>__desc.sql}: queries that must return no rows once version n is applied. */
  @JsonProperty("verify")
  VERIFY("C"),
  /**
   * {@code P<n>__desc.sql}: pre-flight queries run by the safety check on the database as it is
   * before a rollout that would apply version n; every row they return is a reason not to start
   * (e.g. the duplicates a new UNIQUE index of version n would fail on).
   */
  @JsonProperty("probe")
  PROBE("P");

  private final String prefix;

  ScriptKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }
}
