package dev.flotilla.contracts.catalogue;

import dev.flotilla.contracts.id.MigrationSetId;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The migrate scripts of one set up to {@code toVersion}, in version order: what a device at {@code
 * toVersion} has had applied. Versions need not be consecutive ({@code 1, 1.1, 3}); {@link
 * VersionId#ZERO} is the empty chain.
 */
public record MigrationChain(
    MigrationSetId set, VersionId toVersion, List<MigrationScript> scripts) {
  public MigrationChain {
    scripts = List.copyOf(scripts);
    VersionId previous = VersionId.ZERO;
    for (int i = 0; i < scripts.size(); i++) {
      MigrationScript script = scripts.get(i);
      if (script.kind() != ScriptKind.MIGRATE
          || !script.version().isAfter(previous)
          || !script.migrationSet().equals(set)) {
        throw new IllegalArgumentException(
            "script " + script.key() + " cannot be at position " + (i + 1) + " of " + set);
      }
      previous = script.version();
    }
    if (!previous.equals(toVersion)) {
      throw new IllegalArgumentException(
          "a chain to V" + toVersion + " cannot end at V" + previous);
    }
  }

  /** The scripts a device at {@code currentVersion} still needs, in the order to apply them. */
  public List<MigrationScript> pendingAfter(VersionId currentVersion) {
    return scripts.stream().filter(script -> script.version().isAfter(currentVersion)).toList();
  }

  /** The versions of the chain, lowest first. */
  public List<VersionId> versions() {
    return scripts.stream().map(MigrationScript::version).toList();
  }

  /** Whether {@code version} is one of the chain's, or {@link VersionId#ZERO}. */
  public boolean reaches(VersionId version) {
    return version.isZero() || scripts.stream().anyMatch(s -> s.version().equals(version));
  }

  /** The part of this chain up to {@code version}, which must be one of its versions or zero. */
  public MigrationChain upTo(VersionId version) {
    if (!reaches(version)) {
      throw new NoSuchElementException(label() + " has no version " + version);
    }
    return new MigrationChain(
        set,
        version,
        scripts.stream().filter(script -> !script.version().isAfter(version)).toList());
  }

  /** The highest version of this chain below {@code version}; zero when there is none. */
  public VersionId versionBefore(VersionId version) {
    VersionId before = VersionId.ZERO;
    for (MigrationScript script : scripts) {
      if (script.version().isBefore(version)) {
        before = script.version();
      }
    }
    return before;
  }

  /** The migrate script of {@code version}, which must be in this chain. */
  public MigrationScript script(VersionId version) {
    return scripts.stream()
        .filter(script -> script.version().equals(version))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException(label() + " has no version " + version));
  }

  /** Tells chains apart by content, not just by name: a re-pushed script is another chain. */
  public String identity() {
    StringBuilder identity = new StringBuilder(set.value());
    scripts.forEach(script -> identity.append('/').append(script.sha256()));
    return identity.toString();
  }

  /** For messages: {@code coachiq V1..V5}. */
  public String label() {
    if (scripts.isEmpty()) {
      return set + " (no versions)";
    }
    return set + " V" + scripts.get(0).version() + "..V" + toVersion;
  }
}
