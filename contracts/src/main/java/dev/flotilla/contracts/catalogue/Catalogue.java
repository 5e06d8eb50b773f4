package dev.flotilla.contracts.catalogue;

import dev.flotilla.contracts.id.MigrationSetId;
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
      Comparator.comparing(MigrationScript::version)
          .thenComparing(script -> script.kind().ordinal());

  private record Key(MigrationSetId set, VersionId version, ScriptKind kind) {}

  private final Map<Key, MigrationScript> scripts = new ConcurrentHashMap<>();

  /** The highest migrate version known per set (zero while only U, C or P scripts arrived). */
  private final Map<MigrationSetId, VersionId> highestVersions = new ConcurrentHashMap<>();

  public static Catalogue of(Collection<MigrationScript> scripts) {
    Catalogue catalogue = new Catalogue();
    scripts.forEach(catalogue::add);
    return catalogue;
  }

  public void add(MigrationScript script) {
    scripts.put(new Key(script.migrationSet(), script.version(), script.kind()), script);
    highestVersions.merge(
        script.migrationSet(),
        script.kind() == ScriptKind.MIGRATE ? script.version() : VersionId.ZERO,
        VersionId::max);
  }

  /** A copy that later records do not change, for one judgement. */
  public Catalogue snapshot() {
    return of(scripts.values());
  }

  /** The versions of {@code set} that have a migrate script, in order; empty for an unknown set. */
  public SortedSet<VersionId> migrateVersions(MigrationSetId set) {
    SortedSet<VersionId> versions = new TreeSet<>();
    scripts.keySet().stream()
        .filter(key -> key.set().equals(set) && key.kind() == ScriptKind.MIGRATE)
        .forEach(key -> versions.add(key.version()));
    return versions;
  }

  public boolean knowsSet(MigrationSetId set) {
    return highestVersions.containsKey(set);
  }

  /** The highest migrate version of {@code set}; zero for an unknown set. */
  public VersionId highestVersion(MigrationSetId set) {
    return highestVersions.getOrDefault(set, VersionId.ZERO);
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
  public boolean knows(MigrationSetId set, VersionId version) {
    return script(set, version, ScriptKind.MIGRATE).isPresent();
  }

  public Optional<MigrationScript> script(MigrationSetId set, VersionId version, ScriptKind kind) {
    return Optional.ofNullable(scripts.get(new Key(set, version, kind)));
  }

  /**
   * Every migrate script of {@code set} up to {@code toVersion}, or empty when {@code toVersion} is
   * not a migrate version of the set. Zero is the empty chain.
   */
  public Optional<MigrationChain> chain(MigrationSetId set, VersionId toVersion) {
    if (!toVersion.isZero() && !knows(set, toVersion)) {
      return Optional.empty();
    }
    return Optional.of(
        new MigrationChain(set, toVersion, scriptsUpTo(set, ScriptKind.MIGRATE, toVersion)));
  }

  private List<MigrationScript> scriptsUpTo(MigrationSetId set, ScriptKind kind, VersionId upTo) {
    return scripts.values().stream()
        .filter(script -> script.migrationSet().equals(set) && script.kind() == kind)
        .filter(script -> !script.version().isAfter(upTo))
        .sorted(SCRIPT_ORDER)
        .toList();
  }

  /** The undo script of V{@code version}, if the set has one. */
  public Optional<MigrationScript> undo(MigrationSetId set, VersionId version) {
    return script(set, version, ScriptKind.UNDO);
  }

  /**
   * Of {@code versions}, those above {@code target} whose undo script {@code set} lacks, lowest
   * first: what stops a downgrade to {@code target}.
   */
  public List<VersionId> missingUndo(
      MigrationSetId set, Collection<VersionId> versions, VersionId target) {
    return versions.stream()
        .filter(version -> version.isAfter(target))
        .filter(version -> undo(set, version).isEmpty())
        .sorted()
        .distinct()
        .toList();
  }

  /** The verification scripts of the versions up to {@code upToVersion} that exist, in order. */
  public List<MigrationScript> verifications(MigrationSetId set, VersionId upToVersion) {
    return scriptsUpTo(set, ScriptKind.VERIFY, upToVersion);
  }

  /**
   * The probe scripts of the versions a device at {@code currentVersion} would have applied on its
   * way to {@code targetVersion}: those of the versions above current up to target that exist, in
   * version order. A device already past version n never runs P(n): its data has been through V(n).
   */
  public List<MigrationScript> probes(
      MigrationSetId set, VersionId currentVersion, VersionId targetVersion) {
    return scriptsUpTo(set, ScriptKind.PROBE, targetVersion).stream()
        .filter(probe -> probe.version().isAfter(currentVersion))
        .toList();
  }

  /** An explanation of why {@code chain(set, toVersion)} is empty, for failure replies. */
  public String describeMissing(MigrationSetId set, VersionId toVersion) {
    if (!knowsSet(set)) {
      return "the catalogue has no migration set '" + set + "'";
    }
    VersionId highest = highestVersion(set);
    return "the catalogue of set '"
        + set
        + "' lacks V"
        + toVersion
        + (toVersion.isAfter(highest)
            ? " (its highest version is V" + highest + ")"
            : " (its versions are " + describe(migrateVersions(set)) + ")");
  }

  /** {@code V1, V1.1, V2}, or the first and last few of a long list. */
  private static String describe(SortedSet<VersionId> versions) {
    List<String> names = versions.stream().map(version -> "V" + version).toList();
    if (names.size() <= 8) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, 4))
        + ", …, "
        + String.join(", ", names.subList(names.size() - 3, names.size()));
  }
}
