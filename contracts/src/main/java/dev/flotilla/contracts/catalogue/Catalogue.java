package dev.flotilla.contracts.catalogue;

import dev.flotilla.contracts.id.MigrationSetId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every pushed migration script, as the compacted {@code flotilla.migrations} topic describes it:
 * the latest script per set, version and kind wins. The one view of the catalogue: the workers run
 * its chains, the coordinator and {@code flotilla publish} judge requests against it, {@code
 * flotilla migrations list} shows it. A pure fold of the topic's records; thread-safe (fed by one
 * reader thread, read by others).
 */
public final class Catalogue {
  /** By version, then kind: V, U, C, P. */
  public static final Comparator<MigrationScript> SCRIPT_ORDER =
      Comparator.comparingInt(MigrationScript::version)
          .thenComparing(script -> script.kind().ordinal());

  private record Key(MigrationSetId set, int version, ScriptKind kind) {}

  private final Map<Key, MigrationScript> scripts = new ConcurrentHashMap<>();

  /** The highest migrate version known per set (0 while only U, C or P scripts arrived). */
  private final Map<MigrationSetId, Integer> highestVersions = new ConcurrentHashMap<>();

  public static Catalogue of(Collection<MigrationScript> scripts) {
    Catalogue catalogue = new Catalogue();
    scripts.forEach(catalogue::add);
    return catalogue;
  }

  public void add(MigrationScript script) {
    scripts.put(new Key(script.migrationSet(), script.version(), script.kind()), script);
    highestVersions.merge(
        script.migrationSet(),
        script.kind() == ScriptKind.MIGRATE ? script.version() : 0,
        Math::max);
  }

  /** A copy that later records do not change, for one judgement. */
  public Catalogue snapshot() {
    return of(scripts.values());
  }

  /** The versions of {@code set} that have a migrate script, in order; empty for an unknown set. */
  public SortedSet<Integer> migrateVersions(MigrationSetId set) {
    SortedSet<Integer> versions = new TreeSet<>();
    scripts.keySet().stream()
        .filter(key -> key.set().equals(set) && key.kind() == ScriptKind.MIGRATE)
        .forEach(key -> versions.add(key.version()));
    return versions;
  }

  public boolean knowsSet(MigrationSetId set) {
    return highestVersions.containsKey(set);
  }

  private int highestVersion(MigrationSetId set) {
    return highestVersions.getOrDefault(set, 0);
  }

  /** Every set the catalogue has a script of, by name. */
  public List<MigrationSetId> sets() {
    return highestVersions.keySet().stream().sorted().toList();
  }

  /** Every script of {@code set}, by version then kind (V, U, C, P); empty for an unknown set. */
  public List<MigrationScript> scriptsOf(MigrationSetId set) {
    return scripts.values().stream()
        .filter(script -> script.migrationSet().equals(set))
        .sorted(SCRIPT_ORDER)
        .toList();
  }

  /** Whether the migrate script V{@code version} of {@code set} is known. */
  public boolean knows(MigrationSetId set, int version) {
    return script(set, version, ScriptKind.MIGRATE).isPresent();
  }

  public Optional<MigrationScript> script(MigrationSetId set, int version, ScriptKind kind) {
    return Optional.ofNullable(scripts.get(new Key(set, version, kind)));
  }

  /** V1..V{@code toVersion} of {@code set}, or empty when any of them is unknown. */
  public Optional<MigrationChain> chain(MigrationSetId set, int toVersion) {
    if (toVersion > highestVersion(set)) {
      return Optional.empty();
    }
    List<MigrationScript> chain = new ArrayList<>(toVersion);
    for (int version = 1; version <= toVersion; version++) {
      Optional<MigrationScript> script = script(set, version, ScriptKind.MIGRATE);
      if (script.isEmpty()) {
        return Optional.empty();
      }
      chain.add(script.get());
    }
    return Optional.of(new MigrationChain(set, toVersion, chain));
  }

  /**
   * The unknown versions among V1..V{@code toVersion}, for explaining a missing chain: {@code V3,
   * V6..V9}.
   */
  public List<String> missingVersions(MigrationSetId set, int toVersion) {
    List<String> missing = new ArrayList<>();
    int highest = highestVersion(set);
    for (int version = 1; version <= Math.min(toVersion, highest); version++) {
      if (!knows(set, version)) {
        missing.add("V" + version);
      }
    }
    if (toVersion == highest + 1) {
      missing.add("V" + toVersion);
    } else if (toVersion > highest + 1) {
      missing.add("V" + (highest + 1) + "..V" + toVersion);
    }
    return missing;
  }

  /** The undo script of V{@code version}, if the set has one. */
  public Optional<MigrationScript> undo(MigrationSetId set, int version) {
    return script(set, version, ScriptKind.UNDO);
  }

  /** The verification scripts C1..C{@code upToVersion} that exist, in version order. */
  public List<MigrationScript> verifications(MigrationSetId set, int upToVersion) {
    List<MigrationScript> verifications = new ArrayList<>();
    for (int version = 1; version <= Math.min(upToVersion, highestVersion(set)); version++) {
      script(set, version, ScriptKind.VERIFY).ifPresent(verifications::add);
    }
    return verifications;
  }

  /**
   * The probe scripts of the versions a device at {@code currentVersion} would have applied on its
   * way to {@code targetVersion}: those among P(current+1)..P(target) that exist, in version order.
   * A device already past version n never runs P(n): its data has been through V(n).
   */
  public List<MigrationScript> probes(MigrationSetId set, int currentVersion, int targetVersion) {
    List<MigrationScript> probes = new ArrayList<>();
    int last = Math.min(targetVersion, highestVersion(set));
    for (int version = Math.max(currentVersion, 0) + 1; version <= last; version++) {
      script(set, version, ScriptKind.PROBE).ifPresent(probes::add);
    }
    return probes;
  }

  /** An explanation of why {@code chain(set, toVersion)} is empty, for failure replies. */
  public String describeMissing(MigrationSetId set, int toVersion) {
    if (!knowsSet(set)) {
      return "the catalogue has no migration set '" + set + "'";
    }
    return "the catalogue of set '"
        + set
        + "' lacks "
        + String.join(", ", missingVersions(set, toVersion));
  }
}
