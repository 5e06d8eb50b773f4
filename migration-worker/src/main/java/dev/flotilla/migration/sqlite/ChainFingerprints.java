package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.devicedb.SchemaFingerprint;
import dev.flotilla.devicedb.open.Deadline;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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

  private static SchemaFingerprint compute(MigrationChain chain, Deadline deadline)
      throws Exception {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    try (Handle handle = Jdbi.open(config.createConnection("jdbc:sqlite::memory:"))) {
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
