package dev.flotilla.devicedb.foreign;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tool's history says, in neutral terms.
 *
 * @param applied the migrations the tool counts as applied, oldest first as the tool orders them
 *     (Flyway and goose by the order they ran, the others by version); the tools that keep only a
 *     current version (golang-migrate, {@code user_version}) give that one entry
 * @param current the version the tool says the database is at, as the tool stores it; empty when it
 *     counts no migration applied
 * @param anomalies what would stop the tool or make it disagree with itself (a dirty or failed
 *     migration, a rolled-back row read two ways), in words; empty for a clean history
 */
public record ForeignHistory(
    ForeignTool tool,
    List<AppliedEntry> applied,
    Optional<String> current,
    List<String> anomalies) {

  public ForeignHistory {
    Objects.requireNonNull(tool, "tool");
    applied = List.copyOf(applied);
    Objects.requireNonNull(current, "current");
    anomalies = List.copyOf(anomalies);
  }

  /** True when nothing in the history would stop the tool: safe to adopt at {@link #current}. */
  public boolean clean() {
    return anomalies.isEmpty();
  }

  /** The applied versions alone, in {@link #applied} order. */
  public List<String> versions() {
    return applied.stream().map(AppliedEntry::version).toList();
  }
}
