package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.SchemaFingerprint;
import dev.flotilla.devicedb.open.Deadline;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.sqlite.SQLiteConfig;

/**
 * The schema a chain of scripts produces, found by applying it to an empty in-memory database: what
 * a device migrated by that chain must look like. Remembered per chain content, so a re-pushed
 * script is never judged by a stale answer. Thread-safe.
 */
public final class ChainFingerprints {
  private final Map<String, SchemaFingerprint> cache = new ConcurrentHashMap<>();

  /**
   * @throws ScriptFailedException when a script of the chain fails even on an empty database: the
   *     migration set itself is broken
   */
  public SchemaFingerprint of(MigrationChain chain, Deadline deadline) throws Exception {
    SchemaFingerprint known = cache.get(chain.identity());
    if (known != null) {
      return known;
    }
    SchemaFingerprint computed = compute(chain, deadline);
    cache.putIfAbsent(chain.identity(), computed);
    return computed;
  }

  /**
   * The fingerprint of every version of {@code chain}, {@link VersionId#ZERO} (the empty schema)
   * first: what a device at each of them must look like. The chain is applied once, fingerprinting
   * after each script; every prefix is remembered as {@link #of} would remember it.
   *
   * @throws ScriptFailedException when a script of the chain fails on an empty database
   */
  public SortedMap<VersionId, SchemaFingerprint> ofEachVersion(
      MigrationChain chain, Deadline deadline) throws Exception {
    SortedMap<VersionId, SchemaFingerprint> known = new TreeMap<>();
    for (VersionId version : versionsOf(chain)) {
      SchemaFingerprint fingerprint = cache.get(chain.upTo(version).identity());
      if (fingerprint == null) {
        return computeEach(chain, deadline);
      }
      known.put(version, fingerprint);
    }
    return known;
  }

  private static List<VersionId> versionsOf(MigrationChain chain) {
    List<VersionId> versions = new ArrayList<>();
    versions.add(VersionId.ZERO);
    versions.addAll(chain.versions());
    return versions;
  }

  private SortedMap<VersionId, SchemaFingerprint> computeEach(
      MigrationChain chain, Deadline deadline) throws Exception {
    SortedMap<VersionId, SchemaFingerprint> each = new TreeMap<>();
    try (Handle handle = emptyDatabase()) {
      each.put(VersionId.ZERO, SchemaFingerprint.of(handle.getConnection()));
      ScriptBatch.apply(
          handle,
          chain.scripts(),
          deadline,
          RowLossRule.UNGUARDED,
          (h, script, durationMillis) ->
              each.put(script.version(), SchemaFingerprint.of(h.getConnection())),
          (h, lockWindowMillis) -> null);
    }
    each.forEach(
        (version, fingerprint) -> cache.putIfAbsent(chain.upTo(version).identity(), fingerprint));
    return each;
  }

  /** Why {@link #of} failed, for a failure reply. */
  public static String explain(MigrationChain chain, ScriptFailedException failure) {
    if (failure.stoppedAtDeadline()) {
      return "applying " + chain.label() + " to an empty database: " + failure.getMessage();
    }
    return "the migration set is broken: "
        + chain.label()
        + " cannot be applied to an empty database: "
        + failure.getMessage();
  }

  private static Handle emptyDatabase() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    return ConnectionHandles.open(config.createConnection("jdbc:sqlite::memory:"));
  }

  private static SchemaFingerprint compute(MigrationChain chain, Deadline deadline)
      throws Exception {
    try (Handle handle = emptyDatabase()) {
      return ScriptBatch.apply(
          handle,
          chain.scripts(),
          deadline,
          RowLossRule.UNGUARDED,
          (h, script, durationMillis) -> {},
          (h, lockWindowMillis) -> SchemaFingerprint.of(h.getConnection()));
    }
  }
}
