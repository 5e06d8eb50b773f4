package dev.flotilla.coordinator.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.event.DeviceStage;
import dev.flotilla.contracts.event.RolloutEvent;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.coordinator.saga.RolloutStatus;
import dev.flotilla.coordinator.saga.SagaScenario;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projections on a real SQLite file. */
class ProjectionStoreTest {
  private static final Instant T0 = DeciderLogs.T0;

  @TempDir Path dir;

  /** Two waves: the first one's device done, the second waiting for approval. */
  private final List<RolloutEvent> first = first();

  private static List<RolloutEvent> first() {
    SagaScenario r = DeciderLogs.scenario("r-1");
    r.start(DeciderLogs.TWO_WAVES, "rv-1", "rv-2");
    r.succeed("rv-1");
    return r.log;
  }

  @Test
  void aBatchAndItsOffsetsAreThereAfterReopening() {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      store.apply(first, Map.of(3, 14L));
    }

    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      assertThat(store.appliedOffsets()).isEqualTo(Map.of(3, 14L));
      ProjectionQueries queries = store.queries();
      RolloutRow rollout = queries.rollout("r-1").orElseThrow();
      assertThat(rollout.status()).isEqualTo(RolloutStatus.AWAITING_APPROVAL);
      assertThat(rollout.done()).isEqualTo(1);
      assertThat(rollout.acceptedAt()).isEqualTo(T0);
      assertThat(rollout.dryRun()).isFalse();
      assertThat(queries.rollouts()).containsExactly(rollout);
      assertThat(queries.devices("r-1"))
          .extracting(RolloutDeviceRow::deviceId, RolloutDeviceRow::stage)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("rv-1", DeviceStage.DONE),
              org.assertj.core.groups.Tuple.tuple("rv-2", DeviceStage.PENDING));
      assertThat(queries.waves("r-1"))
          .extracting(WaveRow::wave, WaveRow::state)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1, WaveRow.State.STARTED),
              org.assertj.core.groups.Tuple.tuple(2, WaveRow.State.AWAITING_APPROVAL));
      assertThat(queries.countsByStage("r-1"))
          .containsExactly(
              new StageCount(null, DeviceStage.DONE, 1),
              new StageCount(null, DeviceStage.PENDING, 1));
      assertThat(queries.countsByWave("r-1"))
          .containsExactly(
              new StageCount(null, DeviceStage.PENDING, 1), new StageCount(1, DeviceStage.DONE, 1));
      assertThat(queries.auditCount()).isEqualTo(first.size());
    }
  }

  @Test
  void aBatchThatFailsHalfwayLeavesNeitherItsRowsNorItsOffsets() {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      List<RolloutEvent> events = first;
      store.apply(events.subList(0, 2), Map.of(0, 2L));
      ProjectionFold fold = new ProjectionFold(new MessageCodec());
      AtomicInteger seen = new AtomicInteger();
      EventFold breaksOnTheSecond =
          (event, rows) -> {
            if (seen.incrementAndGet() == 2) {
              throw new IllegalStateException("disk full");
            }
            return fold.changes(event, rows);
          };

      assertThatThrownBy(() -> store.apply(breaksOnTheSecond, events.subList(2, 6), Map.of(0, 6L)))
          .hasMessageContaining("disk full");

      assertThat(store.appliedOffsets()).isEqualTo(Map.of(0, 2L));
      assertThat(store.queries().auditCount()).isEqualTo(2);
      assertThat(store.queries().rollout("r-1").orElseThrow().lastSequence()).isEqualTo(2);
      assertThat(store.queries().history("rv-1")).isEmpty();
    }
  }

  @Test
  void batchesAppliedAcrossAReopeningLeaveTheSameRowsAsOneBatch() {
    List<Object> whole;
    try (ProjectionStore store = ProjectionStore.open(dir.resolve("whole.db"))) {
      store.apply(first, Map.of(0, 14L));
      whole = rows(store);
    }
    Path split = dir.resolve("split.db");
    try (ProjectionStore store = ProjectionStore.open(split)) {
      store.apply(first.subList(0, 5), Map.of(0, 5L));
    }
    // Reopened, the store holds no rows in memory: the rest must find the first ones in the file.
    try (ProjectionStore store = ProjectionStore.open(split)) {
      store.apply(first.subList(5, 9), Map.of(0, 9L));
      store.apply(first.subList(9, first.size()), Map.of(0, 14L));
      assertThat(rows(store)).isEqualTo(whole);
    }
  }

  @Test
  void aBatchThatFailedIsAppliedAgainFromTheRowsAsCommitted() {
    List<Object> whole;
    try (ProjectionStore store = ProjectionStore.open(dir.resolve("whole.db"))) {
      store.apply(first, Map.of(0, 14L));
      whole = rows(store);
    }
    try (ProjectionStore store = ProjectionStore.open(dir.resolve("retried.db"))) {
      store.apply(first.subList(0, 4), Map.of(0, 4L));
      ProjectionFold fold = new ProjectionFold(new MessageCodec());
      AtomicInteger seen = new AtomicInteger();
      EventFold breaksOnTheLast =
          (event, rows) -> {
            List<RowChange> changes = fold.changes(event, rows);
            if (seen.incrementAndGet() == first.size() - 4) {
              throw new IllegalStateException("disk full");
            }
            return changes;
          };
      assertThatThrownBy(
              () -> store.apply(breaksOnTheLast, first.subList(4, first.size()), Map.of(0, 14L)))
          .hasMessageContaining("disk full");

      store.apply(first.subList(4, first.size()), Map.of(0, 14L));
      assertThat(rows(store)).isEqualTo(whole);
    }
  }

  private static List<Object> rows(ProjectionStore store) {
    ProjectionQueries queries = store.queries();
    return List.of(
        queries.rollouts(),
        queries.devices("r-1"),
        queries.waves("r-1"),
        queries.auditCount(),
        queries.history("rv-1"),
        queries.history("rv-2"));
  }

  @Test
  void aRebuildsIndexesComeAtItsEndOrWhenAFileLeftWithoutThemIsOpened() throws SQLException {
    Path file = dir.resolve(ProjectionStore.FILE_NAME);
    try (ProjectionStore store = ProjectionStore.open(file)) {
      assertThat(indexes(file)).hasSize(ProjectionSchema.CREATE_INDEXES.size());
      store.resetUnindexed();
      store.apply(first, Map.of(0, 14L));
      assertThat(indexes(file)).isEmpty();
      store.indexed();
      assertThat(indexes(file)).hasSize(ProjectionSchema.CREATE_INDEXES.size());
      store.resetUnindexed(); // and the process dies here
    }
    try (ProjectionStore reopened = ProjectionStore.open(file)) {
      assertThat(indexes(reopened.file())).hasSize(ProjectionSchema.CREATE_INDEXES.size());
    }
  }

  private static List<String> indexes(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")) {
      List<String> names = new java.util.ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      return names;
    }
  }

  @Test
  void applyingTheSameEventsAgainCountsNothingTwice() {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      store.apply(first, Map.of(0, 14L));
      store.apply(first, Map.of(0, 14L));

      assertThat(store.queries().rollout("r-1").orElseThrow().done()).isEqualTo(1);
      assertThat(store.queries().auditCount()).isEqualTo(first.size());
    }
  }

  @Test
  void resetLeavesEveryTableAndTheOffsetsEmpty() throws SQLException {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      store.apply(first, Map.of(0, 14L, 1, 3L));

      store.reset();

      assertThat(store.appliedOffsets()).isEmpty();
    }
    for (String table : ProjectionSchema.TABLES) {
      assertThat(count(table)).as(table).isZero();
    }
  }

  @Test
  void aSecondWriterIsTurnedAwayWhileTheFirstHoldsTheFile() {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      assertThatThrownBy(() -> ProjectionStore.inDataDir(dir))
          .isInstanceOf(ProjectionsInUseException.class)
          .hasMessageContaining("projections.db")
          .hasMessageContaining("in use");
      assertThat(store.appliedOffsets()).isEmpty();
    }
    try (ProjectionStore again = ProjectionStore.inDataDir(dir)) {
      assertThat(again.file()).isEqualTo(dir.resolve(ProjectionStore.FILE_NAME));
    }
  }

  @Test
  void theFileIsInWalModeSoReadersNeverWaitForTheWriter() throws SQLException {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      store.apply(first, Map.of(0, 14L));
      try (Connection c = jdbc();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("wal");
      }
    }
  }

  @Test
  void aFileOfAnOlderShapeIsEmptiedSoItIsRebuiltFromTheLog() throws SQLException {
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      store.apply(first, Map.of(0, 14L));
    }
    try (Connection c = jdbc();
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 99");
    }

    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      assertThat(store.appliedOffsets()).isEmpty();
      assertThat(store.queries().rollouts()).isEmpty();
    }
  }

  @Test
  void aDeviceShowsItsLatestVersionAndItsAuditAcrossRolloutsInTimeOrder() {
    // A later rollout over rv-1, whose safety check refuses it.
    SagaScenario later = new SagaScenario(RolloutId.of("r-0-later"), T0.plusSeconds(3600));
    later.start(RolloutPolicy.DEFAULT, "rv-1");
    later.reply("rv-1", SagaScenario::failure);
    List<RolloutEvent> second = later.log;
    try (ProjectionStore store = ProjectionStore.inDataDir(dir)) {
      // The later rollout first: partitions interleave, the answers must not depend on it.
      store.apply(second, Map.of(1, 5L));
      store.apply(first, Map.of(0, 14L));
      ProjectionQueries queries = store.queries();

      assertThat(queries.currentVersion("rv-1")).contains(VersionId.of(5));
      assertThat(queries.currentVersion("rv-2")).isEmpty();
      assertThat(queries.rolloutsOf("rv-1"))
          .extracting(RolloutDeviceRow::rolloutId)
          .containsExactly("r-1", "r-0-later");

      List<AuditRow> page1 = queries.auditOfDevice("rv-1", null, null, 0, 8);
      AuditRow last = page1.get(7);
      List<AuditRow> page2 =
          queries.auditOfDevice("rv-1", last.occurredAt(), last.rolloutId(), last.sequence(), 8);
      assertThat(page1).extracting(AuditRow::rolloutId).containsOnly("r-1");
      assertThat(page2)
          .extracting(AuditRow::rolloutId, AuditRow::type)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("r-1", "DeviceFinished"),
              org.assertj.core.groups.Tuple.tuple("r-0-later", "StepDispatched"),
              org.assertj.core.groups.Tuple.tuple("r-0-later", "StepCompleted"),
              org.assertj.core.groups.Tuple.tuple("r-0-later", "DeviceFinished"));
      assertThat(queries.auditOfRollout("r-1", 9, 3))
          .extracting(AuditRow::sequence)
          .containsExactly(10L, 11L, 12L);
    }
  }

  private Connection jdbc() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(ProjectionStore.FILE_NAME));
  }

  private long count(String table) throws SQLException {
    try (Connection c = jdbc();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
