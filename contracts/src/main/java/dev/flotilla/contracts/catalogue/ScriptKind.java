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
  VERIFY("C");

  private final String prefix;

  ScriptKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }
}
