package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.history.AppliedMigration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How Flotilla's history of a device strays from the catalogue: the applied versions must be
 * exactly the catalogue's scripts, from V1 up without gaps, each applied from the script the
 * catalogue has now. Judged by the safety check ({@code schema-drift}) and shown by the census.
 */
public final class HistoryDrift {
  private HistoryDrift() {}

  /** SHA-256 of each migrate script of {@code set}, by version; empty for an unknown set. */
  public static Map<VersionId, String> catalogueChecksums(Catalogue catalogue, MigrationSetId set) {
    Map<VersionId, String> checksums = new HashMap<>();
    catalogue
        .chain(set, catalogue.highestVersion(set))
        .ifPresent(chain -> chain.scripts().forEach(s -> checksums.put(s.version(), s.sha256())));
    return checksums;
  }

  /**
   * Each way {@code applied} (lowest first) strays from {@code catalogueChecksums}; none when it
   * does not, or when nothing is applied.
   */
  public static List<String> of(
      List<AppliedMigration> applied, Map<VersionId, String> catalogueChecksums) {
    List<String> drifts = new ArrayList<>();
    if (applied.isEmpty()) {
      return drifts;
    }
    Set<VersionId> versions =
        applied.stream().map(AppliedMigration::version).collect(Collectors.toSet());
    VersionId highest = applied.get(applied.size() - 1).version();
    // A version below the highest applied one that never ran would never run: a later push
    // slipped it in below what the device has, or the history lost it.
    catalogueChecksums.keySet().stream()
        .filter(version -> version.isBefore(highest) && !versions.contains(version))
        .sorted()
        .forEach(version -> drifts.add("V" + version + " is missing from the history"));
    for (AppliedMigration migration : applied) {
      String expected = catalogueChecksums.get(migration.version());
      if (expected == null) {
        drifts.add("V" + migration.version() + " is applied but not in the catalogue");
      } else if (!expected.equals(migration.checksum())) {
        drifts.add(
            "V"
                + migration.version()
                + " was applied from a script with checksum "
                + abbreviate(migration.checksum())
                + ", the catalogue's has "
                + abbreviate(expected));
      }
    }
    return drifts;
  }

  private static String abbreviate(String checksum) {
    return checksum == null || checksum.length() <= 12
        ? String.valueOf(checksum)
        : checksum.substring(0, 12);
  }
}
