package dev.flotilla.migration.adoption;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.foreign.ForeignHistory;
import dev.flotilla.devicedb.foreign.ForeignToolDetection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Judges a database without Flotilla's history, purely, from how its schema compares with each
 * version of the set and what the migration tools' histories in it say:
 *
 * <ul>
 *   <li>the schema must equal exactly the schema of some version's chain (V0, the empty schema,
 *       counts); none → {@link Identification.Unknown} naming the closest version and the
 *       differences;
 *   <li>a tool's history present must be trustworthy: one tool only, clean, and no table that bears
 *       a tool's name without its columns; otherwise → unknown;
 *   <li>the one tool's current version decides between versions that share a schema, and must be
 *       one of the matching versions; a tool that names another → unknown;
 *   <li>without any tool, the schema alone decides, if it matches one version only.
 * </ul>
 *
 * Never a guess: whatever the evidence does not settle is unknown, with the evidence said.
 */
final class AdoptionRules {
  private AdoptionRules() {}

  /**
   * @param differences for every version of the set from V0 up, in order, how the database's schema
   *     differs from that version's; empty where it is that version's schema
   */
  static Identification judge(
      MigrationSetId set, SortedMap<VersionId, List<String>> differences, ForeignReading foreign) {
    List<VersionId> matches =
        differences.entrySet().stream()
            .filter(entry -> entry.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList();
    VersionId closest = closest(differences);
    if (matches.isEmpty()) {
      List<String> nearest = differences.get(closest);
      return new Identification.Unknown(
          closest,
          nearest,
          "schema matches no version of set "
              + set
              + "; closest is V"
              + closest
              + " ("
              + nearest.size()
              + (nearest.size() == 1 ? " difference)" : " differences)")
              + toolsSay(foreign));
    }
    String schema =
        "schema matches "
            + versions(matches)
            + " of set "
            + set
            + (matches.size() > 1 ? " alike" : "");
    Optional<String> distrust = distrust(foreign.detection(), foreign.history());
    if (distrust.isPresent()) {
      return new Identification.Unknown(
          closest, List.of(), schema + ", but " + distrust.get() + "; not adopted on a guess");
    }
    if (foreign.history().isEmpty()) {
      if (matches.size() == 1) {
        return new Identification.Adoptable(
            matches.get(0), schema + "; no migration tool's history found");
      }
      return new Identification.Unknown(
          closest, List.of(), schema + ", and no migration tool's history tells them apart");
    }
    ForeignHistory history = foreign.history().get();
    String said = says(history);
    Optional<String> current = history.current();
    Optional<VersionId> named =
        current.isEmpty() ? Optional.of(VersionId.ZERO) : VersionId.tryParse(current.get());
    if (named.isEmpty()) {
      return new Identification.Unknown(
          closest, List.of(), schema + ", but " + said + ", which is no version");
    }
    if (matches.contains(named.get())) {
      // Spelt as the set spells it (000003), not as the tool stores it (3).
      return new Identification.Adoptable(
          matches.get(matches.indexOf(named.get())), schema + "; " + said);
    }
    List<String> namedDifferences = differences.get(named.get());
    if (namedDifferences == null) {
      return new Identification.Unknown(
          closest,
          List.of(),
          schema + ", but " + said + ", a version set " + set + " does not have");
    }
    return new Identification.Unknown(
        closest,
        List.of(),
        schema
            + ", but "
            + said
            + ", whose schema differs: "
            + String.join(", ", namedDifferences)
            + "; not adopted on a guess");
  }

  /** The version with the fewest differences; of several alike, the highest. */
  private static VersionId closest(SortedMap<VersionId, List<String>> differences) {
    VersionId closest = differences.firstKey();
    for (Map.Entry<VersionId, List<String>> entry : differences.entrySet()) {
      if (entry.getValue().size() <= differences.get(closest).size()) {
        closest = entry.getKey();
      }
    }
    return closest;
  }

  /** Why the tools' histories cannot be relied on, if they cannot. */
  private static Optional<String> distrust(
      ForeignToolDetection detection, Optional<ForeignHistory> history) {
    List<String> problems = new ArrayList<>();
    if (detection.found().size() > 1) {
      problems.add(
          "the histories of "
              + detection.found().size()
              + " migration tools are present ("
              + String.join(
                  "; ",
                  detection.found().stream()
                      .map(found -> found.tool() + ": " + found.evidence())
                      .toList())
              + ")");
    }
    history
        .filter(read -> !read.clean())
        .ifPresent(
            read ->
                problems.add(
                    ForeignReading.source(read.tool())
                        + " is not clean: "
                        + String.join("; ", read.anomalies())));
    problems.addAll(detection.doubts());
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** {@code ; flyway_schema_history says 4}, or nothing when there is no tool's word to add. */
  private static String toolsSay(ForeignReading foreign) {
    Optional<String> distrust = distrust(foreign.detection(), foreign.history());
    if (distrust.isPresent()) {
      return "; " + distrust.get();
    }
    return foreign.history().map(history -> "; " + says(history)).orElse("");
  }

  /** {@code flyway_schema_history says 3}, or that it counts nothing applied. */
  private static String says(ForeignHistory history) {
    String source = ForeignReading.source(history.tool());
    return history
        .current()
        .map(current -> source + " says " + current)
        .orElse(source + " says nothing is applied");
  }

  /** {@code V3}, {@code V2 and V3}, {@code V1, V2 and V3}. */
  private static String versions(List<VersionId> versions) {
    List<String> names = versions.stream().map(version -> "V" + version).toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
