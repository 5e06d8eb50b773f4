package dev.flotilla.migration.adoption;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.devicedb.SchemaFingerprint;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Tells which version of a set a device database is at. With Flotilla's history ({@code
 * flotilla_schema_history} holding rows) that history says. Without it, the database's schema
 * fingerprint is compared with the fingerprint of every version's chain applied to an empty
 * database ({@link ChainFingerprints}), and the migration tool's history in the database, if any,
 * is read; {@link AdoptionRules} judges both. Only reads: works on a read-only connection, and
 * inside a transaction.
 */
public final class SchemaIdentifier {
  private final Catalogue catalogue;
  private final ChainFingerprints fingerprints;

  public SchemaIdentifier(Catalogue catalogue, ChainFingerprints fingerprints) {
    this.catalogue = catalogue;
    this.fingerprints = fingerprints;
  }

  /**
   * @throws ScriptFailedException when the set's chain was stopped at the deadline while its
   *     fingerprints were taken
   * @throws Exception when the database cannot be read
   */
  public Identification identify(Connection readOnlyDb, MigrationSetId set, Deadline deadline)
      throws Exception {
    List<AppliedMigration> applied = SchemaHistory.applied(readOnlyDb);
    if (!applied.isEmpty()) {
      return new Identification.Tracked(applied.get(applied.size() - 1).version());
    }
    MigrationChain whole = catalogue.chain(set, catalogue.highestVersion(set)).orElseThrow();
    SortedMap<VersionId, SchemaFingerprint> expected;
    try {
      expected = fingerprints.ofEachVersion(whole, deadline);
    } catch (ScriptFailedException e) {
      if (e.stoppedAtDeadline()) {
        throw e;
      }
      return new Identification.Unknown(
          VersionId.ZERO,
          List.of(),
          "the versions of set "
              + set
              + " cannot be told apart: "
              + ChainFingerprints.explain(whole, e));
    }
    SchemaFingerprint actual = SchemaFingerprint.of(readOnlyDb);
    SortedMap<VersionId, List<String>> differences = new TreeMap<>();
    for (Map.Entry<VersionId, SchemaFingerprint> version : expected.entrySet()) {
      differences.put(version.getKey(), differences(actual, version.getValue()));
    }
    return AdoptionRules.judge(set, differences, ForeignReading.of(readOnlyDb));
  }

  /**
   * Whether the database a migration adopts at {@code adopted} is still that database, asked inside
   * the migration's transaction once {@code appliedSoFar}'s last script ran on it (or, with nothing
   * to apply, before anything): Flotilla's history still empty, the schema exactly {@code
   * appliedSoFar}'s, and the tools' histories still naming {@code adopted} (or still absent). Empty
   * when it is; otherwise why not.
   */
  public Optional<String> changedSince(
      Connection db,
      MigrationSetId set,
      Identification.Adoptable adopted,
      MigrationChain appliedSoFar,
      Deadline deadline)
      throws Exception {
    if (!SchemaHistory.applied(db).isEmpty()) {
      return Optional.of("Flotilla's history was written to the database meanwhile");
    }
    SchemaFingerprint actual = SchemaFingerprint.of(db);
    List<String> differences = differences(actual, fingerprints.of(appliedSoFar, deadline));
    if (!differences.isEmpty()) {
      return Optional.of(
          (appliedSoFar.toVersion().equals(adopted.version())
                  ? "the schema is no longer V" + adopted.version()
                  : "the schema was not V"
                      + adopted.version()
                      + "'s: after V"
                      + appliedSoFar.toVersion()
                      + " ran it is not V"
                      + appliedSoFar.toVersion()
                      + "'s")
              + " of set "
              + set
              + " ("
              + String.join(", ", differences)
              + ")");
    }
    SortedMap<VersionId, List<String>> asAdopted = new TreeMap<>();
    asAdopted.put(adopted.version(), List.of());
    Identification now = AdoptionRules.judge(set, asAdopted, ForeignReading.of(db));
    if (now instanceof Identification.Adoptable same && same.version().equals(adopted.version())) {
      return Optional.empty();
    }
    return Optional.of(
        now instanceof Identification.Unknown unknown ? unknown.evidence() : now.toString());
  }

  /** None when the schemas are one; otherwise each object that differs, or that they differ. */
  private static List<String> differences(SchemaFingerprint actual, SchemaFingerprint expected) {
    if (actual.matches(expected)) {
      return List.of();
    }
    List<String> named = actual.differencesFrom(expected);
    return named.isEmpty() ? List.of("the same objects, written differently") : named;
  }
}
