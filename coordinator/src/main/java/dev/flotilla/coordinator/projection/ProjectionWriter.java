package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.event.RolloutEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/**
 * The projection's writes, on the one writer connection. A batch of events and the offsets after it
 * go in one transaction, so a crash leaves either both or neither.
 */
@RegisterConstructorMapper(RolloutRow.class)
@RegisterConstructorMapper(RolloutDeviceRow.class)
@RegisterConstructorMapper(WaveRow.class)
interface ProjectionWriter extends SqlObject, ProjectedRows {

  /**
   * Applies {@code events} in order and records the offsets to go on from, atomically; rows the
   * cache does not hold are read from the file.
   *
   * @return the batch's rows, to hand to the cache once the transaction has committed
   */
  @Transaction
  default BatchRows apply(
      EventFold fold, RowCache cache, List<RolloutEvent> events, Map<Integer, Long> nextOffsets) {
    BatchRows batch = new BatchRows(cache.over(this));
    for (RolloutEvent event : events) {
      fold.changes(event, batch).forEach(batch::add);
    }
    try {
      batch.writeTo(getHandle().getConnection());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the projections: " + e, e);
    }
    nextOffsets.forEach(this::putOffset);
    return batch;
  }

  /** Whether no rollout, device or wave row exists. */
  @SqlQuery(
      """
      SELECT NOT EXISTS (SELECT 1 FROM rollouts) AND NOT EXISTS (SELECT 1 FROM rollout_devices)
        AND NOT EXISTS (SELECT 1 FROM rollout_waves)""")
  boolean rolloutTablesEmpty();

  /** Drops every table and creates them empty: the projection starts again from offset zero. */
  @Transaction
  default void recreate() {
    dropTables();
    create();
  }

  /**
   * As {@link #recreate()}, but without the secondary indexes: for a rebuild, which adds them with
   * {@link #createIndexes()} at its end. A file left without them (a crash in between) gets them
   * when it is next opened.
   */
  @Transaction
  default void recreateUnindexed() {
    dropTables();
    ProjectionSchema.CREATE_TABLES.forEach(getHandle()::execute);
    getHandle().execute("PRAGMA user_version = " + ProjectionSchema.VERSION);
  }

  @Transaction
  default void createIndexes() {
    ProjectionSchema.CREATE_INDEXES.forEach(getHandle()::execute);
  }

  default void dropTables() {
    for (String table : ProjectionSchema.TABLES) {
      getHandle().execute("DROP TABLE IF EXISTS " + table);
    }
  }

  default void create() {
    ProjectionSchema.CREATE.forEach(getHandle()::execute);
    getHandle().execute("PRAGMA user_version = " + ProjectionSchema.VERSION);
  }

  @Override
  @SqlQuery("SELECT * FROM rollouts WHERE rollout_id = ?")
  Optional<RolloutRow> rollout(String rolloutId);

  @Override
  @SqlQuery("SELECT * FROM rollout_devices WHERE rollout_id = ? AND device_id = ?")
  Optional<RolloutDeviceRow> device(String rolloutId, String deviceId);

  @Override
  @SqlQuery("SELECT * FROM rollout_waves WHERE rollout_id = ? AND wave = ?")
  Optional<WaveRow> wave(String rolloutId, int wave);

  @SqlQuery("SELECT events_partition, next_offset FROM applied_offsets")
  @KeyColumn("events_partition")
  @ValueColumn("next_offset")
  Map<Integer, Long> appliedOffsets();

  @SqlQuery("PRAGMA user_version")
  int schemaVersion();

  @SqlUpdate(
      """
      INSERT INTO applied_offsets (events_partition, next_offset) VALUES (?, ?)
      ON CONFLICT (events_partition) DO UPDATE SET next_offset = excluded.next_offset""")
  void putOffset(int partition, long nextOffset);
}
