package dev.flotilla.contracts.catalogue;

import dev.flotilla.contracts.id.MigrationSetId;
import java.util.List;

/**
 * The migrate scripts V1..V{@code toVersion} of one set, in order: what a device at {@code
 * toVersion} has had applied. Version 0 is the empty chain.
 */
public record MigrationChain(MigrationSetId set, int toVersion, List<MigrationScript> scripts) {
  public MigrationChain {
    scripts = List.copyOf(scripts);
    if (scripts.size() != toVersion) {
      throw new IllegalArgumentException(
          "a chain to V" + toVersion + " has " + toVersion + " scripts, not " + scripts.size());
    }
    for (int i = 0; i < scripts.size(); i++) {
      MigrationScript script = scripts.get(i);
      if (script.kind() != ScriptKind.MIGRATE
          || script.version() != i + 1
          || !script.migrationSet().equals(set)) {
        throw new IllegalArgumentException(
            "script " + script.key() + " cannot be at position " + (i + 1) + " of " + set);
      }
    }
  }

  /** The scripts a device at {@code currentVersion} still needs, in the order to apply them. */
  public List<MigrationScript> pendingAfter(int currentVersion) {
    return scripts.subList(Math.min(Math.max(currentVersion, 0), toVersion), toVersion);
  }

  /** The migrate script of {@code version}, which must be in this chain. */
  public MigrationScript script(int version) {
    return scripts.get(version - 1);
  }

  /** Tells chains apart by content, not just by name: a re-pushed script is another chain. */
  public String identity() {
    StringBuilder identity = new StringBuilder(set.value());
    scripts.forEach(script -> identity.append('/').append(script.sha256()));
    return identity.toString();
  }

  /** For messages: {@code coachiq V1..V5}. */
  public String label() {
    return set + (toVersion == 0 ? " (no versions)" : " V1..V" + toVersion);
  }
}
