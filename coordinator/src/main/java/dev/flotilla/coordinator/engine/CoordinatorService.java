package dev.flotilla.coordinator.engine;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.KeyPartitions;
import dev.flotilla.messaging.LoopHealth;
import dev.flotilla.messaging.PoisonGuard;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TransactionalLoop;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the coordinator: the fleet view (catalogue, inventory, active devices), and the
 * transactional decide loop over its inputs. Requests wait in the loop, without blocking it, until
 * the view has caught up ({@link RequestReadiness}).
 */
public final class CoordinatorService implements AutoCloseable {
  public static final String GROUP = "flotilla-coordinator";

  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorService.class);

  /** How often the snapshots are looked at. */
  private static final Duration SNAPSHOT_CHECK = Duration.ofSeconds(10);

  /** A partition's snapshot is refreshed once this many events were written after it... */
  private static final long SNAPSHOT_AFTER_EVENTS = 20_000;

  /** ... or, when fewer were, this long after the last refresh. */
  private static final Duration SNAPSHOT_EVERY = Duration.ofMinutes(5);

  private final FleetView fleet;
  private final RolloutEngine engine;
  private final TransactionalLoop loop;
  private final PoisonGuard poisonGuard;
  private final ScheduledExecutorService refresher;
  private final Optional<SnapshotStore> snapshots;

  private CoordinatorService(
      FleetView fleet,
      RolloutEngine engine,
      TransactionalLoop loop,
      PoisonGuard poisonGuard,
      ScheduledExecutorService refresher,
      Optional<SnapshotStore> snapshots) {
    this.fleet = fleet;
    this.engine = engine;
    this.loop = loop;
    this.poisonGuard = poisonGuard;
    this.refresher = refresher;
    this.snapshots = snapshots;
  }

  /** Without snapshots: every assignment replays the whole partition. */
  public static CoordinatorService start(KafkaSettings kafka, MessageCodec codec) {
    return start(kafka, codec, Optional.empty());
  }

  /**
   * With {@code dataDir}, partition snapshots are kept in {@code snapshots.db} there and refreshed
   * from the committed log every few minutes, so a restart replays only the tail.
   */
  public static CoordinatorService start(
      KafkaSettings kafka, MessageCodec codec, Optional<Path> dataDir) {
    TopicProvisioner.ensureTopics(kafka);
    KeyPartitions rolloutPartitions = TopicProvisioner.rolloutPartitions(kafka);
    FleetView fleet = FleetView.follow(kafka);

    Optional<SnapshotStore> snapshots =
        dataDir.map(dir -> SnapshotStore.open(dir.resolve("snapshots.db")));
    PartitionRebuilder rebuilder =
        new PartitionRebuilder(kafka, snapshots, new SnapshotCodec(codec), Clock.systemUTC());
    Admissions admissions =
        new Admissions(
            fleet::snapshot, fleet.admittedRollouts(), new EventLinks(codec), Clock.systemUTC());
    RolloutEngine engine =
        new RolloutEngine(
            rebuilder, admissions, new EventLinks(codec), rolloutPartitions, Clock.systemUTC());
    RequestReadiness readiness = new RequestReadiness(fleet::caughtUp);
    TransactionalLoop loop =
        TransactionalLoop.builder(kafka, GROUP, GROUP)
            .subscribe(Topics.coordinatorInputs())
            .handler(engine::handle)
            .holdUntilReady(readiness)
            .invalidRecords(new UnreadableRequests(Clock.systemUTC()))
            .onAssigned(
                partitions -> {
                  readiness.forget(partitions);
                  return engine.assigned(partitions);
                })
            .onRevoked(
                partitions -> {
                  readiness.forget(partitions);
                  engine.revoked(partitions);
                })
            .tick(Duration.ofSeconds(1), engine::tick)
            .maxPollRecords(500)
            .build()
            .start();
    ScheduledExecutorService refresher =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "flotilla-snapshots");
              thread.setDaemon(true);
              return thread;
            });
    if (snapshots.isPresent()) {
      // A restart replays the log after the snapshot: keep that tail short while rollouts run.
      long checksPerRefresh = SNAPSHOT_EVERY.toSeconds() / SNAPSHOT_CHECK.toSeconds();
      AtomicLong checks = new AtomicLong();
      refresher.scheduleWithFixedDelay(
          () -> {
            boolean due = checks.incrementAndGet() % checksPerRefresh == 0;
            refreshSnapshots(rebuilder, engine.takeLaggingSnapshots(SNAPSHOT_AFTER_EVENTS, due));
          },
          SNAPSHOT_CHECK.toSeconds(),
          SNAPSHOT_CHECK.toSeconds(),
          TimeUnit.SECONDS);
    }
    // Every deployment runs a coordinator: it guards the followed topics for all services.
    PoisonGuard poisonGuard = PoisonGuard.start(kafka, Topics.followed());
    return new CoordinatorService(fleet, engine, loop, poisonGuard, refresher, snapshots);
  }

  /** How its loops are doing: the decide loop and the poison guard. */
  public List<LoopHealth> loops() {
    return List.of(loop.health(), poisonGuard.health());
  }

  /** The partitions of the rollout inputs this instance owns now (0 brings the admissions). */
  public Set<Integer> ownedPartitions() {
    return engine.ownedPartitions();
  }

  /** What the devices and the workers last reported of each device, as the coordinator follows. */
  public ReportedDevices reportedDevices() {
    return fleet.reportedDevices();
  }

  private static void refreshSnapshots(PartitionRebuilder rebuilder, Set<Integer> partitions) {
    for (int partition : partitions) {
      try {
        rebuilder.rebuildAndSnapshot(partition);
      } catch (RuntimeException e) {
        LOG.warn("could not refresh the snapshot of partition {}: {}", partition, e.toString());
      }
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
    poisonGuard.close();
    loop.close();
    fleet.close();
    snapshots.ifPresent(SnapshotStore::close);
  }
}
